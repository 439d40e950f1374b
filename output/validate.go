package output

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/hukousim/hukousim/output/i18n"
	"github.com/hukousim/hukousim/output/plot"
)

// ValidationRow is one target of a validation: the published value and
// band, and the model's value with its 95% interval.
type ValidationRow struct {
	Name                   string
	Value, BandLow, BandHi float64
	Model, Low, High       float64
	Pass                   bool
	Note                   string
}

// ValidationFigure draws model against data on one axis: each target's
// values are measured from the published value in half-widths of its
// accepted band, so that every band runs from about −1 to +1 whatever the
// target's unit, and a model dot inside it passes. Its words are in l.
func ValidationFigure(rows []ValidationRow, l i18n.Lang) plot.Figure {
	f := plot.Figure{
		Name: "validate", Kind: plot.KindDot, Lang: string(l),
		Title:   l.T("fig.val.title"),
		XLabel:  l.T("fig.val.x"),
		Caption: l.T("fig.val.caption"),
	}
	data := plot.Series{Label: l.T("fig.val.data"), Key: "absence:none"}
	model := plot.Series{Label: l.T("fig.val.model"), Key: "scenario:1"}
	for i, r := range rows {
		half := (r.BandHi - r.BandLow) / 2
		z := func(x float64) float64 { return (x - r.Value) / half }
		f.Categories = append(f.Categories, r.Name)
		data.Points = append(data.Points, plot.Point{X: float64(i), Mean: 0, Low: z(r.BandLow), High: z(r.BandHi)})
		model.Points = append(model.Points, plot.Point{X: float64(i), Mean: z(r.Model), Low: z(r.Low), High: z(r.High)})
	}
	f.Series = []plot.Series{data, model}
	return f
}

// WriteValidationCSV writes target,value,band_low,band_high,model,low,high,pass,note.
func WriteValidationCSV(w io.Writer, rows []ValidationRow) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"target", "value", "band_low", "band_high", "model", "model_low", "model_high", "pass", "note"})
	for _, r := range rows {
		cw.Write([]string{r.Name, num(r.Value), num(r.BandLow), num(r.BandHi), num(r.Model), num(r.Low), num(r.High), strconv.FormatBool(r.Pass), r.Note})
	}
	cw.Flush()
	return cw.Error()
}

// FormatTargetValue writes a target's value at a precision that suits its
// size: 66.9 M, 0.225, -5.40.
func FormatTargetValue(x float64) string {
	switch a := math.Abs(x); {
	case math.IsNaN(x):
		return "n/a"
	case a >= 1e6:
		return fmt.Sprintf("%.1f M", x/1e6)
	case a >= 1:
		return fmt.Sprintf("%.2f", x)
	default:
		return fmt.Sprintf("%.3f", x)
	}
}
