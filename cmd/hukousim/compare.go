package main

import (
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
	job := output.CompareJob{Paired: !*unpaired, Year: *year, Inputs: pos, Branch: !*noBranch}
	for _, p := range pos {
		if output.IsRunDir(p) {
			job.Dirs = append(job.Dirs, p)
		} else {
			scens = append(scens, p)
		}
	}
	if len(job.Dirs) > 0 && len(scens) > 0 {
		return usagef("compare takes run directories or scenarios, not both: %s %s a run directory, %s %s not",
			strings.Join(job.Dirs, ", "), isAre(job.Dirs), strings.Join(scens, ", "), isAre(scens))
	}
	// Finished runs are read, not run: the flags that shape a run would
	// be ignored, so they are refused.
	var given []string
	fs.Visit(func(fl *flag.Flag) {
		switch fl.Name {
		case "seed", "reps", "households", "years", "set", "workers", "no-branch", "figure-year":
			given = append(given, "--"+fl.Name)
		}
	})
	if len(job.Dirs) > 0 && len(given) > 0 {
		return usagef("%s %s no effect on run directories, which are compared as they were run; rerun them, or compare scenarios", strings.Join(given, ", "), hasHave(given))
	}
	dir := outDir(*out, "compare")
	for i, d := range job.Dirs {
		if rundir.Same(d, dir) {
			return usagef("--out %s is one of the runs being compared; nothing is written into an input", dir)
		}
		for _, e := range job.Dirs[:i] {
			if rundir.Same(d, e) {
				return usagef("run %s is given twice; compare it against something else", d)
			}
		}
	}
	seen := map[string]bool{}
	for _, ref := range scens {
		sc, eps, err := f.load(ref)
		if err != nil {
			return err
		}
		if seen[sc.Name] {
			return usagef("scenario %q is given twice; compare it against something else", sc.Name)
		}
		seen[sc.Name] = true
		figYear, err := f.figureYear(sc)
		if err != nil {
			return err
		}
		job.Scenarios, job.FigureYears = append(job.Scenarios, sc), append(job.FigureYears, figYear)
		job.Specs = append(job.Specs, experiment.Spec{Base: &sc.Params, Epochs: eps, Seed: *f.seed, Reps: *f.reps, Workers: f.nWorkers()})
	}
	job.Formats = f.fmts
	if t := job.Scenarios; *year != 0 && len(t) > 0 {
		if tm := t[0].Params.Time; *year < tm.StartYear || *year >= tm.StartYear+tm.Years {
			return usagef("--year %d is not a recorded year of %s (%d-%d)", *year, t[0].Name, tm.StartYear, tm.StartYear+tm.Years-1)
		}
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
		output.PrintComparison(stdout, cmp, o.Dir.Path(), job.Paired)
	}
	return nil
}

func hasHave(xs []string) string {
	if len(xs) == 1 {
		return "has"
	}
	return "have"
}

func isAre(xs []string) string {
	if len(xs) == 1 {
		return "is"
	}
	return "are"
}
