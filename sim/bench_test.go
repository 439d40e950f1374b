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
// baseline, in years 6 to 15 of its burn-in, at 10 thousand to 1 million
// households, with one and two workers (set in the model's Config: the
// -cpu flag does not reach a benchmark's set-up code); docs/PERFORMANCE.md
// has the numbers.
func BenchmarkStep(b *testing.B) {
	for _, c := range []struct{ n, workers int }{
		{10_000, 1}, {100_000, 1}, {1_000_000, 1},
		{10_000, 2}, {100_000, 2}, {1_000_000, 2},
	} {
		n := c.n
		b.Run(fmt.Sprintf("households=%d/workers=%d", n, c.workers), func(b *testing.B) {
			sc, err := scenarios.Load("baseline", []string{fmt.Sprintf("population.households=%d", n)})
			if err != nil {
				b.Fatal(err)
			}
			eps, err := sc.Epochs()
			if err != nil {
				b.Fatal(err)
			}
			start, err := sim.New(&sc.Params, eps, sim.Config{Seed: 1, Workers: c.workers})
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			for range 5 {
				if err := start.Step(ctx); err != nil {
					b.Fatal(err)
				}
			}
			// Years 6 to 15 of the burn-in, over and over: a fresh copy of
			// the year-5 state every ten steps (copied off the clock).
			m := start.Fork(nil)
			b.ReportAllocs()
			hy := 0.0
			steps := 0
			for b.Loop() {
				if steps == 10 {
					b.StopTimer()
					m, steps = start.Fork(nil), 0
					b.StartTimer()
				}
				if err := m.Step(ctx); err != nil {
					b.Fatal(err)
				}
				steps++
				hy += float64(m.Households())
			}
			b.ReportMetric(hy/b.Elapsed().Seconds(), "household-years/s")
			b.ReportMetric(b.Elapsed().Seconds()*1e9/hy, "ns/household-year")
		})
	}
}
