package output

import (
	"fmt"
	"io"
	"math"
	"text/tabwriter"
)

// EffectRows are the headline effects in a year, for the effects figure.
func EffectRows(effects []Effect, year int) []EffectRow {
	var rows []EffectRow
	for _, h := range Headlines {
		for _, e := range effects {
			if e.Year == year && e.Metric == h.Name && e.Group == h.Group {
				rows = append(rows, EffectRow{Label: h.Label, Scenario: e.Scenario, Diff: e.Diff, Low: e.DiffLow, High: e.DiffHigh, Unit: h.Unit})
			}
		}
	}
	return rows
}

// WriteEffects prints the terminal table of a comparison's headline
// effects in year, one column per scenario against runs[0].
func WriteEffects(w io.Writer, runs []*RunData, effects []Effect, year int, paired bool) {
	method := "paired 95% interval"
	if !paired {
		method = "Welch 95% interval"
	}
	fmt.Fprintf(w, "Effects in %d against %s (difference [%s]):\n\n", year, runs[0].Name, method)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "\t")
	for _, r := range runs[1:] {
		fmt.Fprintf(tw, "%s\t", r.Name)
	}
	fmt.Fprintln(tw)
	for _, h := range Headlines {
		fmt.Fprintf(tw, "%s\t", h.Short)
		for _, r := range runs[1:] {
			cell := "n/a"
			for _, e := range effects {
				if e.Scenario == r.Name && e.Year == year && e.Metric == h.Name && e.Group == h.Group && !math.IsNaN(e.Diff) {
					cell = h.Unit.FormatDiff(e.Diff)
					if !math.IsNaN(e.DiffLow) {
						cell += fmt.Sprintf(" [%s, %s]", h.Unit.FormatDiff(e.DiffLow), h.Unit.FormatDiff(e.DiffHigh))
					}
				}
			}
			fmt.Fprintf(tw, "%s\t", cell)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}
