package rng

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mathext"
)

// TestSplitMix64Vector checks that a stream is SplitMix64: from state 0 the
// reference implementation (Vigna, splitmix64.c, x = 0) gives these outputs.
func TestSplitMix64Vector(t *testing.T) {
	want := []uint64{0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F, 0xF88BB8A8724C81EC}
	r := Stream{s: 0}
	for i, w := range want {
		if got := r.Uint64(); got != w {
			t.Errorf("output %d = %#016x, want %#016x", i, got, w)
		}
	}
}

// unxorshift inverts z = x ^ (x >> s).
func unxorshift(z uint64, s uint) uint64 {
	x := z
	for i := uint(0); i < 64/s+1; i++ {
		x = z ^ (x >> s)
	}
	return x
}

// inverse is the multiplicative inverse of an odd a modulo 2⁶⁴ (Newton:
// a·a ≡ 1 mod 8, and each step doubles the correct bits: 3, 6, ..., 96).
func inverse(a uint64) uint64 {
	x := a
	for range 6 {
		x *= 2 - a*x
	}
	return x
}

// unmix inverts mix, so a test can build the state whose next output is any
// chosen 64-bit value.
func unmix(y uint64) uint64 {
	y = unxorshift(y, 31)
	y *= inverse(0x94D049BB133111EB)
	y = unxorshift(y, 27)
	y *= inverse(0xBF58476D1CE4E5B9)
	return unxorshift(y, 30)
}

// TestFloat64Range drives Float64 to its two extremes: the next 64 bits all
// zero give 0, all one give (2⁵³ − 1)/2⁵³ = 1 − 2⁻⁵³, which is below 1.
func TestFloat64Range(t *testing.T) {
	for _, tc := range []struct {
		bits uint64
		want float64
	}{
		{0, 0},
		{math.MaxUint64, 1 - 0x1p-53},
		{1 << 63, 0.5}, // top bit only: 2⁵²/2⁵³
	} {
		if mix(unmix(tc.bits)) != tc.bits {
			t.Fatalf("unmix(%#x) is not mix's inverse", tc.bits)
		}
		r := Stream{s: unmix(tc.bits) - golden} // Uint64 adds golden first
		got := r.Float64()
		if got != tc.want {
			t.Errorf("bits %#016x: Float64 = %.17g, want %.17g", tc.bits, got, tc.want)
		}
		if got < 0 || got >= 1 {
			t.Errorf("bits %#016x: Float64 = %v outside [0, 1)", tc.bits, got)
		}
	}
	// And over a long keyed stream: all in [0, 1), mean 1/2 within 5 SE
	// (SE = sqrt(1/12/n) = 0.000645 for n = 200 000).
	r := New(42, 0, 7, 2020, Init)
	const n = 200_000
	sum := 0.0
	for range n {
		u := r.Float64()
		if u < 0 || u >= 1 {
			t.Fatalf("Float64 = %v outside [0, 1)", u)
		}
		sum += u
	}
	if se := math.Sqrt(1.0 / 12 / n); math.Abs(sum/n-0.5) > 5*se {
		t.Errorf("mean of %d uniforms = %.5f, want 0.5 ± %.5f", n, sum/n, 5*se)
	}
}

type key struct {
	seed, rep, hh uint64
	year          int
	p             Purpose
}

func first(k key, n int) []uint64 {
	r := New(k.seed, k.rep, k.hh, k.year, k.p)
	out := make([]uint64, n)
	for i := range out {
		out[i] = r.Uint64()
	}
	return out
}

func TestSameKeySameStream(t *testing.T) {
	k := key{seed: 1, rep: 2, hh: 3, year: 2020, p: Mood}
	a, b := first(k, 100), first(k, 100)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("draw %d differs for one key: %#x vs %#x", i, a[i], b[i])
		}
	}
	// A stream is a value: a copy continues identically.
	r := New(1, 2, 3, 2020, Mood)
	r.Uint64()
	c := r
	if r.Uint64() != c.Uint64() {
		t.Error("a copied stream diverged from its original")
	}
}

