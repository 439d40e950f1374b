package output

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/hukousim/hukousim/output/i18n"

	"github.com/hukousim/hukousim/output/plot"
	"github.com/hukousim/hukousim/output/rundir"
	"github.com/hukousim/hukousim/scenarios"
	"github.com/hukousim/hukousim/sim"
	"github.com/hukousim/hukousim/sim/calibrate"
	"github.com/hukousim/hukousim/sim/experiment"
)

// Calibration is a calibration file loaded and ready to fit (docs/ODD.md,
// Calibration): its problem for sim/calibrate, and the starting point.
type Calibration struct {
	File  string
	Spec  *calibrate.Spec
	Names []string  // of the free parameters
	Start []float64 // the starting point, within the bounds
	prob  *calibrate.Problem
	fixed []string // the --set overrides every evaluation applies
}

// LoadCalibration reads a calibration file and sets up its problem: every
// evaluation runs the file's scenario, at its size, with workers workers.
func LoadCalibration(file string, workers int) (*Calibration, error) {
	probe, err := scenarios.Load("baseline", nil)
	if err != nil {
		return nil, err
	}
	spec, err := scenarios.LoadCalibration(file, sim.MetricNames(&probe.Params))
	if err != nil {
		return nil, err
	}
	c := &Calibration{File: file, Spec: spec, Start: make([]float64, len(spec.Params))}
	c.fixed = append(append([]string(nil), spec.Sets...), "population.households="+strconv.Itoa(spec.Households), "time.years="+strconv.Itoa(spec.Years))
	base, err := scenarios.Load(spec.Scenario, c.fixed)
	if err != nil {
		return nil, err
	}
	if err := experiment.CheckMemory(&base.Params, spec.Reps); err != nil {
		return nil, err
	}
	baseVals := map[string]float64{}
	for i, p := range spec.Params {
		for _, path := range p.Paths {
			v, err := base.Value(path)
			if err != nil {
				return nil, err
			}
			baseVals[path] = v
		}
		switch {
		case p.HasSet:
			c.Start[i] = p.Start
		case p.Mode == "scale":
			c.Start[i] = 1
		default:
			c.Start[i] = baseVals[p.Paths[0]]
		}
		c.Start[i] = min(max(c.Start[i], p.Low), p.High)
		c.Names = append(c.Names, p.Name)
	}
	run := func(ctx context.Context, sets []string) (calibrate.Data, error) {
		sc, err := scenarios.Load(spec.Scenario, append(append([]string(nil), c.fixed...), sets...))
		if err != nil {
			return nil, err
		}
		eps, err := sc.Epochs()
		if err != nil {
			return nil, err
		}
		res, err := experiment.Run(ctx, experiment.Spec{Base: &sc.Params, Epochs: eps, Seed: spec.Seed, Reps: spec.Reps, Workers: workers})
		if err != nil {
			return nil, err
		}
		return FromResult(res), nil
	}
	c.prob = &calibrate.Problem{Spec: spec, Run: run, Base: baseVals}
	return c, nil
}

// DefaultCheckpoint is where a calibration file's checkpoint goes unless
// --checkpoint says otherwise: under runs/, which git ignores, not beside
// the file in the source tree.
func DefaultCheckpoint(file string) string {
	return filepath.Join("runs", "calibrate-"+strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))+".checkpoint.json")
}

// Checkpoint is the checkpoint file of the calibration file: path, or
// by default DefaultCheckpoint (its directory created). A path whose
// directory does not exist is refused before the first evaluation.
func Checkpoint(file, path string) (string, error) {
	if path == "" {
		path = DefaultCheckpoint(file)
		return path, os.MkdirAll(filepath.Dir(path), 0o755)
	}
	if fi, err := os.Stat(filepath.Dir(path)); err != nil || !fi.IsDir() {
		return "", fmt.Errorf("--checkpoint %s: directory %s does not exist", path, filepath.Dir(path))
	}
	return path, nil
}

// Fitted is a finished calibration.
type Fitted struct {
	Scenario     *scenarios.Scenario // the calibration's scenario at the best point
	Best         *calibrate.Evaluation
	Before       float64 // the objective at the start
	BeforeScores []calibrate.Score
	// Spent is the number of evaluations spent, counting those of the
	// earlier runs resumed from the checkpoint: the number of the last
	// one. It is the one count of the progress lines, the interrupt
	// message, stdout, fitted.yaml, report.md and the checkpoint.
	Spent int
}

