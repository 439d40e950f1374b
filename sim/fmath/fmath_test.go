package fmath

import (
	"math"
	"math/rand/v2"
	"testing"
)

// ulps is the distance between a and b in units in the last place.
func ulps(a, b float64) float64 {
	if a == b {
		return 0
	}
	if math.IsNaN(a) || math.IsNaN(b) || math.Signbit(a) != math.Signbit(b) {
		return math.Inf(1)
	}
	ia, ib := int64(math.Float64bits(math.Abs(a))), int64(math.Float64bits(math.Abs(b)))
	return math.Abs(float64(ia - ib))
}

// The package claims 2 ulp; package math is within 1 ulp of the true
// value, so the two may differ by up to 3.
const maxULP = 3

func checkULP(t *testing.T, name string, f, ref func(float64) float64, xs []float64) {
	t.Helper()
	worst, at := 0.0, 0.0
	for _, x := range xs {
		if d := ulps(f(x), ref(x)); d > worst {
			worst, at = d, x
		}
	}
	t.Logf("%s: worst %.0f ulp from package math, at %g (%d points)", name, worst, at, len(xs))
	if worst > maxULP {
		t.Errorf("%s(%g) = %g, math gives %g: %.0f ulp", name, at, f(at), ref(at), worst)
	}
}

func sample(n int, gen func(r *rand.Rand) float64) []float64 {
	r := rand.New(rand.NewPCG(1, 2))
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = gen(r)
	}
	return xs
}

func TestExpAccuracy(t *testing.T) {
	checkULP(t, "Exp", Exp, math.Exp, sample(1_000_000, func(r *rand.Rand) float64 { return -708 + r.Float64()*1417 }))
	// The model's range: utility differences over the logit scale.
	checkULP(t, "Exp", Exp, math.Exp, sample(1_000_000, func(r *rand.Rand) float64 { return -40 + r.Float64()*41 }))
	checkULP(t, "Exp", Exp, math.Exp, sample(100_000, func(r *rand.Rand) float64 { return (r.Float64() - 0.5) * 1e-6 }))
}

func TestLogAccuracy(t *testing.T) {
	// Log-uniform over the normal range, uniform near 1, and subnormals.
	checkULP(t, "Log", Log, math.Log, sample(1_000_000, func(r *rand.Rand) float64 { return math.Exp2(-1020 + r.Float64()*2040) }))
	checkULP(t, "Log", Log, math.Log, sample(1_000_000, func(r *rand.Rand) float64 { return 0.5 + r.Float64() }))
	checkULP(t, "Log", Log, math.Log, sample(100_000, func(r *rand.Rand) float64 { return 1 + (r.Float64()-0.5)*1e-3 }))
	// Subnormals (where math.Log on amd64 is wrong): against log(x·2^52) − 52·ln 2.
	checkULP(t, "Log", Log, func(x float64) float64 { return math.Log(x*0x1p52) - 52*math.Ln2 },
		sample(10_000, func(r *rand.Rand) float64 { return r.Float64() * 0x1p-1022 }))
}

func TestLog1pAccuracy(t *testing.T) {
	checkULP(t, "Log1p", Log1p, math.Log1p, sample(1_000_000, func(r *rand.Rand) float64 { return r.Float64() * 50 }))
	checkULP(t, "Log1p", Log1p, math.Log1p, sample(1_000_000, func(r *rand.Rand) float64 { return math.Exp2(-60 + r.Float64()*60) }))
	checkULP(t, "Log1p", Log1p, math.Log1p, sample(100_000, func(r *rand.Rand) float64 { return -0.99 + r.Float64()*1.02 }))
}

func TestPow(t *testing.T) {
	// Pow's error grows with |y log x|; the model uses it for elasticities
	// (|y| < 1) of ratios near 1 and for trends over a few decades.
	for _, c := range [][2]float64{{1.2, -0.3}, {0.8, 0.5}, {1.01, 40}, {0.97, 20}, {7, 1.5}} {
		got, want := Pow(c[0], c[1]), math.Pow(c[0], c[1])
		if math.Abs(got-want) > 8e-16*math.Abs(want) {
			t.Errorf("Pow(%g, %g) = %.17g, want %.17g", c[0], c[1], got, want)
		}
	}
}

func TestSpecialValues(t *testing.T) {
	inf := math.Inf(1)
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"Exp(0)", Exp(0), 1},
		{"Exp(1)", Exp(1), math.E},
		{"Exp(-Inf)", Exp(-inf), 0},
		{"Exp(+Inf)", Exp(inf), inf},
		{"Exp(710)", Exp(710), inf},
		{"Exp(-709)", Exp(-709), 0},
		{"Log(1)", Log(1), 0},
		{"Log(e)", Log(math.E), 1},
		{"Log(0)", Log(0), -inf},
		{"Log(+Inf)", Log(inf), inf},
		{"Log1p(0)", Log1p(0), 0},
		{"Log1p(-1)", Log1p(-1), -inf},
	} {
		if c.got != c.want {
			t.Errorf("%s = %g, want %g", c.name, c.got, c.want)
		}
	}
	for _, v := range []float64{Exp(math.NaN()), Log(math.NaN()), Log(-1), Log1p(-2)} {
		if !math.IsNaN(v) {
			t.Errorf("got %g, want NaN", v)
		}
	}
}

var sink float64

func benchInputs(lo, hi float64) []float64 {
	return sample(1024, func(r *rand.Rand) float64 { return lo + r.Float64()*(hi-lo) })
}

func BenchmarkExp(b *testing.B) {
	xs := benchInputs(-30, 5)
	b.Run("fmath", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			sink += Exp(xs[i&1023])
		}
	})
	b.Run("math", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			sink += math.Exp(xs[i&1023])
		}
	})
}