// TestEachKeyComponentMatters changes one component at a time; the changed
// stream must share none of its first 8 outputs with the base stream (for
// unrelated streams a coincidence has probability ~64/2⁶⁴).
func TestEachKeyComponentMatters(t *testing.T) {
	base := key{seed: 1, rep: 0, hh: 5, year: 2020, p: ChooseP}
	cases := []struct {
		name string
		k    key
	}{
		{"seed", key{2, 0, 5, 2020, ChooseP}},
		{"replicate", key{1, 1, 5, 2020, ChooseP}},
		{"household", key{1, 0, 6, 2020, ChooseP}},
		{"year", key{1, 0, 5, 2021, ChooseP}},
		{"year negative", key{1, 0, 5, -2020, ChooseP}},
		{"purpose", key{1, 0, 5, 2020, ChooseS}},
		// Components are not interchangeable: swapping two values is a
		// different key.
		{"seed<->household", key{5, 0, 1, 2020, ChooseP}},
		{"replicate<->household", key{1, 5, 0, 2020, ChooseP}},
	}
	b := first(base, 8)
	for _, tc := range cases {
		got := first(tc.k, 8)
		for i := range got {
			for j := range b {
				if got[i] == b[j] {
					t.Errorf("%s: output %d of the changed key equals output %d of the base", tc.name, i, j)
				}
			}
		}
	}
}

// TestDistinctStreams: the first outputs of 20 000 households × 13 purposes
// are all different (a birthday collision among 260 000 random 64-bit
// values has probability ~2·10⁻⁹).
func TestDistinctStreams(t *testing.T) {
	seen := make(map[uint64]key, 260_000)
	for hh := uint64(0); hh < 20_000; hh++ {
		for p := Init; p <= Entry; p++ {
			k := key{seed: 9, rep: 0, hh: hh, year: 2020, p: p}
			r := New(k.seed, k.rep, k.hh, k.year, k.p)
			x := r.Uint64()
			if o, ok := seen[x]; ok {
				t.Fatalf("keys %+v and %+v start with the same output", o, k)
			}
			seen[x] = k
		}
	}
}

// TestNormMoments: over n = 200 000 draws the mean is 0 within 5 SE
// (SE = 1/sqrt(n) = 0.00224) and the variance 1 within 5 SE (for a normal,
// SE of the sample variance = sqrt(2/n) = 0.00316). The key is fixed, so the
// test is deterministic.
func TestNormMoments(t *testing.T) {
	const n = 200_000
	r := New(2024, 0, 0, 0, Learning)
	var sum, sumSq float64
	for range n {
		x := r.Norm()
		if math.IsNaN(x) || math.IsInf(x, 0) {
			t.Fatalf("Norm returned %v", x)
		}
		sum += x
		sumSq += x * x
	}
	mean := sum / n
	variance := sumSq/n - mean*mean
	if se := 1 / math.Sqrt(n); math.Abs(mean) > 5*se {
		t.Errorf("mean = %.5f, want 0 ± %.5f", mean, 5*se)
	}
	if se := math.Sqrt(2.0 / n); math.Abs(variance-1) > 5*se {
		t.Errorf("variance = %.5f, want 1 ± %.5f", variance, 5*se)
	}
}

// TestBernoulli: the share of successes is p within 5 binomial SE.
func TestBernoulli(t *testing.T) {
	const n = 100_000
	for _, p := range []float64{0, 0.05, 0.5, 1} {
		r := New(3, 0, 0, 0, Hukou)
		hits := 0
		for range n {
			if r.Bernoulli(p) {
				hits++
			}
		}
		got := float64(hits) / n
		if se := math.Sqrt(p * (1 - p) / n); math.Abs(got-p) > 5*se {
			t.Errorf("Bernoulli(%g): share %.5f, want %g ± %.5f", p, got, p, 5*se)
		}
	}
}

