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
// around the normal quantile z = Φ⁻¹(0.975) (Fisher and Cornish 1960;
// Hill 1970; Abramowitz and Stegun 26.7.5 for the first four terms):
//
//	t = z + g1(z)/df + g2(z)/df² + g3(z)/df³ + g4(z)/df⁴ + g5(z)/df⁵ + O(df⁻⁶)
//
// whose relative error is below 1e-14 from df = 201 on (5e-15 there, the
// size of the next term; the table's values are within 3e-14 of the exact
// quantiles). The coefficients gk(z) are untyped constants, exact at
// compile time and rounded once to float64; at run time the sum is Horner's
// scheme in 1/df written with divisions, which are never fused with an
// addition (unlike x*y + z on arm64), so each step rounds the same
// everywhere.
func tQuantile975(df int) float64 {
	if df < 1 {
		return math.NaN()
	}
	if df < len(t975) {
		return t975[df]
	}
	nu := float64(df)
	p := tG4 + tG5/nu
	p = tG3 + p/nu
	p = tG2 + p/nu
	p = tG1 + p/nu
	return tZ + p/nu
}

// The Cornish-Fisher coefficients of tQuantile975, as exact constants.
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
