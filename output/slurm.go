package output

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hukousim/hukousim/output/i18n"
)

// SlurmOptions are a sweep's Slurm jobs: where, how many shards, and what
// passes through to sbatch.
type SlurmOptions struct {
	Dir, File    string // the sweep directory and the sweep file
	Force, Quiet bool
	Given        bool      // any of the options below was given
	Shards       int       // tasks of the array (0: one per 10 points, at most 100)
	Limit        int       // most tasks at once (0: no limit)
	Partition    string    // sbatch --partition
	Time         string    // sbatch --time
	Mem          string    // sbatch --mem
	CPUs         int       // sbatch --cpus-per-task
	Lang         i18n.Lang // of the merge's pages and figures
}

// The files --slurm writes under DIR/slurm.
const (
	slurmDir    = "slurm"
	shardScript = "shards.sbatch"
	mergeScript = "merge.sbatch"
	submitFile  = "submit.sh"
)

// langFlag is the --lang flag that keeps l, "" for English.
func langFlag(l i18n.Lang) string {
	if l != i18n.ZH {
		return ""
	}
	return " --lang " + string(l)
}

// Slurm writes a sweep's Slurm jobs into DIR/slurm: a job array with one
// task per shard (shards.sbatch), a merge job (merge.sbatch) that runs
// after every task succeeded and is cancelled if one fails, and submit.sh,
// which submits both. They are plain bash files to read and edit; scripts
// already there are kept (and submitted as edited) unless Force. With
// submit it submits them, follows the jobs until they end, and fails,
// naming the failed tasks, if any did not complete.
func Slurm(ctx context.Context, job *SweepJob, o SlurmOptions, submit bool, stdout, stderr io.Writer) error {
	n := len(job.Plan.Body.Points)
	shards := o.Shards
	if shards <= 0 {
		shards = min(100, max(1, (n+9)/10))
	}
	if shards > n {
		return fmt.Errorf("--shards %d is more than the sweep's %d points", shards, n)
	}
	if err := openSweepDir(o.Dir, job.Plan, job.Source, o.Force); err != nil {
		return err
	}
	dir, err := filepath.Abs(o.Dir)
	if err != nil {
		return err
	}
	file, err := filepath.Abs(o.File)
	if err != nil {
		return err
	}
	bin, err := os.Executable()
	if err != nil {
		return fmt.Errorf("cannot find the hukousim binary for the jobs: %w", err)
	}
	sd := filepath.Join(dir, slurmDir)
	if err := os.MkdirAll(filepath.Join(sd, "logs"), 0o755); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	_, statErr := os.Stat(filepath.Join(sd, shardScript))
	kept := statErr == nil && !o.Force
	if kept && o.Given {
		return fmt.Errorf("%s holds the scripts written before, which these Slurm options would not change: edit them, or pass --force to write them again with these options", sd)
	}
	if !kept {
		files := slurmScripts(o, shards, bin, file, dir)
		for _, name := range []string{shardScript, mergeScript, submitFile} {
			if err := writeAtomic(filepath.Join(sd, name), []byte(files[name])); err != nil {
				return err
			}
			if err := os.Chmod(filepath.Join(sd, name), 0o755); err != nil {
				return fmt.Errorf("output: %w", err)
			}
		}
	}
	if !o.Quiet {
		if kept {
			fmt.Fprintf(stdout, "Kept the Slurm scripts in %s as they are (--force writes them again).\n", sd)
		} else {
			fmt.Fprintf(stdout, "Wrote %s: %s (a job array of %d %s), %s (the merge, after every shard succeeded) and %s.\n", sd, shardScript, shards, Verb(shards, "shard", "shards"), mergeScript, submitFile)
		}
		if strings.Contains(bin, "go-build") {
			fmt.Fprintf(stderr, "hukousim: the jobs call %s, a temporary binary of go run that disappears when this command ends; build one first (go build -o hukousim ./cmd/hukousim)\n", bin)
		}
	}
	if !submit {
		if !o.Quiet {
			fmt.Fprintf(stdout, "Submit with: bash %s\n", filepath.Join(sd, submitFile))
		}
		return nil
	}
	return submitAndFollow(ctx, sd, o.Quiet, stdout, stderr)
}

