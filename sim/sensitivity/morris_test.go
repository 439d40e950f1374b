package sensitivity

import (
	"math"
	"slices"
	"testing"
)

// TestMorrisDesign checks the trajectories: k+1 rows each, consecutive
// rows differing in exactly one coordinate by ±Δ, every coordinate moving
// once, every value on the grid {0, 1/(p−1), …, 1}.
func TestMorrisDesign(t *testing.T) {
	for _, p := range []int{2, 4, 6} {
		const r, k = 10, 5
		x, err := Morris(r, k, p, 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(x) != r*(k+1) {
			t.Fatalf("p = %d: %d rows, want %d", p, len(x), r*(k+1))
		}
		delta := float64(p) / float64(2*(p-1))
		for tr := range r {
			moved := make([]bool, k)
			for s := range k {
				a, b := x[tr*(k+1)+s], x[tr*(k+1)+s+1]
				changed := 0
				for j := range k {
					if a[j] == b[j] {
						continue
					}
					changed++
					moved[j] = true
					if d := math.Abs(b[j] - a[j]); math.Abs(d-delta) > 1e-15 {
						t.Errorf("p = %d, trajectory %d: step of %v, want ±%v", p, tr, b[j]-a[j], delta)
					}
				}
				if changed != 1 {
					t.Errorf("p = %d, trajectory %d, step %d: %d coordinates changed", p, tr, s, changed)
				}
			}
			if slices.Contains(moved, false) {
				t.Errorf("p = %d, trajectory %d: not every coordinate moved", p, tr)
			}
		}
		for _, row := range x {
			for _, v := range row {
				l := v * float64(p-1)
				if v < 0 || v > 1 || l != math.Round(l) {
					t.Fatalf("p = %d: coordinate %v off the grid", p, v)
				}
			}
		}
	}
}

// TestMorrisLinear: for y = Σ c_i x_i every elementary effect of x_i is
// c_i, so μ_i = c_i, μ*_i = |c_i|, σ_i = 0 and the bootstrap interval is
// the point |c_i|, up to rounding (1e-12).
func TestMorrisLinear(t *testing.T) {
	c := []float64{1, -2, 3.5, 0, 0.25}
	const r = 20
	x, err := Morris(r, len(c), 4, 9)
	if err != nil {
		t.Fatal(err)
	}
	y := evaluate(x, func(u []float64) float64 {
		var s float64
		for i, ci := range c {
			s += ci * u[i]
		}
		return s
	})
	res, err := MorrisAnalyze(x, y, r, len(c), 100, 1)
	if err != nil {
		t.Fatal(err)
	}
	const tol = 1e-12
	for i, m := range res {
		a := math.Abs(c[i])
		if math.Abs(m.Mu-c[i]) > tol || math.Abs(m.MuStar-a) > tol || m.Sigma > tol ||
			math.Abs(m.MuStarLow-a) > tol || math.Abs(m.MuStarHigh-a) > tol {
			t.Errorf("parameter %d (c = %v): %+v", i, c[i], m)
		}
	}
}

// TestMorrisGFunction: μ* ranks the g-function's parameters by increasing
// a_i = 0, 1, 4.5, 9, and the four with a_i = 99 are near zero (below 5%
// of the first; 1.8% at most over 200 seeds with r = 50).
func TestMorrisGFunction(t *testing.T) {
	const r = 50
	k := len(gA)
	x, err := Morris(r, k, 4, 2024)
	if err != nil {
		t.Fatal(err)
	}
	res, err := MorrisAnalyze(x, evaluate(x, gFunc), r, k, 200, 2024)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < 4; i++ {
		if res[i].MuStar >= res[i-1].MuStar {
			t.Errorf("μ*[%d] = %v ≥ μ*[%d] = %v", i, res[i].MuStar, i-1, res[i-1].MuStar)
		}
	}
	for i := 4; i < k; i++ {
		if res[i].MuStar >= res[3].MuStar || res[i].MuStar > 0.05*res[0].MuStar {
			t.Errorf("μ*[%d] = %v, want near 0 (μ*[0] = %v)", i, res[i].MuStar, res[0].MuStar)
		}
	}
	for i, m := range res {
		if !(m.MuStarLow <= m.MuStar && m.MuStar <= m.MuStarHigh) {
			t.Errorf("parameter %d: μ* = %v outside its interval [%v, %v]", i, m.MuStar, m.MuStarLow, m.MuStarHigh)
		}
	}
}

// TestMorrisIshigami: x3 acts only through its interaction with x1
// (b x3⁴ sin x1, and sin x1 is symmetric on the grid), so μ_3 ≈ 0 while σ_3
// and μ*_3 are large. With r = 200 the standard error of μ_3 is σ_3/√200 ≈
// 0.07σ_3, so |μ_3| < 0.3σ_3 is a bound of four standard errors.
func TestMorrisIshigami(t *testing.T) {
	const r = 200
	x, err := Morris(r, 3, 4, 77)
	if err != nil {
		t.Fatal(err)
	}
	res, err := MorrisAnalyze(x, evaluate(x, ishigami), r, 3, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	m := res[2]
	if math.Abs(m.Mu) > 0.3*m.Sigma || m.Sigma < 1 || m.MuStar < 1 {
		t.Errorf("x3: %+v, want μ ≈ 0 with σ and μ* large", m)
	}
	if !math.IsNaN(m.MuStarLow) || !math.IsNaN(m.MuStarHigh) {
		t.Errorf("boot = 0: interval [%v, %v], want NaN", m.MuStarLow, m.MuStarHigh)
	}
}

func TestMorrisSeeds(t *testing.T) {
	a, _ := Morris(5, 4, 4, 1)
	b, _ := Morris(5, 4, 4, 1)
	c, _ := Morris(5, 4, 4, 2)
	if !slices.EqualFunc(a, b, slices.Equal) {
		t.Error("same seed, different designs")
	}
	if slices.EqualFunc(a, c, slices.Equal) {
		t.Error("different seeds, same design")
	}
	y := evaluate(a, ishigami)
	ra, _ := MorrisAnalyze(a, y, 5, 4, 50, 8)
	rb, _ := MorrisAnalyze(a, y, 5, 4, 50, 8)
	rc, _ := MorrisAnalyze(a, y, 5, 4, 50, 9)
	if !slices.Equal(ra, rb) {
		t.Error("same seed, different bootstrap")
	}
	if slices.Equal(ra, rc) {
		t.Error("different seeds, same bootstrap")
	}
}

func TestMorrisErrors(t *testing.T) {
	for _, c := range []struct{ r, k, p int }{{0, 3, 4}, {3, 0, 4}, {3, 3, 5}, {3, 3, 0}, {3, 3, -2}, {MaxCoordinates, 3, 4}} {
		if _, err := Morris(c.r, c.k, c.p, 1); err == nil {
			t.Errorf("Morris(%d, %d, %d): no error", c.r, c.k, c.p)
		}
	}
	x, _ := Morris(4, 3, 4, 1)
	y := evaluate(x, ishigami)
	bad := func(name string, x [][]float64, y []float64, r, k, boot int) {
		t.Helper()
		if _, err := MorrisAnalyze(x, y, r, k, boot, 1); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	bad("r = 1", x[:4], y[:4], 1, 3, 10)
	bad("k mismatch", x, y, 4, 2, 10)
	bad("short y", x, y[1:], 4, 3, 10)
	bad("negative boot", x, y, 4, 3, -1)
	bad("NaN output", x, append(y[:len(y)-1:len(y)-1], math.NaN()), 4, 3, 10)
	short := slices.Clone(x)
	short[2] = short[2][:2]
	bad("short row", short, y, 4, 3, 10)
	two := slices.Clone(x)
	two[1] = slices.Clone(x[1])
	two[1][0], two[1][1], two[1][2] = 9, 9, 9
	bad("two coordinates move", two, y, 4, 3, 10)
	same := slices.Clone(x)
	same[1] = x[0]
	bad("no coordinate moves", same, y, 4, 3, 10)
	back := [][]float64{{0, 0, 0}, {1, 0, 0}, {0, 0, 0}, {0, 1, 0}}
	bad("a coordinate moves twice", append(back, back...), y[:8], 2, 3, 10)
}
