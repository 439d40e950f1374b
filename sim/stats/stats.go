package stats

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Interval is a mean and its 95% interval across replicates.
type Interval struct {
	N               int
	Mean, Low, High float64
}

// MeanCI is the mean of xs (NaNs, empty denominators, left out) and its 95%
// t-interval, mean ± t(0.975, n−1)·sd/√n. With fewer than two values the
// interval is NaN.
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
		ss += (x - iv.Mean) * (x - iv.Mean)
	}
	sd := math.Sqrt(ss / float64(len(v)-1))
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(len(v) - 1)}.Quantile(0.975)
	half := t * sd / math.Sqrt(float64(len(v)))
	iv.Low, iv.High = iv.Mean-half, iv.Mean+half
	return iv
}
