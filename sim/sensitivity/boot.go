package sensitivity

import (
	"math"
	"slices"
)

// interval95 returns the 2.5th and 97.5th percentiles of the bootstrap
// replicates x (sorted in place), interpolating linearly between order
// statistics (Hyndman and Fan 1996, Am. Stat. 50, 361–365, definition 7,
// numpy's default); NaN, NaN when x is empty.
func interval95(x []float64) (lo, hi float64) {
	if len(x) == 0 {
		return math.NaN(), math.NaN()
	}
	slices.Sort(x)
	return percentile(x, 0.025), percentile(x, 0.975)
}

// percentile is the p-quantile of sorted x, definition 7 of Hyndman and Fan.
func percentile(x []float64, p float64) float64 {
	h := float64(float64(len(x)-1) * p)
	i := int(h)
	if i+1 >= len(x) {
		return x[len(x)-1]
	}
	f := h - float64(i)
	return x[i] + float64(f*(x[i+1]-x[i]))
}