func BenchmarkLog(b *testing.B) {
	xs := benchInputs(0.5, 200)
	b.Run("fmath", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			sink += Log(xs[i&1023])
		}
	})
	b.Run("math", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			sink += math.Log(xs[i&1023])
		}
	})
}

func BenchmarkLog1p(b *testing.B) {
	xs := benchInputs(0, 5)
	b.Run("fmath", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			sink += Log1p(xs[i&1023])
		}
	})
	b.Run("math", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			sink += math.Log1p(xs[i&1023])
		}
	})
}

// The slice versions are the scalar functions, bit for bit.
func TestSlicesMatchScalar(t *testing.T) {
	xs := sample(100_000, func(r *rand.Rand) float64 { return math.Exp2(-1030 + r.Float64()*2060) })
	xs = append(xs, 0, -1, math.Inf(1), math.Inf(-1), math.NaN(), 1, 0x1p-1074)
	es := sample(100_000, func(r *rand.Rand) float64 { return -760 + r.Float64()*1480 })
	es = append(es, math.Inf(-1), math.Inf(1), math.NaN(), 0, -708.3964185322641, 709.782712893384)
	for _, c := range []struct {
		name   string
		in     []float64
		scalar func(float64) float64
		slice  func([]float64)
	}{{"Log", xs, Log, LogSlice}, {"Exp", es, Exp, ExpSlice}} {
		got := append([]float64(nil), c.in...)
		c.slice(got)
		for i, x := range c.in {
			want := c.scalar(x)
			if math.Float64bits(got[i]) != math.Float64bits(want) && !(math.IsNaN(got[i]) && math.IsNaN(want)) {
				t.Fatalf("%sSlice at %g: %g, scalar gives %g", c.name, x, got[i], want)
			}
		}
	}
}

// LogSliceShort is within 2^-44 of the logarithm (plus a few ulp of
// rounding) everywhere, and equal to Log on the special values.
func TestLogSliceShort(t *testing.T) {
	xs := sample(200_000, func(r *rand.Rand) float64 { return math.Exp2(-1030 + r.Float64()*2060) })
	xs = append(xs, sample(100_000, func(r *rand.Rand) float64 { return 0.5 + 2*r.Float64() })...) // near 1, where log is small
	special := []float64{0, -1, math.Inf(1), math.Inf(-1), math.NaN(), 1, 0x1p-1074}
	xs = append(xs, special...)
	got := append([]float64(nil), xs...)
	LogSliceShort(got)
	for i, x := range xs {
		want := math.Log(x)
		if x > 0 && x < 0x1p-1022 {
			want = math.Log(x*0x1p52) - 52*math.Ln2 // math.Log on amd64 is wrong on subnormals
		}
		if math.IsNaN(want) || math.IsInf(want, 0) || x == 1 {
			if w := Log(x); math.Float64bits(got[i]) != math.Float64bits(w) && !(math.IsNaN(got[i]) && math.IsNaN(w)) {
				t.Fatalf("LogSliceShort(%g) = %g, Log gives %g", x, got[i], w)
			}
			continue
		}
		tol := 0x1p-44 + 4*(math.Nextafter(math.Abs(want), math.Inf(1))-math.Abs(want))
		if d := math.Abs(got[i] - want); d > tol {
			t.Fatalf("LogSliceShort(%g) = %.17g, log = %.17g: off by %g, more than %g", x, got[i], want, d, tol)
		}
	}
}

// ExpShift is Exp((x − m)·s) bit for bit on its domain (x ≤ m, −Inf
// included), and its sum is the in-order sum of those values.
func TestExpShiftMatchesExp(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		m := -5 + 10*r.Float64()
		s := []float64{0.5, 1, 2.7, 40}[r.IntN(4)]
		n := 1 + r.IntN(40)
		x := make([]float64, n)
		for i := range x {
			switch r.IntN(6) {
			case 0:
				x[i] = math.Inf(-1)
			case 1:
				x[i] = m // the largest: weight 1
			case 2:
				x[i] = m + (expMin-float64(r.IntN(3)-1)*1e-13)/s // near the underflow edge
			default:
				x[i] = m - 800*r.Float64()
			}
		}
		got := append([]float64(nil), x...)
		sum := ExpShift(got, m, s)
		want := 0.0
		for i := range x {
			e := Exp(float64((x[i] - m) * s))
			if math.Float64bits(got[i]) != math.Float64bits(e) {
				t.Fatalf("ExpShift(%g, m=%g, s=%g) = %g, Exp gives %g", x[i], m, s, got[i], e)
			}
			want += e
		}
		if math.Float64bits(sum) != math.Float64bits(want) {
			t.Fatalf("ExpShift sum %g, want %g", sum, want)
		}
	}
}

func BenchmarkSlices(b *testing.B) {
	xs := benchInputs(0.5, 200)
	buf := make([]float64, 16)
	b.Run("LogSlice16", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			copy(buf, xs[(i*16)&1008:])
			LogSlice(buf)
		}
	})
	b.Run("LogSliceShort16", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			copy(buf, xs[(i*16)&1008:])
			LogSliceShort(buf)
		}
	})
	b.Run("Log16", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			copy(buf, xs[(i*16)&1008:])
			for j := range buf {
				buf[j] = Log(buf[j])
			}
		}
	})
	es := benchInputs(-30, 0)
	b.Run("ExpSlice16", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			copy(buf, es[(i*16)&1008:])
			ExpSlice(buf)
		}
	})
	b.Run("ExpShift16", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			copy(buf, es[(i*16)&1008:])
			ExpShift(buf, 0, 1)
		}
	})
	b.Run("Exp16", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			copy(buf, es[(i*16)&1008:])
			for j := range buf {
				buf[j] = Exp(buf[j])
			}
		}
	})
}
