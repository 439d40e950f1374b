package stats

import "math"

//go:generate env GOARCH=amd64 GOAMD64=v1 go run gen_tquantile.go

// Interval is a mean and its 95% interval across replicates.
type Interval struct {
	N               int
	Mean, Low, High float64
}

// MeanCI is the mean of xs (NaNs, empty denominators, left out) and its 95%
// t-interval, mean ± t(0.975, n−1)·sd/√n. With fewer than two values the
// interval is NaN. The results are the same on every processor: no product
// is fused into an addition (see the package doc), and t(0.975, n−1) comes
// from tQuantile975.
func MeanCI(xs []float64) Interval {
	var v []float64
	for _, x := range xs {
		if !math.IsNaN(x) {
			v = append(v, x)
		}
	}
	iv := Interval{N: len(v), Mean: math.NaN(), Low: math.NaN(), High: math.NaN()}
	if len(v) == 0 {
		return iv
	}
	s := 0.0
	for _, x := range v {
		s += x
	}
	iv.Mean = s / float64(len(v))
	if len(v) < 2 {
		return iv
	}
	ss := 0.0
	for _, x := range v {
		d := x - iv.Mean
		ss += float64(d * d) // float64(): rounded before the sum, never fused
	}
	sd := math.Sqrt(ss / float64(len(v)-1))
	t := tQuantile975(len(v) - 1)
	half := float64(t*sd) / math.Sqrt(float64(len(v)))
	iv.Low, iv.High = iv.Mean-half, iv.Mean+half
	return iv
}

// tQuantile975 is t(0.975, df), the 0.975 quantile of Student's t with df ≥ 1
// degrees of freedom: the factor of a two-sided 95% interval. It gives the
// same float64 on every processor: for df ≤ 200 it reads the table t975
// (gonum's quantile as computed on amd64, where the mean intervals used it
// before), and above it sums the Cornish-Fisher expansion of Student's t
// (tCornishFisher). Below df = 1 it is NaN.
func tQuantile975(df int) float64 {
	if df < 1 {
		return math.NaN()
	}
	if df < len(t975) {
		return t975[df]
	}
	return tCornishFisher(float64(df))
}

// TQuantile975 is t(0.975, df), the 0.975 quantile of Student's t with df
// degrees of freedom, for any real df ≥ 1 (such as the Welch–Satterthwaite
// df of two samples, which is at least min(n₁, n₂) − 1): the factor of a
// two-sided 95% interval. Like tQuantile975, which it equals at every
// integer df, it gives the same float64 on every processor. It is NaN for
// df < 1 (where the quantile is still defined, but neither the table nor
// the expansion covers it) and for NaN; tZ = Φ⁻¹(0.975) for df = +∞.
//
//   - An integer df ≤ 200 reads the table t975.
//   - df > 200 sums the Cornish-Fisher expansion (tCornishFisher), as
//     tQuantile975 does above 200.
//   - A fractional df in (1, 200) interpolates the table t975U of gonum's
//     quantile (computed on amd64, like t975) at u = 1/df = k/128: the
//     polynomial of degree 7 in u through the 8 nodes around u, 3 on one
//     side of u's interval and 3 on the other (at u < 3/128, df > 42.7,
//     the first 8 nodes, down to u = 0, df = ∞, where the value is tZ). In
//     u the quantile is smooth up to df = ∞ (it is z + g1·u + g2·u² + …
//     there), where in df it is not. Its relative error is below 3e-15
//     (TestTQuantile975Exact) and it differs from gonum's quantile by
//     gonum's own error, at most 4e-14 (TestTQuantile975Gonum; see
//     gen_tquantile.go for the step and the degree). So it meets the
//     table t975 at the integers and the expansion at df = 200 to within
//     the table's error, 3e-14.
//
// The interpolation is Lagrange's formula with constant denominators:
// products and divisions, and each product rounded before it is summed
// (float64(x*y)), never fused into a multiply-add.
func TQuantile975(df float64) float64 {
	switch {
	case !(df >= 1): // df < 1 or NaN
		return math.NaN()
	case df > float64(maxTDF):
		return tCornishFisher(df)
	case float64(int(df)) == df: // df = 1, 2, …, 200
		return t975[int(df)]
	}
	// x = 128/df is u in steps of the grid, in (0.64, 128): one division,
	// no product to fuse. The interval of u is [k, k+1], k = ⌊x⌋, its
	// stencil the nodes j..j+7, j = k−3 (at least 0; at most 124, and
	// t975U goes up to node 131), and s = x − j the position of u from the
	// first of them.
	x := tUSteps / df
	j := max(int(x)-(tULagrange/2-1), 0)
	s := x - float64(j)
	var d [tULagrange]float64
	for i := range d {
		d[i] = s - float64(i)
	}
	t := 0.0
	for i := range d {
		// ℓᵢ(s) = Π_{m≠i} (s − m) / Π_{m≠i} (i − m).
		l := 1.0
		for m := range d {
			if m != i {
				l *= d[m]
			}
		}
		l /= tULagrangeDen[i]
		t += float64(l * t975U[j+i])
	}
	return t
}

