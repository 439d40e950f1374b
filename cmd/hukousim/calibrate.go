package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/hukousim/hukousim/output"
	"github.com/hukousim/hukousim/scenarios"
	"github.com/hukousim/hukousim/sim/calibrate"
	"github.com/hukousim/hukousim/sim/experiment"
)

func calibrateCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("calibrate", "calibrate CALIBRATION.yaml [flags]\n\nFits the file's parameters to its targets (simulated method of moments, the same random numbers in every evaluation). The best point so far is saved to the checkpoint after every improvement; rerunning the same command resumes from it.")
	out := fs.String("out", "", "directory to write (default runs/calibrate-<file>-<timestamp>)")
	checkpoint := fs.String("checkpoint", "", "the checkpoint file (default: runs/calibrate-NAME.checkpoint.json, outside the source tree)")
	workers := fs.Int("workers", 0, "parallel workers (0: all cores); results do not depend on it")
	force := fs.Bool("force", false, "replace an existing output directory")
	quiet := fs.Bool("quiet", false, "print nothing but errors")
	pos, err := parseInterspersed(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("calibrate takes one calibration file")
	}
	file := pos[0]
	probe, err := scenarios.Load("baseline", nil)
	if err != nil {
		return err
	}
	spec, err := scenarios.LoadCalibration(file, knownMetrics(&probe.Params))
	if err != nil {
		return err
	}
	fixed := append([]string(nil), spec.Sets...)
	fixed = append(fixed, "population.households="+strconv.Itoa(spec.Households), "time.years="+strconv.Itoa(spec.Years))
	base, err := scenarios.Load(spec.Scenario, fixed)
	if err != nil {
		return err
	}
	if err := checkMemory(&base.Params, spec.Reps); err != nil {
		return err
	}
	baseVals := map[string]float64{}
	start := make([]float64, len(spec.Params))
	for i, p := range spec.Params {
		for _, path := range p.Paths {
			v, err := base.Value(path)
			if err != nil {
				return err
			}
			baseVals[path] = v
		}
		switch {
		case p.HasSet:
			start[i] = p.Start
		case p.Mode == "scale":
			start[i] = 1
		default:
			start[i] = baseVals[p.Paths[0]]
		}
		start[i] = min(max(start[i], p.Low), p.High)
	}
	nWorkers := *workers
	if nWorkers == 0 {
		nWorkers = defaultWorkers()
	}
	run := func(ctx context.Context, sets []string) (calibrate.Data, error) {
		sc, err := scenarios.Load(spec.Scenario, append(append([]string(nil), fixed...), sets...))
		if err != nil {
			return nil, err
		}
		eps, err := sc.Epochs()
		if err != nil {
			return nil, err
		}
		res, err := experiment.Run(ctx, experiment.Spec{Base: &sc.Params, Epochs: eps, Seed: spec.Seed, Reps: spec.Reps, Workers: nWorkers})
		if err != nil {
			return nil, err
		}
		return output.FromResult(res), nil
	}
	prob := &calibrate.Problem{Spec: spec, Run: run, Base: baseVals}
	names := make([]string, len(spec.Params))
	for i, p := range spec.Params {
		names[i] = p.Name
	}
	began := time.Now()
	if !*quiet {
		prob.Progress = func(e calibrate.Evaluation) {
			mark := " "
			if e.Best {
				mark = "*"
			}
			var kv []string
			for i, x := range e.X {
				kv = append(kv, fmt.Sprintf("%s=%.4g", names[i], x))
			}
			fmt.Fprintf(stderr, "hukousim: evaluation %3d%s objective %8.3f  %s  (%s)\n", e.N, mark, e.Objective, strings.Join(kv, " "), time.Since(began).Round(time.Second))
		}
	}
	ckpt := *checkpoint
	if ckpt == "" {
		ckpt = defaultCheckpoint(file)
		if err := os.MkdirAll(filepath.Dir(ckpt), 0o755); err != nil {
			return err
		}
	}
	dir := *out
	if dir == "" {
		dir = filepath.Join("runs", "calibrate-"+strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))+"-"+time.Now().Format("20060102-150405"))
	}
	rd, err := createRunDir(dir, *force, stderr)
	if err != nil {
		return err
	}
	defer rd.Close() // removes everything written unless committed
	before, beforeScores, err := prob.Evaluate(ctx, start)
	if err != nil {
		return err
	}
	best, trace, err := prob.Fit(ctx, start, ckpt)
	spent := evaluationsSpent(trace)
	if err != nil {
		if best != nil && errors.Is(err, context.Canceled) {
			fmt.Fprintf(stderr, "hukousim: interrupted after %d evaluations; the best point is saved in %s, rerun the same command to resume\n", spent, ckpt)
		}
		return err
	}
	// The fitted scenario: the calibration's scenario with the best point
	// applied (and the calibration's own size overrides left out).
	fitted, err := scenarios.Load(spec.Scenario, append(append([]string(nil), spec.Sets...), prob.Sets(best.X)...))
	if err != nil {
		return err
	}
	fy, err := fitted.YAML()
	if err != nil {
		return err
	}
	var header strings.Builder
	fmt.Fprintf(&header, "# Fitted by hukousim calibrate %s (%d evaluations, objective %.4g → %.4g).\n", filepath.Base(file), spent, before, best.Objective)
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
		{"trace.csv", func(w io.Writer) error { return output.WriteTrace(w, names, trace) }},
		{"targets.csv", func(w io.Writer) error { return output.WriteBeforeAfter(w, beforeScores, best.Scores) }},
		{"report.md", func(w io.Writer) error {
			return output.WriteCalibrationReport(w, file, spec, names, start, before, beforeScores, best, spent, len(trace))
		}},
	}
	for _, wr := range writes {
		if err := rd.WriteFile(wr.name, func(fh *os.File) error { return wr.write(fh) }); err != nil {
			return err
		}
	}
	figs := []output.Figure{output.ObjectiveFigure(trace)}
	after := output.ValidationFigure(output.ValidationRows(best.Scores))
	after.Name, after.Title = "targets-after", "Targets after the fit"
	beforeFig := output.ValidationFigure(output.ValidationRows(beforeScores))
	beforeFig.Name, beforeFig.Title = "targets-before", "Targets before the fit"
	figs = append(figs, beforeFig, after)
	if _, err := output.WriteFigures(ctx, rd, figs, []string{"png"}); err != nil {
		return err
	}
	if err := rd.Commit(); err != nil {
		return err
	}
	if !*quiet {
		fmt.Fprintf(stdout, "objective %.4g → %.4g after %d evaluations\n", before, best.Objective, spent)
		for i, p := range spec.Params {
			fmt.Fprintf(stdout, "  %s = %.6g\n", p.Name, best.X[i])
		}
		output.WriteValidation(stdout, fitted.Name, output.ValidationRows(best.Scores), spec.Reps, false)
		fmt.Fprintf(stdout, "\nWrote %s: fitted.yaml, report.md, trace.csv, targets.csv, plots/.\n", rd.Path())
	}
	return nil
}

// evaluationsSpent is how many evaluations the fit has spent, counting
// those of earlier runs it resumed from (the checkpoint's count): the
// number of the last evaluation. One count for the progress lines, the
// interrupt message, stdout, fitted.yaml, report.md and the checkpoint.
func evaluationsSpent(trace []calibrate.Evaluation) int {
	if len(trace) == 0 {
		return 0
	}
	return trace[len(trace)-1].N
}

// defaultCheckpoint is where a calibration file's checkpoint goes unless
// --checkpoint says otherwise: under runs/, which git ignores, not beside
// the file in the source tree.
func defaultCheckpoint(file string) string {
	return filepath.Join("runs", "calibrate-"+strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))+".checkpoint.json")
}
