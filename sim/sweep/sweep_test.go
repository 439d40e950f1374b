package sweep

import (
	"math"
	"slices"
	"testing"
)

// TestQuantile: each distribution maps the ends of [0, 1] to the ends of
// its values and the middle where it should; a list's values are equally
// likely; a grid's range gives its evenly spaced steps.
func TestQuantile(t *testing.T) {
	for _, tc := range []struct {
		name string
		d    Dist
		u    []float64
		want []float64
	}{
		{"range", Dist{Kind: "range", Args: []float64{1, 3}}, []float64{0, 0.25, 1}, []float64{1, 1.5, 3}},
		// steps 3 over [0, 1]: 0, 0.5, 1, each a third of [0, 1].
		{"grid range", Dist{Kind: "range", Args: []float64{0, 1}, Steps: 3}, []float64{0.1, 0.5, 0.9, 1}, []float64{0, 0.5, 1, 1}},
		{"values", Dist{Kind: "values", Values: []float64{7, 8, 9, 10}}, []float64{0, 0.24, 0.25, 0.99, 1}, []float64{7, 7, 8, 10, 10}},
		// log-uniform over [1, 100]: the middle is 10.
		{"log-range", Dist{Kind: "log-range", Args: []float64{1, 100}}, []float64{0, 0.5, 1}, []float64{1, 10, 100}},
		// symmetric triangular over [0, 2], mode 1: the median is the mode;
		// the first quartile is sqrt(0.25·2·1) = 0.7071.
		{"triangular", Dist{Kind: "triangular", Args: []float64{0, 1, 2}}, []float64{0, 0.25, 0.5, 1}, []float64{0, math.Sqrt(0.5), 1, 2}},
		// a normal cut symmetrically about its mean: the median is the mean,
		// the ends are the cut.
		{"normal", Dist{Kind: "normal", Args: []float64{5, 1, 3, 7}}, []float64{0, 0.5, 1}, []float64{3, 5, 7}},
	} {
		for i, u := range tc.u {
			if got := tc.d.Quantile(u); math.Abs(got-tc.want[i]) > 1e-12 {
				t.Errorf("%s: Quantile(%g) = %g, want %g", tc.name, u, got, tc.want[i])
			}
		}
	}
	// A normal cut to [mean, mean + 1 sd] puts its median at the 1/2 +
	// (Φ(1) − 1/2)/2 quantile: Φ⁻¹(0.670672) = 0.441.
	d := Dist{Kind: "normal", Args: []float64{0, 1, 0, 1}}
	if got := d.Quantile(0.5); math.Abs(got-0.4413) > 1e-3 {
		t.Errorf("half-normal cut at 1 sd: median %g, want 0.4413", got)
	}
}

// TestSets: a set parameter is written as is at its path, a scale
// multiplies each path's base, an integer field is rounded.
func TestSets(t *testing.T) {
	set := Parameter{Name: "psi", Paths: []string{"preferences.psi"}, Mode: "set"}
	if got := set.Sets(0.025); !slices.Equal(got, []string{"preferences.psi=0.025"}) {
		t.Errorf("set: %v", got)
	}
	scale := Parameter{Name: "fees", Paths: []string{"a.x", "b.x"}, Mode: "scale", Bases: []float64{100, 30}}
	if got := scale.Sets(1.5); !slices.Equal(got, []string{"a.x=150", "b.x=45"}) {
		t.Errorf("scale: %v", got)
	}
	years := Parameter{Name: "y", Paths: []string{"c.years"}, Mode: "set", Int: true, Dist: Dist{Kind: "range", Args: []float64{0, 5}}}
	if got := years.Value(0.45); got != 2 { // 2.25 rounds to 2
		t.Errorf("integer value %g, want 2", got)
	}
}

// TestGridPoints: a grid of two parameters gives every combination, the
// last parameter fastest, as values.
func TestGridPoints(t *testing.T) {
	s := &Spec{
		Params: []Parameter{
			{Name: "a", Dist: Dist{Kind: "values", Values: []float64{1, 2}}},
			{Name: "b", Dist: Dist{Kind: "range", Args: []float64{0, 1}, Steps: 3}},
		},
		Design: Design{Method: "grid"},
	}
	pts, err := s.Points()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]float64{{1, 0}, {1, 0.5}, {1, 1}, {2, 0}, {2, 0.5}, {2, 1}}
	if len(pts) != len(want) {
		t.Fatalf("%d points, want %d", len(pts), len(want))
	}
	for i := range want {
		if !slices.Equal(pts[i], want[i]) {
			t.Errorf("point %d = %v, want %v", i, pts[i], want[i])
		}
	}
	s.Params[1].Dist = Dist{Kind: "range", Args: []float64{0, 1}} // no steps
	if _, err := s.Points(); err == nil {
		t.Error("a grid over a range without steps gave points")
	}
}

// TestIntegerRange: an integer field over a range takes each whole number
// in it for an equal share of the unit interval.
func TestIntegerRange(t *testing.T) {
	p := Parameter{Int: true, Dist: Dist{Kind: "range", Args: []float64{14, 18}}}
	count := map[float64]int{}
	for i := range 1000 {
		count[p.Value((float64(i)+0.5)/1000)]++
	}
	for v := 14.0; v <= 18; v++ {
		if count[v] != 200 {
			t.Errorf("%g taken %d times in 1000, want 200 (all: %v)", v, count[v], count)
		}
	}
	if got := p.Value(1); got != 18 {
		t.Errorf("Value(1) = %g, want 18", got)
	}
}
