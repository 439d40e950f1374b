package output

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/hukousim/hukousim/output/plot"
)

// PrintSweep prints what a finished sweep wrote and, for a Morris or
// Sobol design, each ungrouped outcome's parameters from the most to the
// least influential, in the last recorded year.
func PrintSweep(w io.Writer, s *SweepResult, dir string) {
	body := &s.Plan.Body
	l := s.Lang
	fmt.Fprint(w, l.T("term.sweep_head", len(body.Points), body.Design.Method, len(body.Parameters), l.T(Verb(len(body.Parameters), "term.parameter", "term.parameters")),
		body.Replicates, l.T(Verb(body.Replicates, "term.replicate", "term.replicates")), s.Plan.Hash[:min(12, len(s.Plan.Hash))]))
	idx, err := s.Indices()
	if err == nil && len(idx) > 0 {
		last := body.Years[len(body.Years)-1]
		tw := newTable(w, false)
		of := ""
		if len(body.Scenarios) > 1 {
			of = l.T("term.sweep_of", body.Scenarios[0].Name)
		}
		if body.Design.Method == "morris" {
			fmt.Fprint(tw, l.T("term.sweep_morris", last, of))
		} else {
			fmt.Fprint(tw, l.T("term.sweep_sobol", last, of))
		}
		byOutcome := map[outcome][]IndexRow{}
		var order []outcome
		for _, r := range idx {
			if r.group != "" || r.year != last || r.scenario != body.Scenarios[0].Name {
				continue
			}
			if byOutcome[r.outcome] == nil {
				order = append(order, r.outcome)
			}
			byOutcome[r.outcome] = append(byOutcome[r.outcome], r)
		}
		for _, o := range order {
			rows := byOutcome[o]
			key := func(r IndexRow) float64 {
				if body.Design.Method == "morris" {
					return r.Morris.MuStar
				}
				return r.Sobol.ST
			}
			sort.SliceStable(rows, func(a, b int) bool { return key(rows[a]) > key(rows[b]) })
			var parts []string
			for _, r := range rows {
				if body.Design.Method == "morris" {
					parts = append(parts, fmt.Sprintf("%s %s [%s, %s]", r.Parameter, sig3(r.Morris.MuStar), sig3(r.Morris.MuStarLow), sig3(r.Morris.MuStarHigh)))
				} else {
					parts = append(parts, fmt.Sprintf("%s %.2f [%.2f, %.2f]", r.Parameter, r.Sobol.ST, r.Sobol.STLow, r.Sobol.STHigh))
				}
			}
			fmt.Fprintf(tw, "  %s\t%s\n", o.metric, strings.Join(parts, ", "))
		}
		tw.Flush()
	}
	if n := len(s.NoIndex); n > 0 {
		fmt.Fprint(w, l.T(Verb(n, "term.sweep_noindex.one", "term.sweep_noindex.other"), n, s.NoIndex[0]))
	}
	sep := l.T("html.list_sep")
	files := ""
	if m := body.Design.Method; m == "morris" || m == "sobol" {
		files += sep + "indices.csv"
	}
	if s.Figures > 0 {
		files += sep + "plots/"
	}
	fmt.Fprint(w, l.T("term.sweep_wrote", dir, files))
}

// sig3 writes x to 3 significant digits, large values in full with their
// thousands grouped (7,940,000, not 7.94e+06: a count of children reads
// as one), small ones as %g does (0.0123).
func sig3(x float64) string {
	if a := math.Abs(x); a >= 1e4 && a < 1e15 {
		p := math.Pow(10, math.Floor(math.Log10(a))-2)
		return plot.Grouped(math.Round(x/p) * p)
	}
	return strconv.FormatFloat(x, 'g', 3, 64)
}