// maxTDF is the last df of the table t975, above which tQuantile975 and
// TQuantile975 sum the Cornish-Fisher expansion.
const maxTDF = len(t975) - 1

// tULagrange is the number of nodes of TQuantile975's interpolation: 8,
// degree 7. See gen_tquantile.go for why 8 and a step of 1/128.
const tULagrange = 8

// tULagrangeDen[i] is Π_{m≠i} (i − m), m = 0..7: (−1)^(7−i)·i!·(7−i)!, the
// denominator of the Lagrange polynomial of node i (exact in float64).
var tULagrangeDen = [tULagrange]float64{-5040, 720, -240, 144, -144, 240, -720, 5040}

// tCornishFisher is t(0.975, nu) for nu > 200 from the Cornish-Fisher
// expansion of Student's t around the normal quantile z = Φ⁻¹(0.975)
// (Fisher and Cornish 1960; Hill 1970; Abramowitz and Stegun 26.7.5 for
// the first four terms):
//
//	t = z + g1(z)/ν + g2(z)/ν² + g3(z)/ν³ + g4(z)/ν⁴ + g5(z)/ν⁵ + O(ν⁻⁶)
//
// whose relative error is below 1e-14 from ν = 200 on (5e-15 there, the
// size of the next term; the table's values are within 3e-14 of the exact
// quantiles). The coefficients gk(z) are untyped constants, exact at
// compile time and rounded once to float64; at run time the sum is Horner's
// scheme in 1/ν written with divisions, which are never fused with an
// addition (unlike x*y + z on arm64), so each step rounds the same
// everywhere. At ν = +∞ it is tZ.
func tCornishFisher(nu float64) float64 {
	p := tG4 + tG5/nu
	p = tG3 + p/nu
	p = tG2 + p/nu
	p = tG1 + p/nu
	return tZ + p/nu
}

// The Cornish-Fisher coefficients of tCornishFisher, as exact constants.
const (
	// tZ is Φ⁻¹(0.975), the 0.975 quantile of the standard normal. As a
	// float64 it is 1.9599639845400543: the usual 1.959963984540054 reads
	// back one unit in the last place lower.
	tZ  = 1.9599639845400542355245944305205515279555500778695
	tZ2 = tZ * tZ
	tZ3 = tZ2 * tZ
	tZ5 = tZ3 * tZ2
	tZ7 = tZ5 * tZ2
	tZ9 = tZ7 * tZ2

	tG1 = (tZ3 + tZ) / 4
	tG2 = (5*tZ5 + 16*tZ3 + 3*tZ) / 96
	tG3 = (3*tZ7 + 19*tZ5 + 17*tZ3 - 15*tZ) / 384
	tG4 = (79*tZ9 + 776*tZ7 + 1482*tZ5 - 1920*tZ3 - 945*tZ) / 92160
	tG5 = (27*tZ9*tZ2 + 339*tZ9 + 930*tZ7 - 1782*tZ5 - 765*tZ3 + 17955*tZ) / 368640
)
