// Package sweep describes a parameter sweep: which parameters vary, over
// what, by which design, and the points that design gives. It turns a
// sweep's specification into points (the values of every parameter at
// each), and the outputs at those points into sensitivity indices; running
// the points is the output package's (docs/ODD.md, Sweeps).
package sweep

import (
	"fmt"
	"math"
	"strconv"

	"github.com/hukousim/hukousim/sim/sensitivity"
)

// Spec is a sweep: the scenarios run at every point, the parameters that
// vary and how, the design that picks the points, and what is recorded.
type Spec struct {
	Scenarios  []string // embedded names or paths, as scenarios.Load takes them
	Sets       []string // overrides applied to every scenario before the point's own, as --set
	Params     []Parameter
	Design     Design
	Households int
	Reps       int
	Seed       uint64
	Metrics    []string // metric names (every group of each is kept)
	Years      []int    // calendar years recorded, ascending
}

// Parameter is one parameter of a sweep: a value set at every path (Mode
// "set"), or a factor multiplying the scenario's value at every path (Mode
// "scale"), drawn from Dist.
type Parameter struct {
	Name  string    `json:"name"`
	Paths []string  `json:"paths"`
	Mode  string    `json:"mode"`              // "set" or "scale"
	Bases []float64 `json:"bases,omitempty"`   // for "scale": the scenario's value at each path
	Int   bool      `json:"integer,omitempty"` // the fields hold integers: values are rounded
	Dist  Dist      `json:"distribution"`
}

// Dist is how a parameter's values are spread: uniform over a range,
// log-uniform, triangular, normal truncated to a range, or a list of
// values, each equally likely (and, in a grid, each taken in turn).
type Dist struct {
	Kind   string    `json:"kind"`             // "range", "log-range", "triangular", "normal", "values"
	Args   []float64 `json:"args,omitempty"`   // range, log-range: low, high; triangular: low, mode, high; normal: mean, sd, low, high
	Values []float64 `json:"values,omitempty"` // values
	Steps  int       `json:"steps,omitempty"`  // range in a grid: this many evenly spaced values, the ends included
}

// Design picks the points.
type Design struct {
	Method       string `json:"method"`                 // "grid", "latin-hypercube", "morris" or "sobol"
	Points       int    `json:"points,omitempty"`       // latin-hypercube: number of points
	Trajectories int    `json:"trajectories,omitempty"` // morris: number of trajectories (k+1 points each)
	Levels       int    `json:"levels,omitempty"`       // morris: levels of the grid it walks (even)
	Samples      int    `json:"samples,omitempty"`      // sobol: base samples N, giving N(k+2) points
	Seed         uint64 `json:"seed"`                   // the design's own random numbers (not the model's)
	Bootstrap    int    `json:"bootstrap"`              // resamples for the indices' intervals
}

// Methods are the designs a sweep file may name.
var Methods = []string{"grid", "latin-hypercube", "morris", "sobol"}

// Unit is the design's points in the unit hypercube, one row of
// len(Params) coordinates per point, in the order the design defines.
func (s *Spec) Unit() ([][]float64, error) {
	k := len(s.Params)
	d := s.Design
	switch d.Method {
	case "grid":
		levels := make([]int, k)
		for i, p := range s.Params {
			levels[i] = p.Dist.levels()
			if levels[i] == 0 {
				return nil, fmt.Errorf("sweep: a grid needs values, or a range with steps, for %s", p.Name)
			}
		}
		return sensitivity.Grid(levels)
	case "latin-hypercube":
		return sensitivity.LatinHypercube(d.Points, k, d.Seed)
	case "morris":
		return sensitivity.Morris(d.Trajectories, k, d.Levels, d.Seed)
	case "sobol":
		return sensitivity.Saltelli(d.Samples, k, d.Seed)
	}
	return nil, fmt.Errorf("sweep: unknown design %q", d.Method)
}

