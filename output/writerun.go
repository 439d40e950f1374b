package output

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/hukousim/hukousim/output/i18n"
	"github.com/hukousim/hukousim/output/rundir"
	"github.com/hukousim/hukousim/scenarios"
	"github.com/hukousim/hukousim/sim/experiment"
)

// NewManifest describes a finished run of sc: what ran, how and how long.
func NewManifest(sc *scenarios.Scenario, res *experiment.Result, seed uint64, workers int, start, end time.Time) *Manifest {
	wall := end.Sub(start).Seconds()
	man := &Manifest{
		Tool: "hukousim", Version: Version, Commit: Commit(), CommitSource: CommitSource(), GoVersion: GoVersion(),
		Scenario: sc.Name, ScenarioSHA256: sc.SHA256(), Seed: seed, Replicates: len(res.Reps), Workers: workers,
		Households: sc.Params.Population.Households,
		StartYear:  sc.Params.Time.StartYear, Years: sc.Params.Time.Years, BurnIn: sc.Params.Time.BurnIn,
		Start: start.UTC(), End: end.UTC(), WallSeconds: wall, PeakRSSBytes: PeakRSS(),
		HouseholdYears: res.HouseholdYears, HHYearsPerSec: res.HouseholdYears / wall,
		CommandLine: append([]string{"hukousim"}, os.Args[1:]...),
	}
	for _, r := range res.Reps {
		man.BurnInDrift = append(man.BurnInDrift, r.Drift)
		man.Scale = append(man.Scale, r.Scale)
	}
	return man
}

// WriteRun writes the files of a run directory (README.md, What a run
// writes) into rd, figures and report included, and returns the run's
// data; the figures in each of fmts (png, svg), the report's inlined as
// PNG, figures and report in lang. The report gives command as the one
// that reproduces the run; "" gives the command for the run directory's
// scenario.yaml.
func WriteRun(ctx context.Context, rd *rundir.Dir, sc *scenarios.Scenario, res *experiment.Result, man *Manifest, fmts []string, figYear int, lang i18n.Lang, command string) (*RunData, error) {
	resolved, err := sc.YAML()
	if err != nil {
		return nil, err
	}
	data := FromResult(res)
	data.Manifest, data.ScenarioYAML, data.Name, data.Title = man, resolved, sc.Name, sc.Title
	data.ReformYears = ReformYears(sc)
	files := []struct {
		name  string
		write func(io.Writer) error
	}{
		{"scenario.yaml", func(w io.Writer) error { _, err := w.Write(resolved); return err }},
		{"metrics.csv", func(w io.Writer) error { return WriteMetrics(w, res) }},
		{"summary.csv", func(w io.Writer) error { return WriteSummary(w, data.Summary()) }},
		{"cohorts.csv", func(w io.Writer) error { return WriteCohorts(w, res) }},
		{"manifest.json", func(w io.Writer) error { return WriteManifest(w, man) }},
	}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := rd.WriteFile(f.name, func(fh *os.File) error { return f.write(fh) }); err != nil {
			return nil, err
		}
	}
	figs, err := WriteFigures(ctx, rd, RunFigures(data, figYear, lang), fmts)
	if err != nil {
		return nil, err
	}
	rep := &RunReport{
		Scenario: sc, Manifest: man, Data: data, Figures: figs,
		Command: command, Lang: lang,
	}
	if command == "" {
		rep.Command = fmt.Sprintf("hukousim run scenario.yaml --seed %d --reps %d", man.Seed, man.Replicates)
	}
	if err := rd.WriteFile("report.html", func(fh *os.File) error { return WriteRunReport(fh, rep) }); err != nil {
		return nil, err
	}
	return data, nil
}
