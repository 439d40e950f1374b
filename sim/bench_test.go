package sim

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkStep times one simulated year of the whole model (after a
// five-year warm-up) at several sizes.
func BenchmarkStep(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("households=%d", n), func(b *testing.B) {
			p := testParams()
			p.Population.Households = n
			p.Time.BurnIn, p.Time.Years = 5, 200
			m, err := New(p, nil, Config{Seed: 1})
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			for range 5 {
				m.Step(ctx)
			}
			b.ReportAllocs()
			for b.Loop() {
				m.Step(ctx)
			}
			b.ReportMetric(float64(m.Households())*float64(b.N)/b.Elapsed().Seconds(), "household-years/s")
		})
	}
}