// Points is the design's points as parameter values: row i holds the value
// of every parameter at point i (a factor for a "scale" parameter).
func (s *Spec) Points() ([][]float64, error) {
	unit, err := s.Unit()
	if err != nil {
		return nil, err
	}
	out := make([][]float64, len(unit))
	for i, u := range unit {
		out[i] = make([]float64, len(s.Params))
		for j, p := range s.Params {
			out[i][j] = p.Value(u[j])
		}
	}
	return out, nil
}

// levels is how many values a grid takes of d (0 when it has none).
func (d Dist) levels() int {
	switch {
	case d.Kind == "values":
		return len(d.Values)
	case d.Kind == "range" && d.Steps > 1:
		return d.Steps
	}
	return 0
}

// Quantile is the value at unit coordinate u in [0, 1]: sensitivity's
// distributions, which give the same bits on every processor, with a
// normal cut to its range by taking u between the range's ends' places.
func (d Dist) Quantile(u float64) float64 {
	u = math.Min(math.Max(u, 0), 1)
	a := d.Args
	var dist sensitivity.Dist
	var err error
	switch d.Kind {
	case "values":
		dist, err = sensitivity.Discrete(d.Values)
	case "range":
		if d.Steps > 1 { // a grid's evenly spaced values
			i := min(int(float64(u*float64(d.Steps))), d.Steps-1)
			return a[0] + float64(float64(i)*(a[1]-a[0]))/float64(d.Steps-1)
		}
		dist, err = sensitivity.Uniform(a[0], a[1])
	case "log-range":
		dist, err = sensitivity.LogUniform(a[0], a[1])
	case "triangular":
		dist, err = sensitivity.Triangular(a[0], a[1], a[2])
	case "normal":
		mean, sd, lo, hi := a[0], a[1], a[2], a[3]
		if dist, err = sensitivity.Normal(mean, sd); err == nil {
			pl, ph := normCDF(dist, lo), normCDF(dist, hi)
			return math.Min(math.Max(dist.Quantile(pl+float64(u*(ph-pl))), lo), hi)
		}
	default:
		err = fmt.Errorf("unknown distribution %q", d.Kind)
	}
	if err != nil {
		panic("sweep: " + err.Error()) // the loader admits no such distribution
	}
	return dist.Quantile(u)
}

// normCDF is the probability below x of the normal dist, found by
// bisection on its quantile, so that it needs no function that rounds
// differently on another processor.
func normCDF(dist sensitivity.Dist, x float64) float64 {
	lo, hi := 0.0, 1.0
	for range 60 {
		mid := (lo + hi) / 2
		if dist.Quantile(mid) < x {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// Ends are the smallest and largest values d can give.
func (d Dist) Ends() (lo, hi float64) {
	switch d.Kind {
	case "values":
		lo, hi = d.Values[0], d.Values[0]
		for _, v := range d.Values {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
		return lo, hi
	case "triangular":
		return d.Args[0], d.Args[2]
	case "normal":
		return d.Args[2], d.Args[3]
	}
	return d.Args[0], d.Args[1]
}

// Value is the parameter's value at unit coordinate u. An integer field
// over a range takes each whole number in it with equal chance (rounding
// a uniform value would give the ends half the others' weight); from a
// distribution, the value rounded.
func (p Parameter) Value(u float64) float64 {
	if p.Int && p.Dist.Kind == "range" && p.Dist.Steps == 0 {
		lo, hi := math.Ceil(p.Dist.Args[0]), math.Floor(p.Dist.Args[1])
		n := hi - lo + 1
		return lo + math.Min(math.Floor(float64(math.Min(math.Max(u, 0), 1)*n)), n-1)
	}
	v := p.Dist.Quantile(u)
	if p.Int {
		v = math.Round(v)
	}
	return v
}

// Sets are the overrides, "path=value", that put the parameter at v.
func (p Parameter) Sets(v float64) []string {
	out := make([]string, len(p.Paths))
	for i, path := range p.Paths {
		x := v
		if p.Mode == "scale" {
			x *= p.Bases[i]
		}
		out[i] = path + "=" + strconv.FormatFloat(x, 'g', -1, 64)
	}
	return out
}
