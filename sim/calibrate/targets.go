package calibrate

import (
	"fmt"
	"math"

	"github.com/hukousim/hukousim/sim/stats"
)

// Data is a run's metrics by series, replicate and year (output.RunData).
type Data interface {
	Series(name, group string) ([][]float64, bool)
	YearIndex(year int) int
}

// Score is one target's model value: the mean over replicates of the
// per-replicate value, its 95% interval, and whether the mean is in band.
type Score struct {
	Target    Target
	Model     float64
	Low, High float64 // the 95% interval of Model (NaN with one replicate)
	PerRep    []float64
	Pass      bool
	Missing   string // why there is no model value ("" when there is one)
}

// PerReplicate is the target's model value in each replicate: the metric
// averaged over the target's years (years whose value is NaN, an empty
// denominator, are left out), times the scale.
func PerReplicate(t Target, d Data) ([]float64, string) {
	xs, ok := d.Series(t.Metric, t.Group)
	if !ok {
		return nil, "the run has no metric " + key(t)
	}
	var idx []int
	for y := t.FirstYear; y <= t.LastYear; y++ {
		i := d.YearIndex(y)
		if i < 0 {
			return nil, fmt.Sprintf("the run does not record the year %d", y)
		}
		idx = append(idx, i)
	}
	out := make([]float64, len(xs))
	for r, row := range xs {
		sum, n := 0.0, 0
		for _, i := range idx {
			if !math.IsNaN(row[i]) {
				sum += row[i]
				n++
			}
		}
		out[r] = math.NaN()
		if n > 0 {
			out[r] = t.Scale * sum / float64(n)
		}
	}
	return out, ""
}

// Evaluate scores every target against a run's data.
func Evaluate(targets []Target, d Data) []Score {
	out := make([]Score, len(targets))
	for i, t := range targets {
		s := Score{Target: t, Model: math.NaN(), Low: math.NaN(), High: math.NaN()}
		per, why := PerReplicate(t, d)
		s.Missing = why
		if why == "" {
			iv := stats.MeanCI(per)
			s.PerRep, s.Model, s.Low, s.High = per, iv.Mean, iv.Low, iv.High
			if math.IsNaN(iv.Mean) {
				s.Missing = "every replicate's value is undefined (an empty group)"
			}
			s.Pass = iv.Mean >= t.Low && iv.Mean <= t.High
		}
		out[i] = s
	}
	return out
}

// Distance is the objective of the fit: the weighted sum of squared
// distances of each model value from its published value, in units of the
// band's half-width, so that targets of every scale count alike and a value
// at the edge of its band costs w. An undefined model value costs 100·w.
func Distance(scores []Score, weights []float64) float64 {
	d := 0.0
	for i, s := range scores {
		w := 1.0
		if weights != nil {
			w = weights[i]
		}
		half := (s.Target.High - s.Target.Low) / 2
		if math.IsNaN(s.Model) || half <= 0 {
			d += float64(100 * w) // (converted: no fused multiply-add on any processor)
			continue
		}
		z := (s.Model - s.Target.Value) / half
		d += float64(float64(w*z) * z)
	}
	return d
}

func key(t Target) string {
	if t.Group == "" {
		return t.Metric
	}
	return t.Metric + " (" + t.Group + ")"
}

// YearsFor is the number of years, recorded from start, that covers every
// target.
func YearsFor(start int, targets []Target) int {
	n := 1
	for _, t := range targets {
		n = max(n, t.LastYear-start+1)
	}
	return n
}
