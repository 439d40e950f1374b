package output

import (
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/hukousim/hukousim/output/plot"
	"github.com/hukousim/hukousim/sim/calibrate"
)

// ObjectiveFigure is a calibration's trace: the objective of each
// evaluation and the best so far.
func ObjectiveFigure(trace []calibrate.Evaluation) plot.Figure {
	all := plot.Series{Label: "each evaluation", Key: "absence:none"}
	best := plot.Series{Label: "best so far", Key: "scenario:1"}
	b := 0.0
	for i, e := range trace {
		all.Points = append(all.Points, plot.Point{X: float64(e.N), Mean: e.Objective, Low: math.NaN(), High: math.NaN()})
		if i == 0 || e.Objective < b {
			b = e.Objective
		}
		best.Points = append(best.Points, plot.Point{X: float64(e.N), Mean: b, Low: math.NaN(), High: math.NaN()})
	}
	return plot.Figure{
		Name: "objective", Kind: plot.KindLine, FreeY: true,
		Title: "Calibration: distance from the targets", XLabel: "evaluation", YLabel: "weighted squared distance (band half-widths)",
		Caption: "Each evaluation runs the model once; the line shows the best point so far.",
		Series:  []plot.Series{all, best},
	}
}

// WriteTrace writes trace.csv: each evaluation's objective and point.
func WriteTrace(w io.Writer, names []string, trace []calibrate.Evaluation) error {
	fmt.Fprintf(w, "evaluation,objective,%s\n", strings.Join(names, ","))
	for _, e := range trace {
		vals := make([]string, len(e.X))
		for i, x := range e.X {
			vals[i] = strconv.FormatFloat(x, 'g', -1, 64)
		}
		if _, err := fmt.Fprintf(w, "%d,%s,%s\n", e.N, strconv.FormatFloat(e.Objective, 'g', -1, 64), strings.Join(vals, ",")); err != nil {
			return err
		}
	}
	return nil
}

// WriteBeforeAfter writes targets.csv: each target before and after the
// fit.
func WriteBeforeAfter(w io.Writer, before, after []calibrate.Score) error {
	fmt.Fprintln(w, "target,value,band_low,band_high,before,before_pass,after,after_low,after_high,after_pass")
	for i, a := range after {
		b := before[i]
		t := a.Target
		if _, err := fmt.Fprintf(w, "%s,%g,%g,%g,%g,%t,%g,%g,%g,%t\n", t.Name, t.Value, t.Low, t.High, b.Model, b.Pass, a.Model, a.Low, a.High, a.Pass); err != nil {
			return err
		}
	}
	return nil
}

// WriteCalibrationReport writes a calibration's report.md: what was
// fitted, from where to where, over evals evaluations (thisRun of them in
// this run, the rest resumed from the checkpoint).
func WriteCalibrationReport(w io.Writer, file string, spec *calibrate.Spec, names []string, start []float64, before float64, beforeScores []calibrate.Score, best *calibrate.Evaluation, evals, thisRun int) error {
	fmt.Fprintf(w, "# Calibration: %s\n\n", filepath.Base(file))
	resumed := ""
	if thisRun < evals {
		resumed = fmt.Sprintf(" (%d in this run, the rest before it, resumed from the checkpoint)", thisRun)
	}
	fmt.Fprintf(w, "Scenario `%s`, %d households, %d replicates, seed %d (the same random numbers in every evaluation), method %s, %d evaluations%s of at most %d.\n\n",
		spec.Scenario, spec.Households, spec.Reps, spec.Seed, spec.Method, evals, resumed, spec.MaxEvals)
	fmt.Fprintf(w, "Objective: %.4g before, %.4g after (weighted sum of squared distances from the published values, in half-widths of each band).\n\n", before, best.Objective)
	fmt.Fprintln(w, "| parameter | fits | bounds | start | fitted |\n| --- | --- | --- | --- | --- |")
	for i, p := range spec.Params {
		fmt.Fprintf(w, "| %s | %s %s | [%g, %g] | %.4g | %.4g |\n", names[i], p.Mode, strings.Join(p.Paths, ", "), p.Low, p.High, start[i], best.X[i])
	}
	fmt.Fprintln(w, "\n| target | weight | published | band | before | after | passes |\n| --- | --- | --- | --- | --- | --- | --- |")
	for i, a := range best.Scores {
		t := a.Target
		fmt.Fprintf(w, "| %s | %g | %s | [%s, %s] | %s | %s [%s, %s] | %t |\n", t.Name, spec.Targets[i].Weight,
			FormatTargetValue(t.Value), FormatTargetValue(t.Low), FormatTargetValue(t.High),
			FormatTargetValue(beforeScores[i].Model), FormatTargetValue(a.Model), FormatTargetValue(a.Low), FormatTargetValue(a.High), a.Pass)
	}
	fmt.Fprintln(w, "\nFigures: plots/objective.png (the trace), plots/targets-before.png and plots/targets-after.png.")
	return nil
}
