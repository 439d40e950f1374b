package output

import (
	"context"
	"os"
	"time"

	"github.com/hukousim/hukousim/output/i18n"
	"github.com/hukousim/hukousim/output/rundir"
	"github.com/hukousim/hukousim/scenarios"
	"github.com/hukousim/hukousim/sim/experiment"
)

// RunWithMicrodata runs the experiment with its microdata streaming into
// the run directory's microdata.parquet (under a temporary name, like
// every file of the directory), and returns the number of rows written.
func RunWithMicrodata(ctx context.Context, rd *rundir.Dir, spec experiment.Spec, sc *scenarios.Scenario, fraction float64) (*experiment.Result, int64, error) {
	regions := make([]string, len(sc.Params.Regions))
	for i, r := range sc.Params.Regions {
		regions[i] = r.Name
	}
	cities := make([]string, len(sc.Params.Cities))
	for i, c := range sc.Params.Cities {
		cities[i] = c.Name
	}
	var res *experiment.Result
	var rows int64
	var runErr error // the simulation's own error, returned as it is
	err := rd.WriteFile("microdata.parquet", func(fh *os.File) error {
		mw := NewMicrodataWriter(fh, regions, cities)
		spec.Micro, spec.MicroFraction = mw, fraction
		if res, runErr = experiment.Run(ctx, spec); runErr != nil {
			return runErr
		}
		rows = mw.Rows()
		return mw.Close()
	})
	if runErr != nil {
		return nil, 0, runErr
	}
	if err != nil {
		return nil, 0, err
	}
	return res, rows, nil
}

// RunScenario runs sc (spec) and writes its run directory into rd
// (WriteRun): with microdata.parquet for that fraction of the households
// when microdata > 0, the figures in each of fmts, single-year figures of
// figYear. With prec, replicates are added until its precision is
// reached (spec.Reps at most), and the manifest says what it reached. It
// returns the run's data and manifest. Its figures and report are in lang.
func RunScenario(ctx context.Context, rd *rundir.Dir, sc *scenarios.Scenario, spec experiment.Spec, microdata float64, fmts []string, figYear int, prec *Precisions, lang i18n.Lang) (*RunData, *Manifest, error) {
	start := time.Now()
	if prec != nil {
		spec.Enough = prec.Enough
	}
	var res *experiment.Result
	var rows int64
	var err error
	if microdata > 0 {
		res, rows, err = RunWithMicrodata(ctx, rd, spec, sc, microdata)
	} else {
		res, err = experiment.Run(ctx, spec)
	}
	if err != nil {
		return nil, nil, err
	}
	man := NewManifest(sc, res, spec.Seed, spec.Workers, start, time.Now())
	if prec != nil {
		if prec.Err != nil {
			return nil, nil, prec.Err
		}
		man.Precision = prec.Got
	}
	if microdata > 0 {
		man.MicrodataFraction, man.MicrodataRows = microdata, &rows
	}
	data, err := WriteRun(ctx, rd, sc, res, man, fmts, figYear, lang, "")
	if err != nil {
		return nil, nil, err
	}
	return data, man, nil
}
