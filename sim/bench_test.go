package sim_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hukousim/hukousim/scenarios"
	"github.com/hukousim/hukousim/sim"
)

// BenchmarkStep times one simulated year of the whole model (every
// submodel, the city feedback and the metrics' sums) on the embedded
// baseline, after five years' warm-up, at 10 thousand to 1 million
// households. Run with -cpu 1,2 for one and two workers (the model uses
// GOMAXPROCS workers); docs/PERFORMANCE.md has the numbers.
func BenchmarkStep(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("households=%d", n), func(b *testing.B) {
			sc, err := scenarios.Load("baseline", []string{fmt.Sprintf("population.households=%d", n)})
			if err != nil {
				b.Fatal(err)
			}
			eps, err := sc.Epochs()
			if err != nil {
				b.Fatal(err)
			}
			m, err := sim.New(&sc.Params, eps, sim.Config{Seed: 1})
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			for range 5 {
				if err := m.Step(ctx); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			hy := 0.0
			for b.Loop() {
				if err := m.Step(ctx); err != nil {
					b.Fatal(err)
				}
				hy += float64(m.Households())
			}
			b.ReportMetric(hy/b.Elapsed().Seconds(), "household-years/s")
			b.ReportMetric(b.Elapsed().Seconds()*1e9/hy, "ns/household-year")
		})
	}
}
