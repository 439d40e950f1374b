package sensitivity

import (
	"fmt"
	"math"

	"github.com/hukousim/hukousim/sim/fmath"
)

// Dist maps a design coordinate to a parameter value.
type Dist interface {
	// Quantile returns the parameter value at cumulative probability u,
	// clamped into [0,1]: the inverse of the distribution function.
	Quantile(u float64) float64
}

// Scale maps every row of a design to parameter values: out[r][j] is
// dists[j].Quantile(design[r][j]) (inverse-transform sampling).
func Scale(design [][]float64, dists []Dist) ([][]float64, error) {
	for j, d := range dists {
		if d == nil {
			return nil, fmt.Errorf("sensitivity: Scale: distribution %d is nil", j)
		}
	}
	out := make([][]float64, len(design))
	for r, row := range design {
		if len(row) != len(dists) {
			return nil, fmt.Errorf("sensitivity: Scale: design row %d has %d coordinates for %d distributions", r, len(row), len(dists))
		}
		out[r] = make([]float64, len(row))
		for j, u := range row {
			out[r][j] = dists[j].Quantile(u)
		}
	}
	return out, nil
}

func clamp01(u float64) float64 { return min(max(u, 0), 1) }

func finite(v ...float64) bool {
	for _, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

type uniform struct{ lo, hi float64 }

// Uniform returns the uniform distribution on [lo, hi], lo < hi, both
// finite: the quantile is lo + u(hi − lo).
func Uniform(lo, hi float64) (Dist, error) {
	if !finite(lo, hi, hi-lo) || lo >= hi {
		return nil, fmt.Errorf("sensitivity: Uniform(%v, %v): need finite lo < hi", lo, hi)
	}
	return uniform{lo, hi}, nil
}

func (d uniform) Quantile(u float64) float64 {
	return min(max(d.lo+float64(clamp01(u)*(d.hi-d.lo)), d.lo), d.hi)
}

type logUniform struct{ lo, hi, logLo, logHi float64 }

// LogUniform returns the log-uniform (reciprocal) distribution on [lo, hi],
// 0 < lo < hi, both finite, whose logarithm is uniform: the quantile is
// exp(log lo + u(log hi − log lo)), for scale parameters spanning orders of
// magnitude.
func LogUniform(lo, hi float64) (Dist, error) {
	if !finite(lo, hi) || lo <= 0 || lo >= hi {
		return nil, fmt.Errorf("sensitivity: LogUniform(%v, %v): need finite 0 < lo < hi", lo, hi)
	}
	return logUniform{lo, hi, fmath.Log(lo), fmath.Log(hi)}, nil
}

func (d logUniform) Quantile(u float64) float64 {
	x := fmath.Exp(d.logLo + float64(clamp01(u)*(d.logHi-d.logLo)))
	return min(max(x, d.lo), d.hi)
}

type normal struct{ mean, sd float64 }

// Normal returns the normal distribution with the given mean and standard
// deviation sd > 0. Its quantile is mean + sd·z(u), z the standard normal
// quantile by Wichura's algorithm AS 241 (1988, Appl. Stat. 37, 477–484,
// PPND16, relative error about 1e-16), the algorithm of gonum's
// distuv.Normal, here evaluated with the model's own log so that it gives
// the same bits on every processor. u is clamped into [2^-53, 1 − 2^-53],
// so the result is always finite: at most about 8.2 sd from the mean, which
// is where the ends 0 and 1 of a Morris grid land.
func Normal(mean, sd float64) (Dist, error) {
	if !finite(mean, sd) || sd <= 0 {
		return nil, fmt.Errorf("sensitivity: Normal(%v, %v): need finite mean and sd > 0", mean, sd)
	}
	return normal{mean, sd}, nil
}

func (d normal) Quantile(u float64) float64 {
	if math.IsNaN(u) {
		return u
	}
	return d.mean + float64(d.sd*normalQuantile(min(max(u, 0x1p-53), 1-0x1p-53)))
}

type triangular struct{ lo, mode, hi float64 }

// Triangular returns the triangular distribution on [lo, hi] with the
// given mode, lo ≤ mode ≤ hi, lo < hi, all finite. With c = (mode − lo)/(hi −
// lo), the quantile is lo + √(u(hi − lo)(mode − lo)) for u < c and
// hi − √((1 − u)(hi − lo)(hi − mode)) otherwise (Johnson, Kotz and
// Balakrishnan 1995, Continuous Univariate Distributions 2, ch. 26).
func Triangular(lo, mode, hi float64) (Dist, error) {
	if !finite(lo, mode, hi, hi-lo) || lo >= hi || mode < lo || mode > hi {
		return nil, fmt.Errorf("sensitivity: Triangular(%v, %v, %v): need finite lo ≤ mode ≤ hi, lo < hi", lo, mode, hi)
	}
	return triangular{lo, mode, hi}, nil
}

func (d triangular) Quantile(u float64) float64 {
	u = clamp01(u)
	w := d.hi - d.lo
	var x float64
	if u < (d.mode-d.lo)/w {
		x = d.lo + math.Sqrt(float64(float64(u*w)*(d.mode-d.lo)))
	} else {
		x = d.hi - math.Sqrt(float64(float64((1-u)*w)*(d.hi-d.mode)))
	}
	return min(max(x, d.lo), d.hi)
}

type discrete []float64

// Discrete returns the distribution that takes each of values (at least
// one, all finite) with equal probability: the quantile is values[i] with
// i = min(floor(u·n), n−1), n = len(values), so each value owns the stratum
// [i/n, (i+1)/n) of the coordinate. Repeating a value weights it.
func Discrete(values []float64) (Dist, error) {
	if len(values) == 0 || !finite(values...) {
		return nil, fmt.Errorf("sensitivity: Discrete: need at least one value, all finite")
	}
	return discrete(append([]float64(nil), values...)), nil
}

func (d discrete) Quantile(u float64) float64 {
	if math.IsNaN(u) {
		return u
	}
	return d[min(int(clamp01(u)*float64(len(d))), len(d)-1)]
}
