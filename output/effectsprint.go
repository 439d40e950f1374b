package output

import (
	"fmt"
	"io"
	"math"

	"github.com/hukousim/hukousim/output/i18n"
)

// EffectRows are the headline effects in a year, for the effects figure,
// labelled in l.
func EffectRows(effects []Effect, year int, l i18n.Lang) []EffectRow {
	var rows []EffectRow
	for _, h := range Headlines {
		for _, e := range effects {
			if e.Year == year && e.Metric == h.Name && e.Group == h.Group {
				rows = append(rows, EffectRow{Label: h.LabelIn(l), Scenario: e.Scenario, Diff: e.Diff, Low: e.DiffLow, High: e.DiffHigh, Unit: h.Unit})
			}
		}
	}
	return rows
}

// WriteEffects prints the terminal table of a comparison's headline
// effects in year, one column per scenario against runs[0].
func WriteEffects(w io.Writer, runs []*RunData, effects []Effect, year int, paired bool, l i18n.Lang) {
	method := l.T("term.paired_ci")
	if !paired {
		method = l.T("term.welch_ci")
	}
	fmt.Fprint(w, l.T("term.effects", year, runs[0].Name, method))
	tw := newTable(w, true)
	fmt.Fprint(tw, "\t")
	for _, r := range runs[1:] {
		fmt.Fprintf(tw, "%s\t", r.Name)
	}
	fmt.Fprintln(tw)
	for _, h := range Headlines {
		fmt.Fprintf(tw, "%s\t", h.ShortIn(l))
		for _, r := range runs[1:] {
			cell := l.T("unit.na")
			for _, e := range effects {
				if e.Scenario == r.Name && e.Year == year && e.Metric == h.Name && e.Group == h.Group && !math.IsNaN(e.Diff) {
					cell = h.Unit.FormatDiffIn(l, e.Diff)
					if !math.IsNaN(e.DiffLow) {
						cell += fmt.Sprintf(" [%s, %s]", bound(l, h.Unit.FormatDiffIn(l, e.DiffLow)), bound(l, h.Unit.FormatDiffIn(l, e.DiffHigh)))
					}
				}
			}
			fmt.Fprintf(tw, "%s\t", cell)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}