// slurmScripts are the three files, by name.
func slurmScripts(o SlurmOptions, shards int, bin, file, dir string) map[string]string {
	q := shellQuote
	var opts strings.Builder
	if o.Partition != "" {
		fmt.Fprintf(&opts, "#SBATCH --partition=%s\n", o.Partition)
	}
	if o.Time != "" {
		fmt.Fprintf(&opts, "#SBATCH --time=%s\n", o.Time)
	}
	if o.Mem != "" {
		fmt.Fprintf(&opts, "#SBATCH --mem=%s\n", o.Mem)
	}
	cpus := max(o.CPUs, 1)
	array := fmt.Sprintf("0-%d", shards-1)
	if o.Limit > 0 {
		array += "%" + strconv.Itoa(o.Limit)
	}
	logs := filepath.Join(dir, slurmDir, "logs")
	shard := fmt.Sprintf(`#!/bin/bash
# One shard of the sweep per task of this array: task I runs the points
# I, I+%[1]d, I+2×%[1]d, ..., writing each finished point into the sweep directory.
# A rerun of a task skips the points it already wrote.
#SBATCH --job-name=hukousim-sweep
#SBATCH --array=%[2]s
#SBATCH --cpus-per-task=%[3]d
#SBATCH --output=%[4]s
%[5]sset -euo pipefail
exec %[6]s sweep %[7]s --out %[8]s --shard "$SLURM_ARRAY_TASK_ID/%[1]d" --workers "${SLURM_CPUS_PER_TASK:-1}" --quiet
`, shards, array, cpus, filepath.Join(logs, "shard-%a.log"), opts.String(), q(bin), q(file), q(dir))
	merge := fmt.Sprintf(`#!/bin/bash
# The merge: gathers every shard's points and writes the sweep's results
# into the sweep directory. submit.sh makes it wait for every task of the
# array to succeed (afterok) and be cancelled if one fails.
#SBATCH --job-name=hukousim-merge
#SBATCH --cpus-per-task=1
#SBATCH --output=%[1]s
%[2]sset -euo pipefail
exec %[3]s merge %[4]s --out %[4]s --quiet%[5]s
`, filepath.Join(logs, "merge.log"), opts.String(), q(bin), q(dir), langFlag(o.Lang))
	submit := fmt.Sprintf(`#!/bin/bash
# Submits the shards, then the merge once they all succeed; prints the two
# job ids. hukousim sweep --slurm --submit does the same and follows them.
set -euo pipefail
cd %[1]s
array=$(sbatch --parsable %[2]s)
array=${array%%%%;*}
merge=$(sbatch --parsable --dependency=afterok:"$array" --kill-on-invalid-dep=yes %[3]s)
merge=${merge%%%%;*}
echo "$array $merge"
`, q(filepath.Join(dir, slurmDir)), shardScript, mergeScript)
	return map[string]string{shardScript: shard, mergeScript: merge, submitFile: submit}
}

