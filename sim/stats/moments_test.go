package stats

import (
	"math"
	"testing"
)

// TestMomentsExact checks moments to the bit. The sample {0.1, 0.2, 0.4}
// is one where the sum of squared deviations differs if each product is
// fused into the sum (a variance of 0.023333333333333334 instead of
// 0.023333333333333338): the product must be rounded first, on every
// processor.
func TestMomentsExact(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		name           string
		xs             []float64
		n              int
		mean, variance float64
	}{
		{"no values", nil, 0, nan, nan},
		{"only NaN", []float64{nan}, 0, nan, nan},
		{"one value", []float64{nan, 2.5}, 1, 2.5, nan},
		{"two values", []float64{1, 4}, 2, 2.5, 4.5},
		{"would fuse", []float64{0.1, nan, 0.2, 0.4}, 3, 0.23333333333333336, 0.023333333333333338},
		{"no spread", []float64{0.3, 0.3, 0.3}, 3, 0.3, 0},
	}
	same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
	for _, c := range cases {
		s := moments(c.xs)
		if s.n != c.n || !same(s.mean, c.mean) || !same(s.variance, c.variance) {
			t.Errorf("%s: moments = n %d, mean %v, variance %v; want n %d, mean %v, variance %v",
				c.name, s.n, s.mean, s.variance, c.n, c.mean, c.variance)
		}
	}
}
