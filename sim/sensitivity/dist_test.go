package sensitivity

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// must returns a function that fails t on an error and returns the Dist.
func must(t *testing.T) func(Dist, error) Dist {
	return func(d Dist, err error) Dist {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
}

func TestUniformAndLogUniform(t *testing.T) {
	u := must(t)(Uniform(-2, 6))
	for _, c := range [][2]float64{{0, -2}, {1, 6}, {0.25, 0}, {-1, -2}, {2, 6}} {
		if got := u.Quantile(c[0]); got != c[1] {
			t.Errorf("Uniform(-2, 6).Quantile(%v) = %v, want %v", c[0], got, c[1])
		}
	}
	l := must(t)(LogUniform(1, 100))
	for _, c := range [][2]float64{{0, 1}, {1, 100}, {0.5, 10}, {0.25, math.Sqrt(10)}} {
		if got := l.Quantile(c[0]); math.Abs(got-c[1]) > 1e-13*c[1] {
			t.Errorf("LogUniform(1, 100).Quantile(%v) = %v, want %v", c[0], got, c[1])
		}
	}
}

// TestNormal compares the AS 241 quantile with gonum's distuv.Normal, the
// same algorithm evaluated with package math: they agree to 1e-14
// relative (the difference is rounding only).
func TestNormal(t *testing.T) {
	d := must(t)(Normal(3, 2))
	ref := distuv.Normal{Mu: 3, Sigma: 2}
	for _, u := range []float64{0x1p-53, 1e-15, 1e-10, 1e-3, 0.02, 0.075, 0.3, 0.5, 0.7, 0.925, 0.98, 0.999, 1 - 1e-10} {
		got, want := d.Quantile(u), ref.Quantile(u)
		if math.Abs(got-want) > 1e-14*math.Max(1, math.Abs(want)) {
			t.Errorf("Normal(3, 2).Quantile(%v) = %v, gonum %v", u, got, want)
		}
	}
	lo, hi := d.Quantile(0), d.Quantile(1)
	// Clamped to the quantiles at 2^-53 and 1 − 2^-53, ∓8.21 sd.
	if math.Abs((lo-3)/2+8.21) > 0.01 || math.Abs((hi-3)/2-8.21) > 0.01 {
		t.Errorf("Normal(3, 2) at 0 and 1: %v, %v, want 3 ∓ 8.21·2", lo, hi)
	}
	if !math.IsNaN(d.Quantile(math.NaN())) {
		t.Error("Normal quantile of NaN is not NaN")
	}
}

func TestTriangular(t *testing.T) {
	d := must(t)(Triangular(0, 1, 4))
	ref := distuv.NewTriangle(0, 4, 1, nil)
	for _, u := range []float64{0, 0.01, 0.1, 0.25, 0.5, 0.9, 1} {
		if got, want := d.Quantile(u), ref.Quantile(u); math.Abs(got-want) > 1e-14 {
			t.Errorf("Triangular(0, 1, 4).Quantile(%v) = %v, gonum %v", u, got, want)
		}
	}
	if got := must(t)(Triangular(0, 0, 1)).Quantile(0.75); math.Abs(got-0.5) > 1e-15 {
		t.Errorf("Triangular(0, 0, 1).Quantile(0.75) = %v, want 0.5", got)
	}
}

func TestDiscrete(t *testing.T) {
	vals := []float64{10, 20, 30}
	d := must(t)(Discrete(vals))
	vals[0] = -1 // the distribution keeps its own copy
	for _, c := range [][2]float64{{0, 10}, {0.3333, 10}, {0.34, 20}, {0.67, 30}, {1, 30}, {7, 30}, {-1, 10}} {
		if got := d.Quantile(c[0]); got != c[1] {
			t.Errorf("Discrete.Quantile(%v) = %v, want %v", c[0], got, c[1])
		}
	}
}

func TestScale(t *testing.T) {
	u := must(t)(Uniform(0, 10))
	k := must(t)(Discrete([]float64{1, 2}))
	got, err := Scale([][]float64{{0.5, 0.2}, {0.1, 0.9}}, []Dist{u, k})
	if err != nil {
		t.Fatal(err)
	}
	if got[0][0] != 5 || got[0][1] != 1 || got[1][0] != 1 || got[1][1] != 2 {
		t.Errorf("Scale = %v", got)
	}
	if _, err := Scale([][]float64{{0.5}}, []Dist{u, k}); err == nil {
		t.Error("Scale with a short row: no error")
	}
	if _, err := Scale([][]float64{{0.5}}, []Dist{nil}); err == nil {
		t.Error("Scale with a nil distribution: no error")
	}
}

func TestDistErrors(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for i, err := range []error{
		second(Uniform(1, 1)),
		second(Uniform(2, 1)),
		second(Uniform(nan, 1)),
		second(Uniform(-math.MaxFloat64, math.MaxFloat64)),
		second(LogUniform(0, 1)),
		second(LogUniform(2, 1)),
		second(LogUniform(1, inf)),
		second(Normal(0, 0)),
		second(Normal(0, -1)),
		second(Normal(inf, 1)),
		second(Triangular(0, 5, 4)),
		second(Triangular(1, 1, 1)),
		second(Triangular(0, nan, 1)),
		second(Discrete(nil)),
		second(Discrete([]float64{1, nan})),
	} {
		if err == nil {
			t.Errorf("case %d: no error", i)
		}
	}
}

func second(_ Dist, err error) error { return err }