// shellQuote quotes s for bash when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r == '/' || r == '.' || r == '-' || r == '_' || r == '%' || r == ':' || r == '+' || r == '=' ||
			(r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9'))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// submitAndFollow runs submit.sh, then polls the jobs until neither is in
// the queue, and checks that every task and the merge completed.
// (sbatch --wait is not used: it returns 0 for a merge cancelled by its
// dependency, docs/ODD.md, Sweeps.)
func submitAndFollow(ctx context.Context, sd string, quiet bool, stdout, stderr io.Writer) error {
	// Jobs submitted before (a --submit stopped with Ctrl-C) that are
	// still queued or running are followed, not submitted again.
	idsFile := filepath.Join(sd, "submitted")
	var array, merge string
	if b, err := os.ReadFile(idsFile); err == nil {
		if f := strings.Fields(string(b)); len(f) == 2 {
			if q, err := exec.CommandContext(ctx, "squeue", "-h", "-j", f[0]+","+f[1], "-o", "%i").Output(); err == nil && strings.TrimSpace(string(q)) != "" {
				array, merge = f[0], f[1]
				if !quiet {
					fmt.Fprintf(stdout, "Job array %s and merge job %s, submitted before, are still in the queue; following them.\n", array, merge)
				}
			}
		}
	}
	if array == "" {
		out, err := exec.CommandContext(ctx, "bash", filepath.Join(sd, submitFile)).CombinedOutput()
		if err != nil {
			return fmt.Errorf("submitting the jobs: %v: %s", err, strings.TrimSpace(string(out)))
		}
		ids := strings.Fields(string(out))
		if len(ids) < 2 {
			return fmt.Errorf("submitting the jobs: submit.sh printed %q, not two job ids", strings.TrimSpace(string(out)))
		}
		array, merge = ids[len(ids)-2], ids[len(ids)-1]
		if err := writeAtomic(idsFile, []byte(array+" "+merge+"\n")); err != nil {
			return err
		}
		if !quiet {
			fmt.Fprintf(stdout, "Submitted job array %s and merge job %s; following them (Ctrl-C stops following, not the jobs).\n", array, merge)
		}
	}
	stopped := func() error {
		fmt.Fprintf(stderr, "hukousim: stopped following; job array %s and merge job %s go on (squeue -j %s,%s shows them, scancel %s %s stops them; the same command follows them again)\n", array, merge, array, merge, array, merge)
		return ctx.Err()
	}
	began := time.Now()
	for {
		q, err := exec.CommandContext(ctx, "squeue", "-h", "-j", array+","+merge, "-o", "%i %T").Output()
		if ctx.Err() != nil {
			return stopped()
		}
		if err != nil {
			return fmt.Errorf("squeue: %v", err)
		}
		if strings.TrimSpace(string(q)) == "" {
			break
		}
		select {
		case <-ctx.Done():
			return stopped()
		case <-time.After(250 * time.Millisecond):
		}
	}
	tasks, err := jobStates(ctx, array)
	if err != nil {
		return err
	}
	mstates, err := jobStates(ctx, merge)
	if err != nil {
		return err
	}
	var failed []string
	for _, t := range tasks {
		if t.state != "COMPLETED" {
			failed = append(failed, fmt.Sprintf("task %s %s (log %s)", t.task, t.state, filepath.Join(sd, "logs", "shard-"+t.task+".log")))
		}
	}
	mstate := "unknown"
	if len(mstates) > 0 {
		mstate = mstates[0].state
	}
	if len(failed) > 0 || mstate != "COMPLETED" {
		msg := fmt.Sprintf("the Slurm jobs did not all complete: merge job %s %s", merge, mstate)
		if len(failed) == 0 {
			msg += " (log " + filepath.Join(sd, "logs", "merge.log") + ")"
		}
		if len(failed) > 0 {
			msg += "; shards of array " + array + ": " + strings.Join(failed, ", ")
		}
		return errors.New(msg + "; rerun the same command to resume: finished points are kept")
	}
	if !quiet {
		fmt.Fprintf(stdout, "%d shards and the merge completed in %s.\n", len(tasks), time.Since(began).Round(100*time.Millisecond))
	}
	return nil
}

// jobState is one job's, or one array task's, state.
type jobState struct{ task, state string }

// jobStates reads a job's states from scontrol (an array gives one line
// per task), which keeps finished jobs for MinJobAge without accounting.
func jobStates(ctx context.Context, id string) ([]jobState, error) {
	out, err := exec.CommandContext(ctx, "scontrol", "show", "job", "-o", id).Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return nil, fmt.Errorf("scontrol show job %s: %s", id, strings.TrimSpace(string(ee.Stderr)))
		}
		return nil, fmt.Errorf("scontrol: %v", err)
	}
	var states []jobState
	for _, line := range bytes.Split(bytes.TrimSpace(out), []byte("\n")) {
		s := jobState{}
		for _, f := range strings.Fields(string(line)) {
			k, v, _ := strings.Cut(f, "=")
			switch k {
			case "ArrayTaskId":
				s.task = v
			case "JobState":
				s.state = v
			}
		}
		states = append(states, s)
	}
	slices.SortStableFunc(states, func(a, b jobState) int {
		x, _ := strconv.Atoi(a.task)
		y, _ := strconv.Atoi(b.task)
		return x - y
	})
	return states, nil
}
