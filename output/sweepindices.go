package output

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"

	"github.com/hukousim/hukousim/sim/sensitivity"
	"github.com/hukousim/hukousim/sim/stats"
)

// outcome names one output of a sweep: a metric's group in a year of a
// scenario.
type outcome struct {
	scenario, metric, group string
	year                    int
}

// pointStats are an outcome's mean over replicates at every point, and
// the half-width of its 95% interval (NaN with one replicate).
type pointStats struct {
	mean, half []float64
}

// outcomes are the sweep's outcomes, in the order of the plan's scenarios
// and metrics, then group and year, with their statistics by point.
// An outcome missing at some point (a group nobody is in) is left out.
func (s *SweepResult) outcomes() ([]outcome, map[outcome]*pointStats) {
	n := len(s.rows)
	vals := map[outcome][][]float64{} // by point, the replicates' values
	for i, rows := range s.rows {
		for _, r := range rows {
			o := outcome{r.scenario, r.metric, r.group, r.year}
			v := vals[o]
			if v == nil {
				v = make([][]float64, n)
				vals[o] = v
			}
			v[i] = append(v[i], r.value)
		}
	}
	var keys []outcome
	stats := map[outcome]*pointStats{}
	for o, v := range vals {
		st := &pointStats{mean: make([]float64, n), half: make([]float64, n)}
		complete := true
		for i, reps := range v {
			if len(reps) == 0 {
				complete = false
				break
			}
			st.mean[i], st.half[i] = meanHalf(reps)
		}
		if complete {
			keys = append(keys, o)
			stats[o] = st
		}
	}
	body := &s.Plan.Body
	rank := func(list []string, x string) int { return slices.Index(list, x) }
	var scNames []string
	for _, sc := range body.Scenarios {
		scNames = append(scNames, sc.Name)
	}
	sort.Slice(keys, func(a, b int) bool {
		x, y := keys[a], keys[b]
		switch {
		case x.scenario != y.scenario:
			return rank(scNames, x.scenario) < rank(scNames, y.scenario)
		case x.metric != y.metric:
			return rank(body.Metrics, x.metric) < rank(body.Metrics, y.metric)
		case x.group != y.group:
			return x.group < y.group
		}
		return x.year < y.year
	})
	return keys, stats
}

// meanHalf is the mean of xs and the half-width of its 95% t interval.
func meanHalf(xs []float64) (mean, half float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	if len(xs) < 2 {
		return mean, math.NaN()
	}
	ss := 0.0
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return mean, stats.TQuantile975(float64(len(xs)-1)) * math.Sqrt(ss/float64(len(xs)-1)/float64(len(xs)))
}

// IndexRow is one parameter's sensitivity index for one outcome.
type IndexRow struct {
	outcome
	Parameter string
	Morris    sensitivity.MorrisIndex
	Sobol     sensitivity.SobolIndex
}

// Indices computes the design's sensitivity indices for every outcome
// from the points' means over replicates: Morris's μ, μ* and σ, or
// Sobol's first-order and total indices, each with a bootstrap 95%
// interval. Grids and Latin hypercubes have none (nil). An outcome that
// is not a number at some point (a share of nobody) or the same at every
// point has none either; NoIndex says which and why.
func (s *SweepResult) Indices() ([]IndexRow, error) {
	s.NoIndex = nil
	body := &s.Plan.Body
	d := body.Design
	if d.Method != "morris" && d.Method != "sobol" {
		return nil, nil
	}
	k := len(body.Parameters)
	var unit [][]float64
	if d.Method == "morris" {
		var err error
		if unit, err = sensitivity.Morris(d.Trajectories, k, d.Levels, d.Seed); err != nil {
			return nil, err
		}
	}
	keys, stats := s.outcomes()
	var out []IndexRow
	for _, o := range keys {
		y := stats[o].mean
		if why := noIndexWhy(y); why != "" {
			s.noIndex(o, why)
			continue
		}
		switch d.Method {
		case "morris":
			idx, err := sensitivity.MorrisAnalyze(unit, y, d.Trajectories, k, d.Bootstrap, d.Seed)
			if err != nil {
				return nil, err
			}
			for j, x := range idx {
				out = append(out, IndexRow{outcome: o, Parameter: body.Parameters[j].Name, Morris: x})
			}
		case "sobol":
			idx, err := sensitivity.SobolAnalyze(y, d.Samples, k, d.Bootstrap, d.Seed)
			if err != nil {
				return nil, err
			}
			for j, x := range idx {
				out = append(out, IndexRow{outcome: o, Parameter: body.Parameters[j].Name, Sobol: x})
			}
		}
	}
	return out, nil
}

// writeIndices writes indices.csv.
func writeIndices(w io.Writer, method string, rows []IndexRow) error {
	cw := csv.NewWriter(w)
	head := []string{"scenario", "metric", "group", "year", "parameter"}
	if method == "morris" {
		head = append(head, "mu", "mu_star", "mu_star_low", "mu_star_high", "sigma")
	} else {
		head = append(head, "s1", "s1_low", "s1_high", "st", "st_low", "st_high")
	}
	cw.Write(head)
	f := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	for _, r := range rows {
		rec := []string{r.scenario, r.metric, r.group, strconv.Itoa(r.year), r.Parameter}
		if method == "morris" {
			m := r.Morris
			rec = append(rec, f(m.Mu), f(m.MuStar), f(m.MuStarLow), f(m.MuStarHigh), f(m.Sigma))
		} else {
			x := r.Sobol
			rec = append(rec, f(x.S1), f(x.S1Low), f(x.S1High), f(x.ST), f(x.STLow), f(x.STHigh))
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

// noIndexWhy says why outputs y have no index: not a number at some
// point, or the same at every point; "" when they have one.
func noIndexWhy(y []float64) string {
	for i, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Sprintf("not a number at point %d (no one it could be measured on)", i)
		}
	}
	for _, v := range y {
		if v != y[0] {
			return ""
		}
	}
	return "the same at every point"
}

// noIndex records an outcome without indices and why.
func (s *SweepResult) noIndex(o outcome, why string) {
	what := o.metric
	if o.group != "" {
		what += "[" + o.group + "]"
	}
	s.NoIndex = append(s.NoIndex, fmt.Sprintf("%s in %d of %s: %s", what, o.year, o.scenario, why))
}