// TestNewAllocatesNothing: a stream is made and used on the stack.
func TestNewAllocatesNothing(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		r := New(1, 2, 3, 4, Wage)
		_ = r.Norm()
	})
	if allocs != 0 {
		t.Errorf("New + Norm allocate %v times, want 0", allocs)
	}
}

// Streams from a cached key prefix are the streams of New.
func TestKeyMatchesNew(t *testing.T) {
	for _, c := range []struct {
		seed, rep, hh uint64
		year          int
		p             Purpose
	}{{1, 0, 0, 2000, Init}, {42, 3, 1 << 40, -5, Gaokao}, {0, 0, 7, 2039, Micro}} {
		want := New(c.seed, c.rep, c.hh, c.year, c.p)
		got := NewBase(c.seed, c.rep).Key(c.hh, c.year).Stream(c.p)
		for range 3 {
			if a, b := got.Uint64(), want.Uint64(); a != b {
				t.Fatalf("%+v: %x, want %x", c, a, b)
			}
		}
	}
}

// Gamma and Beta draws have the right first two moments (and Beta's
// median, against gonum's inverse incomplete beta).
func TestGammaBetaMoments(t *testing.T) {
	for _, c := range [][2]float64{{3.3, 7}, {0.6, 2.5}, {1, 1}, {12, 4}} {
		a, b := c[0], c[1]
		r := New(5, 0, 0, 0, Init)
		const n = 200_000
		var s, s2, g, g2 float64
		below := 0
		med := mathext.InvRegIncBeta(a, b, 0.5)
		for range n {
			x := r.Beta(a, b)
			if x < 0 || x > 1 {
				t.Fatalf("Beta(%g, %g) = %g", a, b, x)
			}
			s += x
			s2 += x * x
			if x < med {
				below++
			}
			y := r.Gamma(a)
			g += y
			g2 += y * y
		}
		mean, vr := s/n, s2/n-(s/n)*(s/n)
		wantMean := a / (a + b)
		wantVar := a * b / ((a + b) * (a + b) * (a + b + 1))
		// Standard errors: sd/sqrt(n) for the mean; the variance within 3%.
		if math.Abs(mean-wantMean) > 4*math.Sqrt(wantVar/n) || math.Abs(vr/wantVar-1) > 0.03 {
			t.Errorf("Beta(%g, %g): mean %.4f var %.5f, want %.4f %.5f", a, b, mean, vr, wantMean, wantVar)
		}
		if f := float64(below) / n; math.Abs(f-0.5) > 4*math.Sqrt(0.25/n) {
			t.Errorf("Beta(%g, %g): %.4f below the median, want 0.5", a, b, f)
		}
		gm, gv := g/n, g2/n-(g/n)*(g/n)
		if math.Abs(gm-a) > 4*math.Sqrt(a/n) || math.Abs(gv/a-1) > 0.04 {
			t.Errorf("Gamma(%g): mean %.4f var %.4f, want %g for both", a, gm, gv, a)
		}
	}
}

// Successive normals are standard normal (the share below quantiles from
// the tail to the centre matches Φ) and uncorrelated.
func TestNormShape(t *testing.T) {
	const n = 400_000
	r := New(7, 1, 2, 3, Wage)
	qs := []float64{-3.5, -2.9, -1.959964, -1, 0, 0.3, 1.644854, 3.2}
	var below [2][8]int
	var sxy float64
	for range n {
		x, y := r.Norm(), r.Norm()
		sxy += x * y
		for i, q := range qs {
			below[0][i] += b2i(x < q)
			below[1][i] += b2i(y < q)
		}
	}
	for h := range below {
		for i, q := range qs {
			phi := 0.5 * math.Erfc(-q/math.Sqrt2)
			got := float64(below[h][i]) / n
			if se := math.Sqrt(phi * (1 - phi) / n); math.Abs(got-phi) > 5*se {
				t.Errorf("half %d: P(x < %g) = %.5f, want %.5f", h, q, got, phi)
			}
		}
	}
	if c := sxy / n; math.Abs(c) > 5/math.Sqrt(n) {
		t.Errorf("correlation %.4f, want 0", c)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
