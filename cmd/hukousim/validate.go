package main

import (
	"context"
	"fmt"
	"io"

	"github.com/hukousim/hukousim/output"
	"github.com/hukousim/hukousim/output/profile"
	"github.com/hukousim/hukousim/output/rundir"
	"github.com/hukousim/hukousim/sim/experiment"
)

func validateCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("validate", "validate [SCENARIO] [flags]\n\nRuns the scenario (default: the baseline) and scores it against the published targets; exit 1 if any target fails.")
	out := fs.String("out", "", "directory to write (default runs/validate-<scenario>-<timestamp>)")
	targetsFile := fs.String("targets", "", "a targets YAML file (default: the embedded targets, docs/ODD.md#targets)")
	f := addRunFlags(fs)
	f.stderr = stderr
	prof := profile.AddFlags(fs)
	pos, err := parseInterspersed(fs, args, stdout)
	if err != nil {
		return err
	}
	ref, err := scenarioArg("validate", pos)
	if err != nil {
		return err
	}
	if err := f.check(fs); err != nil {
		return err
	}
	if *f.figYear != 0 {
		return usagef("--figure-year has no effect on validate, which draws no single-year figures")
	}
	targets, years, err := output.LoadTargets(ref, f.sets, *targetsFile)
	if err != nil {
		return err
	}
	if *f.years == 0 && !f.sets.has("time.years") {
		*f.years = years // record only the years the targets need
	}
	sc, eps, err := f.load(ref)
	if err != nil {
		return err
	}
	dir := rundir.Default(*out, "validate-"+sc.Name)
	o, err := output.Begin(dir, *f.force, prof, stderr)
	if err != nil {
		return err
	}
	defer o.Close() // removes what was written unless done
	prog := output.NewProgress(stderr, *f.quiet)
	rows, err := output.Validate(ctx, o.Dir, sc, experiment.Spec{Base: &sc.Params, Epochs: eps, Seed: *f.seed, Reps: *f.reps, Workers: f.nWorkers(), Progress: prog.Update}, targets, f.fmts, f.l)
	prog.Done()
	if err != nil {
		return err
	}
	if err := o.Done(); err != nil {
		return err
	}
	failed := output.WriteValidation(stdout, sc.Name, rows, *f.reps, *f.quiet, f.l)
	if !*f.quiet {
		fmt.Fprint(stdout, f.l.T("term.val_wrote", o.Dir.Path()))
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d targets outside their band", failed, len(rows))
	}
	return nil
}
