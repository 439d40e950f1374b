package output

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/hukousim/hukousim/sim/experiment"
	"github.com/hukousim/hukousim/sim/stats"
)

// Precision asks for replicates until a metric's 95% interval (in a run)
// or its paired difference's (in a comparison, for every scenario against
// the reference) is at most Half on each side, in the year the run
// reports (its last recorded; a comparison's effects year).
type Precision struct {
	Metric, Group string
	Half          float64
}

// ParsePrecision reads METRIC=HALFWIDTH or METRIC[GROUP]=HALFWIDTH
// (lb_prob[sex=girl;age=12-14;tier=1]=0.01). known, when not nil, checks
// the metric's name.
func ParsePrecision(s string, known func(string) bool) (Precision, error) {
	i := strings.LastIndex(s, "=")
	if i < 0 {
		return Precision{}, fmt.Errorf("--precision %q: write METRIC=HALFWIDTH, e.g. lbc=500000", s)
	}
	name, num := strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
	p := Precision{Metric: name}
	if open := strings.Index(name, "["); open >= 0 {
		if !strings.HasSuffix(name, "]") {
			return Precision{}, fmt.Errorf("--precision %q: a group goes in brackets, METRIC[GROUP]=HALFWIDTH", s)
		}
		p.Metric, p.Group = name[:open], name[open+1:len(name)-1]
	}
	x, err := strconv.ParseFloat(num, 64)
	switch {
	case err != nil || math.IsNaN(x) || math.IsInf(x, 0):
		return Precision{}, fmt.Errorf("--precision %q: %q is not a number", s, num)
	case x <= 0:
		return Precision{}, fmt.Errorf("--precision %q: the half-width must be above 0", s)
	case p.Metric == "":
		return Precision{}, fmt.Errorf("--precision %q: no metric", s)
	case known != nil && !known(p.Metric):
		return Precision{}, fmt.Errorf("--precision %q: unknown metric %q (docs/ODD.md, Observation, lists them)", s, p.Metric)
	}
	p.Half = x
	return p, nil
}

func (p Precision) String() string {
	if p.Group == "" {
		return p.Metric
	}
	return p.Metric + "[" + p.Group + "]"
}

// PrecisionResult is what a Precision got: the half-width reached with
// the replicates run.
type PrecisionResult struct {
	Metric     string  `json:"metric"`
	Group      string  `json:"group,omitempty"`
	Scenario   string  `json:"scenario,omitempty"` // in a comparison: against the reference
	Year       int     `json:"year"`
	Asked      float64 `json:"half_width_asked"`
	Got        float64 `json:"half_width"`
	Reached    bool    `json:"reached"`
	Replicates int     `json:"replicates"`
}

// Precisions follows the precision asked of a run or a comparison.
type Precisions struct {
	Asked []Precision
	Year  int      // 0: the last recorded year
	Names []string // the scenarios of a comparison, the reference first
	Welch bool     // a comparison of runs that do not share seeds: Welch intervals, as its tables
	Got   []PrecisionResult
	Err   error // a metric, group or year the run does not have
}

// Enough is experiment.Spec.Enough: true when every interval is narrow
// enough (or a metric is missing, which Err then says).
func (ps *Precisions) Enough(results []*experiment.Result) bool {
	ps.Got = ps.Got[:0]
	ok := true
	for _, p := range ps.Asked {
		ref := results[0]
		yi := len(ref.Years) - 1
		if ps.Year != 0 {
			if yi = slices.Index(ref.Years, ps.Year); yi < 0 {
				ps.Err = fmt.Errorf("--precision: the runs do not record %d", ps.Year)
				return true
			}
		}
		values := func(res *experiment.Result) ([]float64, bool) {
			var xs []float64
			for _, rep := range res.Reps {
				found := false
				for _, v := range rep.Metrics[yi] {
					if v.Name == p.Metric && v.Group == p.Group {
						xs, found = append(xs, v.Value), true
						break
					}
				}
				if !found {
					return nil, false
				}
			}
			return xs, true
		}
		rs, found := values(ref)
		if !found {
			ps.Err = fmt.Errorf("--precision %s: the run has no such series in %d (hukousim explain %s lists its groups)", p, ref.Years[yi], p.Metric)
			return true
		}
		if len(results) == 1 {
			iv := stats.MeanCI(rs)
			half := (iv.High - iv.Low) / 2
			ps.Got = append(ps.Got, PrecisionResult{Metric: p.Metric, Group: p.Group, Year: ref.Years[yi], Asked: p.Half, Got: half, Reached: half <= p.Half, Replicates: len(rs)})
			ok = ok && half <= p.Half
			continue
		}
		for i, res := range results[1:] {
			xs, found := values(res)
			if !found {
				ps.Err = fmt.Errorf("--precision %s: %s has no such series in %d", p, ps.name(i+1), ref.Years[yi])
				return true
			}
			d := stats.Paired(rs, xs)
			if ps.Welch {
				d = stats.Welch(rs, xs)
			}
			half := (d.DiffHigh - d.DiffLow) / 2
			ps.Got = append(ps.Got, PrecisionResult{Metric: p.Metric, Group: p.Group, Scenario: ps.name(i + 1), Year: ref.Years[yi], Asked: p.Half, Got: half, Reached: half <= p.Half, Replicates: len(xs)})
			ok = ok && half <= p.Half
		}
	}
	return ok
}

func (ps *Precisions) name(i int) string {
	if i < len(ps.Names) {
		return ps.Names[i]
	}
	return strconv.Itoa(i)
}

// Print says, for each precision asked, what the replicates reached, and
// what to do when they fell short.
func (ps *Precisions) Print(w io.Writer) {
	g := func(x float64) string { return strconv.FormatFloat(x, 'g', 3, 64) }
	for _, r := range ps.Got {
		what := r.Metric
		if r.Group != "" {
			what += "[" + r.Group + "]"
		}
		if r.Scenario != "" {
			what = r.Scenario + " − " + ps.Names[0] + ": " + what
		}
		if r.Reached {
			fmt.Fprintf(w, "Precision: %s in %d, ±%s after %d replicates (asked ±%s).\n", what, r.Year, g(r.Got), r.Replicates, g(r.Asked))
		} else {
			fmt.Fprintf(w, "Precision not reached: %s in %d, ±%s after %d replicates, the --reps limit (asked ±%s); raise --reps.\n", what, r.Year, g(r.Got), r.Replicates, g(r.Asked))
		}
	}
}
