package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"time"

	"github.com/hukousim/hukousim/output"
	"github.com/hukousim/hukousim/scenarios"
	"github.com/hukousim/hukousim/sim"
	"github.com/hukousim/hukousim/sim/experiment"
)

// runFlags are the flags of run that compare shares.
type runFlags struct {
	seed                                      *uint64
	reps, workers, households, years, figYear *int
	format                                    *string
	force, quiet                              *bool
	sets                                      multiFlag
	stderr                                    io.Writer // for the small-run note; nil: none
	warned                                    bool
}

func addRunFlags(fs *flag.FlagSet) *runFlags {
	f := &runFlags{
		seed:       fs.Uint64("seed", 1, "random seed; the same seed and scenario give the same metrics byte for byte"),
		reps:       fs.Int("reps", 5, "replicates (independent runs with seeds keyed by replicate), for the 95% intervals"),
		workers:    fs.Int("workers", 0, "parallel workers (0: all cores); results do not depend on it"),
		households: fs.Int("households", 0, "simulated households (overrides population.households)"),
		years:      fs.Int("years", 0, "recorded years (overrides time.years)"),
		figYear:    fs.Int("figure-year", 0, "the year of single-year figures (default: the first recorded year, or the last when a reform comes later)"),
		format:     fs.String("format", "png", "figure files: png, svg or both (report pages always inline PNG)"),
		force:      fs.Bool("force", false, "replace an existing run directory"),
		quiet:      fs.Bool("quiet", false, "print nothing but errors"),
	}
	fs.Var(&f.sets, "set", "override a scenario field, `path=value` (repeatable), e.g. cities.megacity.school.middle.admission=0.9")
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
	_, err := formats(*f.format)
	return err
}

func (f *runFlags) nWorkers() int {
	if *f.workers == 0 {
		return defaultWorkers()
	}
	return *f.workers
}

// load reads a scenario with the overrides of the flags. --households and
// --years are --set overrides, so that the resolved scenario.yaml records
// them and reruns reproduce the run.
func (f *runFlags) load(ref string) (*scenarios.Scenario, []sim.Epoch, error) {
	all := append([]string(nil), f.sets...)
	flagOf := map[string]string{} // the --set made from a flag → the flag as typed
	if *f.households > 0 {
		set := "population.households=" + strconv.Itoa(*f.households)
		all, flagOf[set] = append(all, set), "--households "+strconv.Itoa(*f.households)
	}
	if *f.years > 0 {
		set := "time.years=" + strconv.Itoa(*f.years)
		all, flagOf[set] = append(all, set), "--years "+strconv.Itoa(*f.years)
	}
	sc, err := scenarios.Load(ref, all)
	if err != nil {
		var el scenarios.ErrorList
		if errors.As(err, &el) {
			for _, e := range el {
				e.Flag = flagOf[e.Set]
			}
		}
		return nil, nil, err
	}
	if err := checkMemory(&sc.Params, *f.reps); err != nil {
		return nil, nil, err
	}
	f.noteSmall(&sc.Params.Population)
	eps, err := sc.Epochs()
	if err != nil {
		return nil, nil, err
	}
	return sc, eps, nil
}

// smallRun is the size below which a run is noted as too small for
// numbers by sex, age or tier (the default is 20,000; docs/ODD.md, Known
// limitations, noise in small groups).
const smallRun = 5000

// noteSmall warns, once, that a run this small gives wide intervals (issue
// 12: --households 500 gave intervals of ±190 pp without a word).
func (f *runFlags) noteSmall(p *sim.Population) {
	if f.stderr == nil || *f.quiet || f.warned || p.Households >= smallRun {
		return
	}
	f.warned = true
	fmt.Fprintf(f.stderr, "hukousim: note: %s simulated households, each standing for about %s real ones: metrics by sex, age or city tier rest on few children, and their intervals are wide; use 20,000 or more for numbers to report\n",
		output.Grouped(float64(p.Households)), output.Grouped(p.RealHouseholds/float64(p.Households)))
}

// figureYear is the year of the single-year figures.
func (f *runFlags) figureYear(sc *scenarios.Scenario) (int, error) {
	t := sc.Params.Time
	later := false // a reform after the first recorded year
	for _, r := range sc.Reforms {
		later = later || r.Year > t.StartYear
	}
	switch y := *f.figYear; {
	case y == 0 && later:
		return t.StartYear + t.Years - 1, nil
	case y == 0:
		return t.StartYear, nil
	case y < t.StartYear || y >= t.StartYear+t.Years:
		return 0, usagef("--figure-year must be a recorded year, %d to %d, got %d", t.StartYear, t.StartYear+t.Years-1, y)
	default:
		return y, nil
	}
}

func runCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("run", "run [SCENARIO] [flags]")
	out := fs.String("out", "", "run directory to write (default runs/<scenario>-<timestamp>)")
	micro := fs.Float64("microdata", 0, "write microdata.parquet, one row per child and recorded year, for this `FRACTION` of households, in (0, 1] (default 0: none)")
	f := addRunFlags(fs)
	f.stderr = stderr
	prof := addProfileFlags(fs)
	pos, err := parseInterspersed(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usagef("run takes one scenario, got %d: %v", len(pos), pos)
	}
	if err := f.check(fs); err != nil {
		return err
	}
	if m := *micro; m != 0 && !(m > 0 && m <= 1) { // (NaN fails too)
		return usagef("--microdata: fraction must be in (0, 1], got %g", m)
	}
	if err := prof.check(*f.force); err != nil {
		return err
	}
	ref := "baseline"
	if len(pos) == 1 {
		ref = pos[0]
	}
	sc, epochs, err := f.load(ref)
	if err != nil {
		return err
	}
	figYear, err := f.figureYear(sc)
	if err != nil {
		return err
	}
	dir := *out
	if dir == "" {
		dir = filepath.Join("runs", sc.Name+"-"+time.Now().Format("20060102-150405"))
	}
	rd, err := createRunDir(dir, *f.force, stderr)
	if err != nil {
		return err
	}
	defer rd.Close() // removes everything written unless committed
	pr, err := prof.start(*f.force)
	if err != nil {
		return err
	}
	defer pr.discard() // removes the profiles unless finished

	start := time.Now()
	prog := output.NewProgress(stderr, *f.quiet)
	spec := experiment.Spec{
		Base: &sc.Params, Epochs: epochs, Seed: *f.seed, Reps: *f.reps, Workers: f.nWorkers(),
		Progress: prog.Update,
	}
	var res *experiment.Result
	var microRows int64
	if *micro > 0 {
		res, microRows, err = output.RunWithMicrodata(ctx, rd, spec, sc, *micro)
	} else {
		res, err = experiment.Run(ctx, spec)
	}
	prog.Done()
	if err != nil {
		return err
	}
	fr := finishedRun{sc: sc, res: res, man: output.NewManifest(sc, res, *f.seed, f.nWorkers(), start, time.Now())}
	if *micro > 0 {
		fr.man.MicrodataFraction, fr.man.MicrodataRows = *micro, &microRows
	}
	fmts, err := formats(*f.format)
	if err != nil {
		return err
	}
	data, err := output.WriteRun(ctx, rd, fr.sc, fr.res, fr.man, fmts, figYear)
	if err != nil {
		return err
	}
	if err := rd.Commit(); err != nil {
		return err
	}
	if err := pr.finish(); err != nil {
		return fmt.Errorf("wrote %s, but not the profile: %w", rd.Path(), err)
	}
	if !*f.quiet {
		pop := sc.Params.Population
		output.WriteHeadline(stdout, sc.Name, sc.Title, pop.Households, pop.RealHouseholds, data.Summary(), *f.reps)
		files := "report.html (open it in a browser), plots/, metrics.csv, summary.csv, cohorts.csv, scenario.yaml, manifest.json"
		if *micro > 0 {
			files += fmt.Sprintf(", microdata.parquet (%d rows)", microRows)
		}
		fmt.Fprintf(stdout, "\nSimulated %s household-years in %.1f s. Wrote %s: %s.\n", output.Grouped(fr.man.HouseholdYears), fr.man.WallSeconds, rd.Path(), files)
	}
	return nil
}

// finishedRun is one scenario's experiment, ready to be written.
type finishedRun struct {
	sc  *scenarios.Scenario
	res *experiment.Result
	man *output.Manifest
}

// metricsBytes bounds the memory of one replicate-year of metrics: about
// 500 values plus 4 per city, at under 64 bytes each with their groups.
const metricsBytes = 64 << 10

// checkMemory refuses, before allocating, a run that will not fit in the
// memory available: the population of one replicate, plus the metrics that
// all replicates keep until they are written.
func checkMemory(p *sim.Params, reps int) error {
	avail := availableMemory()
	if avail <= 0 {
		return nil
	}
	pop := sim.EstimateBytes(p)
	metrics := int64(reps) * int64(p.Time.Years) * metricsBytes
	budget := avail * 8 / 10
	switch {
	case pop+metrics <= budget:
		return nil
	case pop >= metrics:
		return fmt.Errorf("%d households need about %.1f GB, but only %.1f GB of memory is available; lower --households (at most about %d here)",
			p.Population.Households, float64(pop)/1e9, float64(avail)/1e9, int64(float64(p.Population.Households)*float64(budget-metrics)/float64(pop)))
	default:
		return fmt.Errorf("%d replicates of %d years keep about %.1f GB of metrics, but only %.1f GB of memory is available; lower --reps or --years",
			reps, p.Time.Years, float64(metrics)/1e9, float64(avail)/1e9)
	}
}
