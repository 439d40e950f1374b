package output

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
)

// PrintSweep prints what a finished sweep wrote and, for a Morris or
// Sobol design, each ungrouped outcome's parameters from the most to the
// least influential, in the last recorded year.
func PrintSweep(w io.Writer, s *SweepResult, dir string) {
	body := &s.Plan.Body
	fmt.Fprintf(w, "Sweep of %d points (%s design, %d %s, %d %s each), design %.12s.\n",
		len(body.Points), body.Design.Method, len(body.Parameters), Verb(len(body.Parameters), "parameter", "parameters"),
		body.Replicates, Verb(body.Replicates, "replicate", "replicates"), s.Plan.Hash)
	idx, err := s.Indices()
	if err == nil && len(idx) > 0 {
		last := body.Years[len(body.Years)-1]
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		of := ""
		if len(body.Scenarios) > 1 {
			of = " of " + body.Scenarios[0].Name + " (indices.csv has every scenario, group and year)"
		}
		if body.Design.Method == "morris" {
			fmt.Fprintf(tw, "\nMorris μ* [95%%] in %d%s (the mean absolute effect of moving a parameter across its whole range):\n", last, of)
		} else {
			fmt.Fprintf(tw, "\nSobol total index ST [95%%] in %d%s (the share of the variance a parameter takes part in):\n", last, of)
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
					parts = append(parts, fmt.Sprintf("%s %.3g [%.3g, %.3g]", r.Parameter, r.Morris.MuStar, r.Morris.MuStarLow, r.Morris.MuStarHigh))
				} else {
					parts = append(parts, fmt.Sprintf("%s %.2f [%.2f, %.2f]", r.Parameter, r.Sobol.ST, r.Sobol.STLow, r.Sobol.STHigh))
				}
			}
			fmt.Fprintf(tw, "  %s\t%s\n", o.metric, strings.Join(parts, ", "))
		}
		tw.Flush()
	}
	if n := len(s.NoIndex); n > 0 {
		fmt.Fprintf(w, "\n%d %s no index (manifest.json lists them all, under no_index), e.g. %s.\n", n, Verb(n, "outcome has", "outcomes have"), s.NoIndex[0])
	}
	fmt.Fprintf(w, "\nWrote %s: sweep.csv (one row per point, scenario, replicate, metric, group and year)", dir)
	if m := body.Design.Method; m == "morris" || m == "sobol" {
		fmt.Fprint(w, ", indices.csv")
	}
	if s.Figures > 0 {
		fmt.Fprint(w, ", plots/")
	}
	fmt.Fprintln(w, ", sweep.html, manifest.json, sweep.yaml.")
}
