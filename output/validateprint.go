package output

import (
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/hukousim/hukousim/output/i18n"

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

// WriteValidation prints the table of targets for scenario name, in l,
// and returns how many fail (with quiet, it only counts).
func WriteValidation(w io.Writer, name string, rows []ValidationRow, reps int, quiet bool, l i18n.Lang) int {
	failed := 0
	for _, r := range rows {
		if !r.Pass {
			failed++
		}
	}
	if quiet {
		return failed
	}
	fmt.Fprint(w, l.T("term.val_head", name, reps))
	fv := FormatTargetValue
	if l == i18n.ZH {
		fv = func(x float64) string {
			if math.Abs(x) >= 1e6 {
				return Wan(x)
			}
			return FormatTargetValue(x)
		}
	}
	tw := newTable(w, false)
	fmt.Fprintln(tw, l.T("term.val_cols"))
	for _, r := range rows {
		model := fv(r.Model)
		if model == fv(r.BandLow) || model == fv(r.BandHi) {
			// On a band's edge at this precision: enough digits to show
			// which side it lies on (-3.4965 fails [-7.50, -3.50]).
			model = strconv.FormatFloat(r.Model, 'g', 6, 64)
		}
		if r.Note != "" {
			model = l.T("term.val_na", r.Note)
		} else if r.Low == r.Low { // not NaN
			lo, hi := fv(r.Low), fv(r.High)
			if l == i18n.ZH && math.Abs(r.Model) >= 1e6 {
				lo, hi = wanLike(r.Model, r.Low), wanLike(r.Model, r.High)
			}
			model += " [" + lo + ", " + hi + "]"
		}
		verdict := l.T("term.val_pass")
		if !r.Pass {
			verdict = l.T("term.val_fail")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t[%s, %s]\t%s\n", r.Name, fv(r.Value), model,
			fv(r.BandLow), fv(r.BandHi), verdict)
	}
	tw.Flush()
	fmt.Fprint(w, l.T("term.val_sum", len(rows)-failed, len(rows)))
	return failed
}
