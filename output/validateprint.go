package output

import (
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"github.com/hukousim/hukousim/sim/calibrate"
)

// ValidationRows are calibration scores as rows of the validation table
// and figure.
func ValidationRows(scores []calibrate.Score) []ValidationRow {
	var rows []ValidationRow
	for _, s := range scores {
		rows = append(rows, ValidationRow{
			Name: s.Target.Name, Value: s.Target.Value, BandLow: s.Target.Low, BandHi: s.Target.High,
			Model: s.Model, Low: s.Low, High: s.High, Pass: s.Pass, Note: s.Missing,
		})
	}
	return rows
}

// WriteValidation prints the table of targets for scenario name and
// returns how many fail (with quiet, it only counts).
func WriteValidation(w io.Writer, name string, rows []ValidationRow, reps int, quiet bool) int {
	failed := 0
	for _, r := range rows {
		if !r.Pass {
			failed++
		}
	}
	if quiet {
		return failed
	}
	fmt.Fprintf(w, "%s against the published targets (%d replicate(s); model: mean [95%% interval])\n\n", name, reps)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "target\tpublished\tmodel\tband\t")
	for _, r := range rows {
		model := FormatTargetValue(r.Model)
		if model == FormatTargetValue(r.BandLow) || model == FormatTargetValue(r.BandHi) {
			// On a band's edge at this precision: enough digits to show
			// which side it lies on (-3.4965 fails [-7.50, -3.50]).
			model = strconv.FormatFloat(r.Model, 'g', 6, 64)
		}
		if r.Note != "" {
			model = "n/a (" + r.Note + ")"
		} else if r.Low == r.Low { // not NaN
			model += " [" + FormatTargetValue(r.Low) + ", " + FormatTargetValue(r.High) + "]"
		}
		verdict := "pass"
		if !r.Pass {
			verdict = "FAIL"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t[%s, %s]\t%s\n", r.Name, FormatTargetValue(r.Value), model,
			FormatTargetValue(r.BandLow), FormatTargetValue(r.BandHi), verdict)
	}
	tw.Flush()
	fmt.Fprintf(w, "\n%d of %d targets pass.\n", len(rows)-failed, len(rows))
	return failed
}
