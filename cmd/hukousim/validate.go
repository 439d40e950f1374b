package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/hukousim/hukousim/output"
	"github.com/hukousim/hukousim/scenarios"
	"github.com/hukousim/hukousim/sim"
	"github.com/hukousim/hukousim/sim/calibrate"
	"github.com/hukousim/hukousim/sim/experiment"
)

// knownMetrics lists the metric names the engine produces for a scenario,
// from one step of a ten-household copy of it.
func knownMetrics(p *sim.Params) func(string) bool {
	q := *p
	q.Population.Households = 10
	q.Time.BurnIn = 0
	names := map[string]bool{}
	if m, err := sim.New(&q, nil, sim.Config{Workers: 1}); err == nil && m.Step(context.Background()) == nil {
		for _, v := range m.Metrics() {
			names[v.Name] = true
		}
	}
	return func(n string) bool { return names[n] }
}

// yearsFor is the number of recorded years that covers every target.
func yearsFor(start int, targets []calibrate.Target) int {
	n := 1
	for _, t := range targets {
		n = max(n, t.LastYear-start+1)
	}
	return n
}

func validateCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("validate", "validate [SCENARIO] [flags]\n\nRuns the scenario (default: the baseline) and scores it against the published targets; exit 1 if any target fails.")
	out := fs.String("out", "", "directory to write (default runs/validate-<scenario>-<timestamp>)")
	targetsFile := fs.String("targets", "", "a targets YAML file (default: the embedded targets, docs/ODD.md#targets)")
	f := addRunFlags(fs)
	f.stderr = stderr
	prof := addProfileFlags(fs)
	pos, err := parseInterspersed(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usagef("validate takes one scenario, got %d", len(pos))
	}
	if err := f.check(fs); err != nil {
		return err
	}
	pr, err := prof.start(*f.force) // (checks the files first)
	if err != nil {
		return err
	}
	defer pr.discard() // removes the profiles unless finished
	ref := "baseline"
	if len(pos) == 1 {
		ref = pos[0]
	}
	probe, err := scenarios.Load(ref, f.sets)
	if err != nil {
		return err
	}
	targets, err := scenarios.LoadTargetsChecked(*targetsFile, knownMetrics(&probe.Params))
	if err != nil {
		return err
	}
	// Record only the years the targets need, unless --years says more.
	if *f.years == 0 {
		*f.years = yearsFor(probe.Params.Time.StartYear, targets)
	}
	sc, eps, err := f.load(ref)
	if err != nil {
		return err
	}
	t := sc.Params.Time
	for _, tg := range targets {
		if tg.FirstYear < t.StartYear || tg.LastYear >= t.StartYear+t.Years {
			return fmt.Errorf("target %s needs the years %d-%d, but the run records %d-%d", tg.Name, tg.FirstYear, tg.LastYear, t.StartYear, t.StartYear+t.Years-1)
		}
	}
	dir := *out
	if dir == "" {
		dir = filepath.Join("runs", "validate-"+sc.Name+"-"+time.Now().Format("20060102-150405"))
	}
	rd, err := createRunDir(dir, *f.force, stderr)
	if err != nil {
		return err
	}
	defer rd.Close() // removes everything written unless committed
	start := time.Now()
	prog := output.NewProgress(stderr, *f.quiet)
	res, err := experiment.Run(ctx, experiment.Spec{Base: &sc.Params, Epochs: eps, Seed: *f.seed, Reps: *f.reps, Workers: f.nWorkers(), Progress: prog.Update})
	prog.Done()
	if err != nil {
		return err
	}
	data := output.FromResult(res)
	scores := calibrate.Evaluate(targets, data)
	rows := output.ValidationRows(scores)
	man := output.NewManifest(sc, res, *f.seed, f.nWorkers(), start, time.Now())
	resolved, err := sc.YAML()
	if err != nil {
		return err
	}
	writes := []struct {
		name  string
		write func(io.Writer) error
	}{
		{"validate.csv", func(w io.Writer) error { return output.WriteValidationCSV(w, rows) }},
		{"scenario.yaml", func(w io.Writer) error { _, err := w.Write(resolved); return err }},
		{"metrics.csv", func(w io.Writer) error { return output.WriteMetrics(w, res) }},
		{"manifest.json", func(w io.Writer) error { return output.WriteManifest(w, man) }},
	}
	for _, wr := range writes {
		if err := rd.WriteFile(wr.name, func(fh *os.File) error { return wr.write(fh) }); err != nil {
			return err
		}
	}
	fmts, _ := formats(*f.format)
	if _, err := output.WriteFigures(ctx, rd, []output.Figure{output.ValidationFigure(rows)}, fmts); err != nil {
		return err
	}
	if err := rd.Commit(); err != nil {
		return err
	}
	if err := pr.finish(); err != nil {
		return fmt.Errorf("wrote %s, but not the profile: %w", rd.Path(), err)
	}
	failed := output.WriteValidation(stdout, sc.Name, rows, *f.reps, *f.quiet)
	if !*f.quiet {
		fmt.Fprintf(stdout, "\nWrote %s: validate.csv, plots/validate.png, metrics.csv, scenario.yaml, manifest.json.\n", rd.Path())
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d targets outside their band", failed, len(rows))
	}
	return nil
}
