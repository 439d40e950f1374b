package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/hukousim/hukousim/output"
	"github.com/hukousim/hukousim/scenarios"
	"github.com/hukousim/hukousim/sim"
	"github.com/hukousim/hukousim/sim/experiment"
)

func runCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("run", "run [SCENARIO] [flags]")
	out := fs.String("out", "", "run directory to write (default runs/<scenario>-<timestamp>)")
	seed := fs.Uint64("seed", 1, "random seed; the same seed and scenario give the same metrics byte for byte")
	reps := fs.Int("reps", 5, "replicates (independent runs with seeds keyed by replicate), for the 95% intervals")
	workers := fs.Int("workers", 0, "parallel workers (0: all cores); results do not depend on it")
	households := fs.Int("households", 0, "simulated households (overrides population.households)")
	years := fs.Int("years", 0, "recorded years (overrides time.years)")
	force := fs.Bool("force", false, "replace an existing run directory")
	quiet := fs.Bool("quiet", false, "print nothing but errors")
	var sets multiFlag
	fs.Var(&sets, "set", "override a scenario field, `path=value` (repeatable), e.g. cities.megacity.school.middle.admission=0.9")
	pos, err := parseInterspersed(fs, args, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usagef("run takes one scenario, got %d: %v", len(pos), pos)
	}
	ref := "baseline"
	if len(pos) == 1 {
		ref = pos[0]
	}
	switch {
	case *reps < 1 || *reps > 10000:
		return usagef("--reps must be from 1 to 10000, got %d", *reps)
	case *workers < 0 || *workers > 4096:
		return usagef("--workers must be from 0 to 4096, got %d", *workers)
	case *households < 0:
		return usagef("--households must be positive, got %d", *households)
	case *years < 0:
		return usagef("--years must be positive, got %d", *years)
	}
	// --households and --years are --set overrides, so that the resolved
	// scenario.yaml records them and reruns reproduce the run.
	all := append([]string(nil), sets...)
	if *households > 0 {
		all = append(all, "population.households="+strconv.Itoa(*households))
	}
	if *years > 0 {
		all = append(all, "time.years="+strconv.Itoa(*years))
	}
	sc, err := scenarios.Load(ref, all)
	if err != nil {
		return err
	}
	if err := checkMemory(&sc.Params, *reps); err != nil {
		return err
	}
	epochs, err := sc.Epochs()
	if err != nil {
		return err
	}
	resolved, err := sc.YAML()
	if err != nil {
		return err
	}
	dir := *out
	if dir == "" {
		dir = filepath.Join("runs", sc.Name+"-"+time.Now().Format("20060102-150405"))
	}
	rd, err := output.Create(dir, *force)
	if err != nil {
		return err
	}
	committed := false
	defer func() {
		if !committed {
			rd.Abort()
		}
	}()

	nWorkers := *workers
	if nWorkers == 0 {
		nWorkers = defaultWorkers()
	}
	start := time.Now()
	prog := newProgress(stderr, *quiet)
	res, err := experiment.Run(ctx, experiment.Spec{
		Base: &sc.Params, Epochs: epochs, Seed: *seed, Reps: *reps, Workers: nWorkers,
		Progress: prog.update,
	})
	prog.done()
	if err != nil {
		return err
	}
	end := time.Now()
	sum := output.Summarise(res)
	man := &output.Manifest{
		Tool: "hukousim", Version: output.Version, Commit: output.Commit(), GoVersion: output.GoVersion(),
		Scenario: sc.Name, ScenarioSHA256: sc.SHA256(), Seed: *seed, Replicates: *reps, Workers: nWorkers,
		Households: sc.Params.Population.Households,
		StartYear:  sc.Params.Time.StartYear, Years: sc.Params.Time.Years, BurnIn: sc.Params.Time.BurnIn,
		Start: start.UTC(), End: end.UTC(), WallSeconds: end.Sub(start).Seconds(), PeakRSSBytes: output.PeakRSS(),
		HouseholdYears: res.HouseholdYears, HHYearsPerSec: res.HouseholdYears / end.Sub(start).Seconds(),
		CommandLine: append([]string{"hukousim"}, os.Args[1:]...),
	}
	for _, r := range res.Reps {
		man.BurnInDrift = append(man.BurnInDrift, r.Drift)
		man.Scale = append(man.Scale, r.Scale)
	}
	files := []struct {
		name  string
		write func(io.Writer) error
	}{
		{"scenario.yaml", func(w io.Writer) error { _, err := w.Write(resolved); return err }},
		{"metrics.csv", func(w io.Writer) error { return output.WriteMetrics(w, res) }},
		{"summary.csv", func(w io.Writer) error { return output.WriteSummary(w, sum) }},
		{"cohorts.csv", func(w io.Writer) error { return output.WriteCohorts(w, res) }},
		{"manifest.json", func(w io.Writer) error { return output.WriteManifest(w, man) }},
	}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := rd.WriteFile(f.name, func(fh *os.File) error { return f.write(fh) }); err != nil {
			return err
		}
	}
	if err := rd.Commit(); err != nil {
		return err
	}
	committed = true
	if !*quiet {
		headline(stdout, sc, sum, *reps)
		fmt.Fprintf(stdout, "\nWrote %s (manifest.json, scenario.yaml, metrics.csv, summary.csv, cohorts.csv) in %.1f s.\n", rd.Path(), man.WallSeconds)
	}
	return nil
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
