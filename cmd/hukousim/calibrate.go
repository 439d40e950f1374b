package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/hukousim/hukousim/output"
	"github.com/hukousim/hukousim/output/rundir"
	"github.com/hukousim/hukousim/sim/calibrate"
)

func calibrateCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("calibrate", "calibrate CALIBRATION.yaml [flags]\n\nFits the file's parameters to its targets (simulated method of moments, the same random numbers in every evaluation). The best point so far is saved to the checkpoint after every improvement; rerunning the same command resumes from it.")
	out := fs.String("out", "", "directory to write (default runs/calibrate-<file>-<timestamp>)")
	checkpoint := fs.String("checkpoint", "", "the checkpoint file (default: runs/calibrate-NAME.checkpoint.json, under runs/, which git ignores)")
	workers := fs.Int("workers", 0, "parallel workers (0: all cores); results do not depend on it")
	force := fs.Bool("force", false, "replace an existing output directory")
	quiet := fs.Bool("quiet", false, "print nothing but errors")
	pos, err := parseInterspersed(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("calibrate takes one calibration file")
	}
	file := pos[0]
	nWorkers := *workers
	if nWorkers == 0 {
		nWorkers = runtime.GOMAXPROCS(0)
	}
	cal, err := output.LoadCalibration(file, nWorkers)
	if err != nil {
		return err
	}
	ckpt, err := output.Checkpoint(file, *checkpoint)
	if err != nil {
		return usagef("%v", err)
	}
	dir := rundir.Default(*out, "calibrate-"+strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)))
	o, err := output.Begin(dir, *force, nil, stderr)
	if err != nil {
		return err
	}
	defer o.Close() // removes what was written unless done
	var progress func(calibrate.Evaluation)
	if !*quiet {
		progress = output.CalibrationProgress(stderr, cal.Names, time.Now())
	}
	fit, err := cal.Fit(ctx, o.Dir, ckpt, progress)
	if err != nil {
		if fit != nil && fit.Best != nil && errors.Is(err, context.Canceled) {
			fmt.Fprintf(stderr, "hukousim: interrupted after %d evaluations; the best point is saved in %s, rerun the same command to resume\n", fit.Spent, ckpt)
		}
		return err
	}
	if err := o.Done(); err != nil {
		return err
	}
	if !*quiet {
		output.PrintFitted(stdout, cal, fit, o.Dir.Path())
	}
	return nil
}
