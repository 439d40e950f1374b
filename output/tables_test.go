package output

import (
	"math"
	"testing"
)

// MeanCI on small cases worked by hand.
func TestMeanCI(t *testing.T) {
	cases := []struct {
		name            string
		xs              []float64
		n               int
		mean, low, high float64
	}{
		// x = 1, 2, 3, 4: mean 2.5, sd = √(5/3) = 1.2909944, t(0.975, 3) =
		// 3.1824463, half-width = 3.1824463·1.2909944/2 = 4.1085203/2 = 2.0542602.
		{"four values", []float64{1, 2, 3, 4}, 4, 2.5, 0.4457398, 4.5542602},
		// x = 10, 12: mean 11, sd = √2, t(0.975, 1) = 12.7062047,
		// half-width = 12.7062047·√2/√2 = 12.7062047.
		{"two values", []float64{10, 12}, 2, 11, -1.7062047, 23.7062047},
		// NaN (an empty denominator) is left out: as {1, 2, 3, 4}.
		{"NaN left out", []float64{1, math.NaN(), 2, 3, 4}, 4, 2.5, 0.4457398, 4.5542602},
		// One value: a mean, no interval.
		{"one value", []float64{7}, 1, 7, math.NaN(), math.NaN()},
		// Identical values: an interval of width 0.
		{"no spread", []float64{3, 3, 3}, 3, 3, 3, 3},
	}
	near := func(a, b float64) bool { return (math.IsNaN(a) && math.IsNaN(b)) || math.Abs(a-b) < 1e-6 }
	for _, c := range cases {
		got := MeanCI(c.xs)
		if got.N != c.n || !near(got.Mean, c.mean) || !near(got.Low, c.low) || !near(got.High, c.high) {
			t.Errorf("%s: got %+v, want n=%d mean=%g [%g, %g]", c.name, got, c.n, c.mean, c.low, c.high)
		}
	}
	if got := MeanCI(nil); got.N != 0 || !math.IsNaN(got.Mean) {
		t.Errorf("no values: got %+v, want NaN", got)
	}
}
