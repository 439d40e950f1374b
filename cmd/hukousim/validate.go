package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"text/tabwriter"
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
	prog := newProgress(stderr, *f.quiet)
	res, err := experiment.Run(ctx, experiment.Spec{Base: &sc.Params, Epochs: eps, Seed: *f.seed, Reps: *f.reps, Workers: f.nWorkers(), Progress: prog.update})
	prog.done()
	if err != nil {
		return err
	}
	data := output.FromResult(res)
	scores := calibrate.Evaluate(targets, data)
	rows := validationRows(scores)
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
	failed := printValidation(stdout, sc, rows, *f.reps, *f.quiet)
	if !*f.quiet {
		fmt.Fprintf(stdout, "\nWrote %s: validate.csv, plots/validate.png, metrics.csv, scenario.yaml, manifest.json.\n", rd.Path())
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d targets outside their band", failed, len(rows))
	}
	return nil
}

func validationRows(scores []calibrate.Score) []output.ValidationRow {
	var rows []output.ValidationRow
	for _, s := range scores {
		rows = append(rows, output.ValidationRow{
			Name: s.Target.Name, Value: s.Target.Value, BandLow: s.Target.Low, BandHi: s.Target.High,
			Model: s.Model, Low: s.Low, High: s.High, Pass: s.Pass, Note: s.Missing,
		})
	}
	return rows
}

// printValidation prints the table of targets and returns how many fail.
func printValidation(w io.Writer, sc *scenarios.Scenario, rows []output.ValidationRow, reps int, quiet bool) int {
	failed := 0
	for _, r := range rows {
		if !r.Pass {
			failed++
		}
	}
	if quiet {
		return failed
	}
	fmt.Fprintf(w, "%s against the published targets (%d replicate(s); model: mean [95%% interval])\n\n", sc.Name, reps)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "target\tpublished\tmodel\tband\t")
	for _, r := range rows {
		model := output.FormatTargetValue(r.Model)
		if r.Note != "" {
			model = "n/a (" + r.Note + ")"
		} else if r.Low == r.Low { // not NaN
			model += " [" + output.FormatTargetValue(r.Low) + ", " + output.FormatTargetValue(r.High) + "]"
		}
		verdict := "pass"
		if !r.Pass {
			verdict = "FAIL"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t[%s, %s]\t%s\n", r.Name, output.FormatTargetValue(r.Value), model,
			output.FormatTargetValue(r.BandLow), output.FormatTargetValue(r.BandHi), verdict)
	}
	tw.Flush()
	fmt.Fprintf(w, "\n%d of %d targets pass.\n", len(rows)-failed, len(rows))
	return failed
}
