package output

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/hukousim/hukousim/output/i18n"
	"github.com/hukousim/hukousim/output/plot"
	"github.com/hukousim/hukousim/output/rundir"
	"github.com/hukousim/hukousim/scenarios"
	"github.com/hukousim/hukousim/sim"
	"github.com/hukousim/hukousim/sim/calibrate"
	"github.com/hukousim/hukousim/sim/experiment"
)

// LoadTargets reads the targets file (the embedded targets when file is
// "") and checks its metrics against those the scenario ref, with sets,
// produces. It returns the targets and the number of recorded years that
// cover them all.
func LoadTargets(ref string, sets []string, file string) ([]calibrate.Target, int, error) {
	probe, err := scenarios.Load(ref, sets)
	if err != nil {
		return nil, 0, err
	}
	targets, err := scenarios.LoadTargetsChecked(file, sim.MetricNames(&probe.Params))
	if err != nil {
		return nil, 0, err
	}
	return targets, calibrate.YearsFor(probe.Params.Time.StartYear, targets), nil
}

// Validate runs sc (spec) and scores it against targets (docs/ODD.md,
// Targets), and writes into rd validate.csv, the validation figure, and
// the run's metrics.csv, scenario.yaml and manifest.json. It refuses,
// before running, a run that does not record every year a target needs.
// The figure is in lang.
func Validate(ctx context.Context, rd *rundir.Dir, sc *scenarios.Scenario, spec experiment.Spec, targets []calibrate.Target, fmts []string, lang i18n.Lang) ([]ValidationRow, error) {
	t := sc.Params.Time
	for _, tg := range targets {
		if tg.FirstYear < t.StartYear || tg.LastYear >= t.StartYear+t.Years {
			return nil, fmt.Errorf("target %s needs the years %d-%d, but the run records %d-%d", tg.Name, tg.FirstYear, tg.LastYear, t.StartYear, t.StartYear+t.Years-1)
		}
	}
	start := time.Now()
	res, err := experiment.Run(ctx, spec)
	if err != nil {
		return nil, err
	}
	rows := ValidationRows(calibrate.Evaluate(targets, FromResult(res)))
	man := NewManifest(sc, res, spec.Seed, spec.Workers, start, time.Now())
	resolved, err := sc.YAML()
	if err != nil {
		return nil, err
	}
	writes := []struct {
		name  string
		write func(io.Writer) error
	}{
		{"validate.csv", func(w io.Writer) error { return WriteValidationCSV(w, rows) }},
		{"scenario.yaml", func(w io.Writer) error { _, err := w.Write(resolved); return err }},
		{"metrics.csv", func(w io.Writer) error { return WriteMetrics(w, res) }},
		{"manifest.json", func(w io.Writer) error { return WriteManifest(w, man) }},
	}
	for _, wr := range writes {
		if err := rd.WriteFile(wr.name, func(fh *os.File) error { return wr.write(fh) }); err != nil {
			return nil, err
		}
	}
	if _, err := WriteFigures(ctx, rd, []plot.Figure{ValidationFigure(rows, lang)}, fmts); err != nil {
		return nil, err
	}
	return rows, nil
}
