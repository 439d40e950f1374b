package experiment

import (
	"strings"
	"testing"

	"github.com/hukousim/hukousim/sim"
)

// A run that does not fit is refused before it allocates, with the flag
// to lower; one that fits, or where the memory is unknown, passes.
func TestCheckMemory(t *testing.T) {
	p := sim.DefaultParams()
	p.Population.Households = 1_000_000
	p.Time.Years = 10
	pop := sim.EstimateBytes(&p)
	if err := checkMemory(&p, 5, 0); err != nil {
		t.Errorf("unknown memory: %v", err)
	}
	if err := checkMemory(&p, 5, 4*pop); err != nil {
		t.Errorf("4× the population's memory available: %v", err)
	}
	if err := checkMemory(&p, 5, pop/2); err == nil || !strings.Contains(err.Error(), "lower --households") {
		t.Errorf("half the population's memory: %v, want a refusal naming --households", err)
	}
	// Metrics: 10,000 replicates of 10 years at metricsBytes each is
	// 6.6 GB, far more than the population's memory.
	if err := checkMemory(&p, 10000, 2*pop); err == nil || !strings.Contains(err.Error(), "lower --reps or --years") {
		t.Errorf("10,000 replicates: %v, want a refusal naming --reps", err)
	}
}
