package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/hukousim/hukousim/output"
)

func sweepCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("sweep", "sweep SWEEP.yaml [flags]\n\nRuns a sweep file's design: every point, in every scenario, with the same seed (paired across points). Each finished point is saved in DIR/points; rerunning the same command resumes. With --shard I/N it runs every N-th point from I (0 <= I < N) and leaves the merge to 'hukousim merge'; with --slurm it writes (and with --submit runs) a Slurm job array of shards and a merge job.")
	out := fs.String("out", "", "sweep directory (default runs/sweep-<file>); a rerun into it resumes")
	shard := fs.String("shard", "", "run only shard I of N, written I/N with 0 <= I < N")
	workers := fs.Int("workers", 0, "parallel workers (0: all cores); results do not depend on it")
	force := fs.Bool("force", false, "start again in a directory that holds another sweep")
	quiet := fs.Bool("quiet", false, "print nothing but errors")
	var sl output.SlurmOptions
	slurm := fs.Bool("slurm", false, "write a Slurm job array (one task per shard) and a merge job into DIR/slurm")
	submit := fs.Bool("submit", false, "with --slurm: submit the jobs, follow them, and fail naming any failed task")
	fs.IntVar(&sl.Shards, "shards", 0, "with --slurm: number of shards (default: one per 10 points, at most 100)")
	fs.IntVar(&sl.Limit, "array-limit", 0, "with --slurm: most tasks running at once (--array=0-N%LIMIT; 0: no limit)")
	fs.StringVar(&sl.Partition, "partition", "", "with --slurm: the partition (sbatch --partition)")
	fs.StringVar(&sl.Time, "time", "", "with --slurm: time limit per task (sbatch --time), e.g. 1:00:00")
	fs.StringVar(&sl.Mem, "mem", "", "with --slurm: memory per task (sbatch --mem), e.g. 4G")
	fs.IntVar(&sl.CPUs, "cpus-per-task", 0, "with --slurm: CPUs per task (sbatch --cpus-per-task); the task runs as many workers")
	lang := addLangFlag(fs)
	pos, err := parseInterspersed(fs, args, stdout)
	if err != nil {
		return err
	}
	l, err := parseLang(*lang)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("sweep takes one sweep file")
	}
	file := pos[0]
	if !*slurm && (*submit || sl.Shards != 0 || sl.Limit != 0 || sl.Partition != "" || sl.Time != "" || sl.Mem != "" || sl.CPUs != 0) {
		return usagef("--submit, --shards, --array-limit, --partition, --time, --mem and --cpus-per-task go with --slurm")
	}
	sh := output.Shard{Of: 1}
	if *shard != "" {
		if sh, err = parseShard(*shard); err != nil {
			return err
		}
		if *slurm {
			return usagef("--slurm makes the shards itself; give --shards N, not --shard")
		}
	}
	dir := *out
	if dir == "" {
		dir = filepath.Join("runs", "sweep-"+strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)))
	}
	if *workers < 0 {
		return usagef("--workers must be 0 (all cores) or more, got %d", *workers)
	}
	nWorkers := *workers
	if nWorkers <= 0 {
		nWorkers = runtime.GOMAXPROCS(0)
	}
	job, err := output.LoadSweep(file)
	if err != nil {
		return err
	}
	if !*quiet {
		for _, n := range job.Notes {
			fmt.Fprintf(stderr, "hukousim: note: %s\n", n)
		}
	}
	if *slurm {
		sl.Dir, sl.File, sl.Force, sl.Quiet, sl.Lang = dir, file, *force, *quiet, l
		sl.Given = sl.Shards != 0 || sl.Limit != 0 || sl.Partition != "" || sl.Time != "" || sl.Mem != "" || sl.CPUs != 0
		return output.Slurm(ctx, job, sl, *submit, stdout, stderr)
	}
	var progress func(done, total float64)
	var pr *output.Progress
	if !*quiet {
		pr = output.NewProgress(stderr, false)
		progress = pr.Update
		n, k := len(job.Plan.Body.Points), len(job.Plan.Body.Parameters)
		ns, r := len(job.Spec.Scenarios), job.Spec.Reps
		fmt.Fprintf(stderr, "hukousim: %s design: %d points of %d %s, in %d %s, %d %s each, into %s\n",
			job.Spec.Design.Method, n, k, output.Verb(k, "parameter", "parameters"), ns, output.Verb(ns, "scenario", "scenarios"),
			r, output.Verb(r, "replicate", "replicates"), dir)
	}
	run, err := job.Run(ctx, dir, sh, nWorkers, *force, progress)
	if pr != nil {
		pr.Done()
	}
	if err != nil {
		if errors.Is(err, context.Canceled) && run != nil {
			fmt.Fprintf(stderr, "hukousim: %d points finished in this run are saved in %s; rerun the same command to go on from there\n", run.Points, filepath.Join(dir, "points"))
		}
		return err
	}
	if len(run.Redone) > 0 && !*quiet {
		fmt.Fprintf(stderr, "hukousim: note: %d points' files were incomplete and were run again (first: %d)\n", len(run.Redone), run.Redone[0])
	}
	if sh.Of > 1 {
		if !*quiet {
			fmt.Fprintf(stdout, "shard %s: %d points run, %d found done, in %s\nWhen every shard is done: hukousim merge DIR... --out OUT, DIR... the shards' directories (or %s alone, if they all wrote into it)\n", sh, run.Points, run.Skipped, dir, dir)
		}
		return nil
	}
	res, err := output.GatherSweep([]string{dir})
	if err != nil {
		return err
	}
	res.Lang = l
	if err := res.SweepOutputs(dir, []string{dir}, false, run, nWorkers); err != nil {
		return err
	}
	if !*quiet {
		if run.Skipped > 0 {
			fmt.Fprintf(stdout, "%d points run, %d found done.\n", run.Points, run.Skipped)
		}
		output.PrintSweep(stdout, res, dir)
	}
	return nil
}

// parseShard reads I/N.
func parseShard(s string) (output.Shard, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(strings.TrimSpace(a))
	n, err2 := strconv.Atoi(strings.TrimSpace(b))
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return output.Shard{}, usagef("--shard %q: write I/N with 0 <= I < N, e.g. --shard 0/4", s)
	}
	return output.Shard{Index: i, Of: n}, nil
}

func mergeCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("merge", "merge DIR... --out DIR [flags]\n\nGathers the points of a sweep's shards (their directories, or one directory they all wrote into), checks that every point is there exactly once, from the same design and build, and writes the sweep's results. The output equals, byte for byte, that of the sweep run unsharded.")
	out := fs.String("out", "", "directory to write the results into; one of the inputs writes them in place")
	force := fs.Bool("force", false, "replace an existing output directory")
	quiet := fs.Bool("quiet", false, "print nothing but errors")
	lang := addLangFlag(fs)
	pos, err := parseInterspersed(fs, args, stdout)
	if err != nil {
		return err
	}
	l, err := parseLang(*lang)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("merge takes the sweep directories of the shards")
	}
	if *out == "" {
		return usagef("merge needs --out DIR (one of the inputs writes the results in place)")
	}
	res, err := output.GatherSweep(pos)
	if err != nil {
		return err
	}
	res.Lang = l
	if err := res.SweepOutputs(*out, pos, *force, nil, 0); err != nil {
		return err
	}
	if !*quiet {
		output.PrintSweep(stdout, res, *out)
	}
	return nil
}