// Fit fits the parameters, resuming from checkpoint and saving the best
// point there after every improvement, and writes into rd fitted.yaml,
// trace.csv, targets.csv, report.md and the figures. progress, if set,
// sees every evaluation. An interrupted fit returns the evaluations spent
// with the context's error.
func (c *Calibration) Fit(ctx context.Context, rd *rundir.Dir, checkpoint string, progress func(calibrate.Evaluation)) (*Fitted, error) {
	began := time.Now()
	c.prob.Progress = progress
	before, beforeScores, err := c.prob.Evaluate(ctx, c.Start)
	if err != nil {
		return nil, err
	}
	best, trace, err := c.prob.Fit(ctx, c.Start, checkpoint)
	f := &Fitted{Best: best, Before: before, BeforeScores: beforeScores}
	if len(trace) > 0 {
		f.Spent = trace[len(trace)-1].N
	}
	if err != nil {
		return f, err
	}
	if best.Objective > before {
		// The search found nothing better than where it started (it
		// resumed from a checkpoint whose point it did not improve on, or
		// the budget was too small): the start is the fit.
		best = &calibrate.Evaluation{N: f.Spent, X: c.Start, Objective: before, Scores: beforeScores}
		f.Best = best
	}
	// The fitted scenario: the calibration's scenario with the best point
	// applied (and the calibration's own size overrides left out).
	spec := c.Spec
	f.Scenario, err = scenarios.Load(spec.Scenario, append(append([]string(nil), spec.Sets...), c.prob.Sets(best.X)...))
	if err != nil {
		return nil, err
	}
	fy, err := f.Scenario.YAML()
	if err != nil {
		return nil, err
	}
	var header strings.Builder
	fmt.Fprintf(&header, "# Fitted by hukousim calibrate %s (%d evaluations, objective %.4g → %.4g).\n", filepath.Base(c.File), f.Spent, before, best.Objective)
	for i, p := range spec.Params {
		fmt.Fprintf(&header, "# %s = %.6g (%s %s, bounds [%g, %g])\n", p.Name, best.X[i], p.Mode, strings.Join(p.Paths, ", "), p.Low, p.High)
	}
	writes := []struct {
		name  string
		write func(io.Writer) error
	}{
		{"fitted.yaml", func(w io.Writer) error {
			if _, err := io.WriteString(w, header.String()); err != nil {
				return err
			}
			_, err := w.Write(fy)
			return err
		}},
		{"trace.csv", func(w io.Writer) error { return WriteTrace(w, c.Names, trace) }},
		{"targets.csv", func(w io.Writer) error { return WriteBeforeAfter(w, beforeScores, best.Scores) }},
		{"report.md", func(w io.Writer) error {
			return WriteCalibrationReport(w, c.File, spec, c.Names, c.Start, before, beforeScores, best, f.Spent, len(trace))
		}},
		{"manifest.json", func(w io.Writer) error {
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(&CalibrationManifest{
				Tool: "hukousim", Kind: "calibrate", Version: Version, Commit: Commit(), CommitSource: CommitSource(), GoVersion: GoVersion(),
				File: c.File, Problem: spec.Fingerprint(), Evaluations: f.Spent, Before: before, After: best.Objective,
				Start: began.UTC(), WallSeconds: time.Since(began).Seconds(), CommandLine: append([]string{"hukousim"}, os.Args[1:]...),
			})
		}},
	}
	for _, wr := range writes {
		if err := rd.WriteFile(wr.name, func(fh *os.File) error { return wr.write(fh) }); err != nil {
			return nil, err
		}
	}
	after := ValidationFigure(ValidationRows(best.Scores), i18n.EN)
	after.Name, after.Title = "targets-after", "Targets after the fit"
	beforeFig := ValidationFigure(ValidationRows(beforeScores), i18n.EN)
	beforeFig.Name, beforeFig.Title = "targets-before", "Targets before the fit"
	if _, err := WriteFigures(ctx, rd, []plot.Figure{ObjectiveFigure(trace), beforeFig, after}, []string{"png"}); err != nil {
		return nil, err
	}
	return f, nil
}

// CalibrationProgress prints a line per evaluation to w: its number, a
// star if it is the best so far, the objective, the point and the time
// since began.
func CalibrationProgress(w io.Writer, names []string, began time.Time) func(calibrate.Evaluation) {
	return func(e calibrate.Evaluation) {
		mark := " "
		if e.Best {
			mark = "*"
		}
		var kv []string
		for i, x := range e.X {
			kv = append(kv, fmt.Sprintf("%s=%.4g", names[i], x))
		}
		fmt.Fprintf(w, "hukousim: evaluation %3d%s objective %8.3f  %s  (%s)\n", e.N, mark, e.Objective, strings.Join(kv, " "), time.Since(began).Round(time.Second))
	}
}

// PrintFitted is what calibrate prints once f is written.
func PrintFitted(w io.Writer, c *Calibration, f *Fitted, dir string) {
	fmt.Fprintf(w, "objective %.4g → %.4g after %d evaluations\n", f.Before, f.Best.Objective, f.Spent)
	for i, name := range c.Names {
		fmt.Fprintf(w, "  %s = %.6g\n", name, f.Best.X[i])
	}
	WriteValidation(w, f.Scenario.Name, ValidationRows(f.Best.Scores), c.Spec.Reps, false, i18n.EN)
	fmt.Fprintf(w, "\nWrote %s: fitted.yaml, report.md, trace.csv, targets.csv, plots/.\n", dir)
}
