package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime"

	"github.com/hukousim/hukousim/output"
	"github.com/hukousim/hukousim/output/i18n"
	"github.com/hukousim/hukousim/output/profile"
	"github.com/hukousim/hukousim/output/rundir"
	"github.com/hukousim/hukousim/scenarios"
	"github.com/hukousim/hukousim/sim"
	"github.com/hukousim/hukousim/sim/experiment"
)

// runFlags are the flags of run that compare shares.
type runFlags struct {
	seed                                      *uint64
	reps, workers, households, years, figYear *int
	format                                    *string
	force, quiet, markReforms                 *bool
	sets, precision                           multiFlag
	prec                                      []output.Precision // --precision, once checked
	fmts                                      []string           // --format, once checked
	lang                                      *string
	l                                         i18n.Lang // --lang, once checked
	stderr                                    io.Writer // for the small-run note; nil: none
	warned                                    bool
}

func addRunFlags(fs *flag.FlagSet) *runFlags {
	f := &runFlags{
		seed:        fs.Uint64("seed", 1, "random seed; the same seed and scenario give the same metrics byte for byte"),
		reps:        fs.Int("reps", 5, "replicates (independent runs with seeds keyed by replicate), for the 95% intervals"),
		workers:     fs.Int("workers", 0, "parallel workers (0: all cores); results do not depend on it"),
		households:  fs.Int("households", 0, "simulated households (overrides population.households)"),
		years:       fs.Int("years", 0, "recorded years (overrides time.years)"),
		figYear:     fs.Int("figure-year", 0, "the year of single-year figures (default: the first recorded year, or the last when a reform comes later)"),
		format:      fs.String("format", "png", "figure files: png, svg or both (report pages always inline PNG)"),
		force:       fs.Bool("force", false, "replace an existing run directory"),
		quiet:       fs.Bool("quiet", false, "print nothing but errors"),
		markReforms: fs.Bool("mark-reforms", false, "mark the years of the scenario's reforms on the figures over years (sets observation.mark_reforms)"),
	}
	f.lang = addLangFlag(fs)
	fs.Var(&f.sets, "set", "override a scenario field, `path=value` (repeatable), e.g. cities.megacity.school.middle.admission=0.9")
	fs.Var(&f.precision, "precision", "add replicates, from 3 to --reps, until the 95% interval of a metric (compare: of each scenario's difference from the reference) in the last recorded year (compare: --year) is at most HALFWIDTH each side: `METRIC[GROUP]=HALFWIDTH` (repeatable), e.g. lbc=500000")
	return f
}

// check refuses values the flags cannot take. A flag that is given is
// used or refused: --households 0 and --years 0 are refused, not read as
// "the scenario's value" (their defaults, 0, mean that only when the flag
// is absent).
func (f *runFlags) check(fs *flag.FlagSet) error {
	given := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { given[fl.Name] = true })
	switch {
	case *f.reps < 1 || *f.reps > 10000:
		return usagef("--reps must be from 1 to 10000, got %d", *f.reps)
	case *f.workers < 0 || *f.workers > 4096:
		return usagef("--workers must be from 0 to 4096, got %d", *f.workers)
	case given["households"] && *f.households < 1:
		return usagef("--households must be at least 1, got %d", *f.households)
	case given["years"] && *f.years < 1:
		return usagef("--years must be at least 1, got %d", *f.years)
	}
	var err error
	if f.fmts, err = output.Formats(*f.format); err != nil {
		return usagef("%v", err)
	}
	if f.l, err = parseLang(*f.lang); err != nil {
		return err
	}
	if len(f.precision) > 0 {
		probe, err := scenarios.Load("baseline", nil)
		if err != nil {
			return err
		}
		known := sim.MetricNames(&probe.Params)
		for _, s := range f.precision {
			p, err := output.ParsePrecision(s, known)
			if err != nil {
				return usagef("%v", err)
			}
			for _, q := range f.prec {
				if q.Metric == p.Metric && q.Group == p.Group {
					return usagef("--precision %s is given twice", p)
				}
			}
			f.prec = append(f.prec, p)
		}
		if *f.reps < experiment.MinReps {
			return usagef("--precision adds replicates from %d to --reps, which is %d: raise --reps", experiment.MinReps, *f.reps)
		}
	}
	return nil
}

