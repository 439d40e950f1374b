package output

import (
	"context"
	"os"

	"github.com/hukousim/hukousim/scenarios"
	"github.com/hukousim/hukousim/sim/experiment"
)

// RunWithMicrodata runs the experiment with its microdata streaming into
// the run directory's microdata.parquet (under a temporary name, like
// every file of the directory), and returns the number of rows written.
func RunWithMicrodata(ctx context.Context, rd *RunDir, spec experiment.Spec, sc *scenarios.Scenario, fraction float64) (*experiment.Result, int64, error) {
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
