package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/hukousim/hukousim/output"
	"github.com/hukousim/hukousim/output/profile"
	"github.com/hukousim/hukousim/output/rundir"
	"github.com/hukousim/hukousim/sim/experiment"
)

func compareCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("compare", "compare REF OTHER... [flags]\n\nREF and OTHER are run directories, or scenarios (embedded names or YAML files) to run with the same seed. The first is the reference.")
	out := fs.String("out", "", "directory to write (default runs/compare-<timestamp>)")
	unpaired := fs.Bool("unpaired", false, "compare runs that do not share seeds, replicates or years, with Welch intervals")
	noBranch := fs.Bool("no-branch", false, "run every scenario from its first year instead of sharing the years they have in common (slower; the results are the same)")
	year := fs.Int("year", 0, "the year of the effects table and figure (default: the last recorded year)")
	f := addRunFlags(fs)
	f.stderr = stderr
	prof := profile.AddFlags(fs)
	var scens []string
	pos, err := parseInterspersed(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return usagef("compare needs a reference and at least one other run or scenario")
	}
	if err := f.check(fs); err != nil {
		return err
	}
	job := output.CompareJob{Paired: !*unpaired, Year: *year, Inputs: pos, Branch: !*noBranch, Lang: f.l}
	job.Dirs, scens, err = output.SplitInputs(pos)
	if err != nil {
		return usagef("%v", err)
	}
	// Finished runs are read, not run: the flags that shape a run would
	// be ignored, so they are refused.
	var given []string
	fs.Visit(func(fl *flag.Flag) {
		switch fl.Name {
		case "seed", "reps", "households", "years", "set", "workers", "no-branch", "figure-year", "mark-reforms", "precision":
			given = append(given, "--"+fl.Name)
		}
	})
	if len(job.Dirs) > 0 && len(given) > 0 {
		return usagef("%s %s no effect on run directories, which are compared as they were run; rerun them, or compare scenarios", strings.Join(given, ", "), output.Verb(len(given), "has", "have"))
	}
	dir := rundir.Default(*out, "compare")
	// Notes on the scenarios wait until every one has loaded: a scenario
	// that does not load is the one thing to read.
	var notes bytes.Buffer
	f.stderr = &notes
	for _, ref := range scens {
		sc, eps, err := f.load(ref)
		if err != nil {
			return err
		}
		figYear, err := f.figureYear(sc)
		if err != nil {
			return err
		}
		job.Scenarios, job.FigureYears = append(job.Scenarios, sc), append(job.FigureYears, figYear)
		job.Specs = append(job.Specs, experiment.Spec{Base: &sc.Params, Epochs: eps, Seed: *f.seed, Reps: *f.reps, Workers: f.nWorkers()})
	}
	stderr.Write(notes.Bytes())
	f.stderr = stderr
	job.Formats = f.fmts
	if len(job.Specs) > 0 {
		job.Precision = f.precisions()
	}
	if err := job.Check(dir); err != nil {
		return usagef("%v", err)
	}
	o, err := output.Begin(dir, *f.force, prof, stderr)
	if err != nil {
		return err
	}
	defer o.Close() // removes what was written unless done
	prog := output.NewProgress(stderr, *f.quiet)
	if len(job.Specs) > 0 {
		job.Specs[0].Progress = prog.Update
	}
	if !*f.quiet {
		job.Note = func(s string) { fmt.Fprintf(stderr, "hukousim: note: %s\n", s) }
	}
	cmp, err := output.Compare(ctx, o.Dir, job)
	prog.Done()
	if err != nil {
		return err
	}
	if err := o.Done(); err != nil {
		return err
	}
	if !*f.quiet {
		output.PrintComparison(stdout, cmp, o.Dir.Path(), job.Paired, f.l)
		if job.Precision != nil {
			job.Precision.Print(stdout)
		}
	}
	return nil
}