// precisions are the precisions asked, or nil.
func (f *runFlags) precisions() *output.Precisions {
	if len(f.prec) == 0 {
		return nil
	}
	return &output.Precisions{Asked: f.prec}
}

func (f *runFlags) nWorkers() int {
	if *f.workers == 0 {
		return runtime.GOMAXPROCS(0)
	}
	return *f.workers
}

// load reads a scenario with the overrides of the flags. --households and
// --years are --set overrides, so that the resolved scenario.yaml records
// them and reruns reproduce the run.
func (f *runFlags) load(ref string) (*scenarios.Scenario, []sim.Epoch, error) {
	sets := f.sets
	if *f.markReforms {
		sets = append(append([]string(nil), sets...), "observation.mark_reforms=true")
	}
	sc, err := scenarios.LoadShorthand(ref, sets,
		scenarios.Shorthand{Flag: "--households", Path: "population.households", Value: *f.households},
		scenarios.Shorthand{Flag: "--years", Path: "time.years", Value: *f.years})
	if err != nil {
		return nil, nil, err
	}
	if err := experiment.CheckMemory(&sc.Params, *f.reps); err != nil {
		return nil, nil, err
	}
	if note := output.SmallRunNote(&sc.Params.Population); note != "" && !f.warned {
		f.warned = true // once per command
		f.note(note)
	}
	f.note(output.LateReformNote(sc))
	eps, err := sc.Epochs()
	if err != nil {
		return nil, nil, err
	}
	return sc, eps, nil
}

// note prints a note on stderr, unless quiet or "".
func (f *runFlags) note(s string) {
	if f.stderr != nil && !*f.quiet && s != "" {
		fmt.Fprintf(f.stderr, "hukousim: note: %s\n", s)
	}
}

// figureYear is the year of the single-year figures.
func (f *runFlags) figureYear(sc *scenarios.Scenario) (int, error) {
	y, err := sc.CheckFigureYear(*f.figYear)
	if err != nil {
		return 0, usagef("--figure-year %v", err)
	}
	return y, nil
}

func runCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("run", "run [SCENARIO] [flags]")
	out := fs.String("out", "", "run directory to write (default runs/<scenario>-<timestamp>)")
	micro := fs.Float64("microdata", 0, "write microdata.parquet, one row per child and recorded year, for this `FRACTION` of households, in (0, 1] (default 0: none)")
	f := addRunFlags(fs)
	f.stderr = stderr
	prof := profile.AddFlags(fs)
	pos, err := parseInterspersed(fs, args, stdout)
	if err != nil {
		return err
	}
	ref, err := scenarioArg("run", pos)
	if err != nil {
		return err
	}
	if err := f.check(fs); err != nil {
		return err
	}
	if m := *micro; m != 0 && !(m > 0 && m <= 1) { // (NaN fails too)
		return usagef("--microdata: fraction must be in (0, 1], got %g", m)
	}
	if err := prof.Check(*f.force); err != nil {
		return err
	}
	sc, epochs, err := f.load(ref)
	if err != nil {
		return err
	}
	figYear, err := f.figureYear(sc)
	if err != nil {
		return err
	}
	dir := rundir.Default(*out, sc.Name)
	o, err := output.Begin(dir, *f.force, prof, stderr)
	if err != nil {
		return err
	}
	defer o.Close() // removes what was written unless done
	prog := output.NewProgress(stderr, *f.quiet)
	spec := experiment.Spec{Base: &sc.Params, Epochs: epochs, Seed: *f.seed, Reps: *f.reps, Workers: f.nWorkers(), Progress: prog.Update}
	prec := f.precisions()
	data, man, err := output.RunScenario(ctx, o.Dir, sc, spec, *micro, f.fmts, figYear, prec, f.l)
	prog.Done()
	if err != nil {
		return err
	}
	if err := o.Done(); err != nil {
		return err
	}
	if !*f.quiet {
		output.PrintRun(stdout, sc, data, man, o.Dir.Path(), f.l)
		if prec != nil {
			prec.Print(stdout)
		}
	}
	return nil
}
