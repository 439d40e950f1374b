package stats

import "math"

// Difference is how one sample differs from a reference one: the means, the
// difference Value − Ref with its 95% interval, a relative difference with
// its interval, the number of replicates used and the method.
//
// Paired, Rel is the mean of the per-replicate ratios x_r/ref_r − 1 over
// the replicates with ref_r ≠ 0, which is not Diff/Ref (for ref = 1, 2 and
// value = 2, 3 it is (1 + 0.5)/2 = 0.75, where Diff/Ref = 1/1.5 = 0.67):
// each ratio compares a replicate with its own reference, so the shocks
// the two runs share cancel in the ratio as they do in the difference,
// and its interval is as narrow as the paired difference's. Welch (no
// pairs), it is Diff/Ref.
type Difference struct {
	Ref, Value              float64 // means across replicates
	Diff, DiffLow, DiffHigh float64 // Value − Ref and its 95% interval
	Rel, RelLow, RelHigh    float64 // relative difference and its 95% interval
	// N counts the replicates used: pairs in a paired comparison, the
	// smaller of the two samples' counts in a Welch one (so that, as for
	// pairs, there is an interval only from N = 2).
	N      int
	Method string // MethodPaired or MethodWelch
}

// The comparison methods, as Difference.Method names them.
const (
	MethodPaired = "paired"
	MethodWelch  = "welch"
)

// Paired compares xs with refs replicate by replicate: the mean paired
// difference with its t-interval, and the mean of the per-replicate
// relative differences x/ref − 1 (over replicates with ref ≠ 0) with
// theirs.
func Paired(refs, xs []float64) Difference {
	var d, rel []float64
	sumRef, sumX := 0.0, 0.0
	for r := range refs {
		a, x := refs[r], xs[r]
		if math.IsNaN(a) || math.IsNaN(x) {
			continue
		}
		sumRef += a
		sumX += x
		d = append(d, x-a)
		if a != 0 {
			rel = append(rel, x/a-1)
		}
	}
	e := Difference{N: len(d), Method: MethodPaired, Ref: math.NaN(), Value: math.NaN()}
	if e.N > 0 {
		e.Ref, e.Value = sumRef/float64(e.N), sumX/float64(e.N)
	}
	// MeanCI is the t-interval mean ± t(0.975, n−1)·sd/√n, NaN below n = 2.
	di, ri := MeanCI(d), MeanCI(rel)
	e.Diff, e.DiffLow, e.DiffHigh = di.Mean, di.Low, di.High
	e.Rel, e.RelLow, e.RelHigh = ri.Mean, ri.Low, ri.High
	return e
}

// Welch compares two independent samples. The relative difference
// is Diff/Ref with the interval [DiffLow, DiffHigh]/Ref: this treats the
// reference mean as known, ignoring its own sampling error, so the
// relative interval is somewhat too narrow, above all when the reference
// is small or noisy (a ratio of two noisy means has no exact t-interval;
// Fieller's would be the exact one).
//
// The factor t(0.975, df) at the fractional Welch–Satterthwaite df (at
// least min(n₁, n₂) − 1 ≥ 1) is TQuantile975's, the same float64 on
// every processor (gonum's quantile, computed at run time, rounds
// differently on arm64); at an integer df it is the factor of MeanCI. No
// product below is fused into an addition: the squares in df are divided
// before they are summed, and the half-width is rounded (float64) before
// it is added to Diff.
func Welch(refs, xs []float64) Difference {
	a, b := moments(refs), moments(xs)
	e := Difference{Method: MethodWelch, N: min(a.n, b.n), Ref: a.mean, Value: b.mean,
		Diff: b.mean - a.mean, DiffLow: math.NaN(), DiffHigh: math.NaN()}
	if e.N >= 2 {
		va, vb := a.variance/float64(a.n), b.variance/float64(b.n)
		se := math.Sqrt(va + vb)
		half := 0.0 // both samples without spread: the difference is exact
		if se > 0 {
			df := (va + vb) * (va + vb) / (va*va/float64(a.n-1) + vb*vb/float64(b.n-1))
			df = max(df, float64(e.N-1)) // its lower bound, which rounding could cross
			half = float64(TQuantile975(df) * se)
		}
		e.DiffLow, e.DiffHigh = e.Diff-half, e.Diff+half
	}
	e.Rel, e.RelLow, e.RelHigh = math.NaN(), math.NaN(), math.NaN()
	if e.Ref != 0 && !math.IsNaN(e.Ref) {
		e.Rel = e.Diff / e.Ref
		lo, hi := e.DiffLow/e.Ref, e.DiffHigh/e.Ref
		if e.Ref < 0 {
			lo, hi = hi, lo
		}
		e.RelLow, e.RelHigh = lo, hi
	}
	return e
}

// sample is the count, mean and variance (n−1 denominator) of the values
// of a sample that are not NaN.
type sample struct {
	n              int
	mean, variance float64
}

// moments is the sample of the values of xs that are not NaN. Each squared
// deviation is rounded before it is summed (float64(d*d)): fused into one
// multiply-add, as arm64 would, the sum would round differently, and the
// results must be the same on every processor.
func moments(xs []float64) sample {
	s := sample{mean: math.NaN(), variance: math.NaN()}
	sum := 0.0
	for _, x := range xs {
		if !math.IsNaN(x) {
			s.n++
			sum += x
		}
	}
	if s.n == 0 {
		return s
	}
	s.mean = sum / float64(s.n)
	if s.n < 2 {
		return s
	}
	ss := 0.0
	for _, x := range xs {
		if !math.IsNaN(x) {
			d := x - s.mean
			ss += float64(d * d) // float64(): rounded before the sum, never fused
		}
	}
	s.variance = ss / float64(s.n-1)
	return s
}
