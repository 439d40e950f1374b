package output

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runSweep runs file's sweep (or one shard of it) into dir.
func runSweep(t *testing.T, file, dir string, shard Shard, workers int) *SweepRun {
	t.Helper()
	job, err := LoadSweep(file)
	if err != nil {
		t.Fatal(err)
	}
	run, err := job.Run(context.Background(), dir, shard, workers, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	return run
}

// finish gathers dirs and writes the results into out.
func finish(t *testing.T, dirs []string, out string) {
	t.Helper()
	res, err := GatherSweep(dirs)
	if err != nil {
		t.Fatal(err)
	}
	if err := res.SweepOutputs(out, dirs, false, nil, 1); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSweepShardsMergeIdentical: the same sweep run whole on one worker,
// whole on two, and as three shards into separate directories merged,
// gives the same sweep.csv byte for byte (and Morris indices.csv, from
// shards into one directory); every point shares the seed.
func TestSweepShardsMergeIdentical(t *testing.T) {
	tmp := t.TempDir()
	file := filepath.Join("testdata", "sweep", "lhs.yaml")
	whole1, whole2 := filepath.Join(tmp, "w1"), filepath.Join(tmp, "w2")
	runSweep(t, file, whole1, Shard{Of: 1}, 1)
	finish(t, []string{whole1}, whole1)
	runSweep(t, file, whole2, Shard{Of: 1}, 2)
	finish(t, []string{whole2}, whole2)
	var shards []string
	for i := range 3 {
		d := filepath.Join(tmp, "s", string(rune('a'+i)))
		runSweep(t, file, d, Shard{Index: i, Of: 3}, 1)
		shards = append(shards, d)
	}
	merged := filepath.Join(tmp, "merged")
	finish(t, shards, merged)

	ref := read(t, filepath.Join(whole1, "sweep.csv"))
	// 6 points × 2 replicates × (lbc, lbc_share) × 2 years, and a header.
	if n := bytes.Count(ref, []byte("\n")); n != 1+6*2*2*2 {
		t.Errorf("sweep.csv has %d lines, want 49", n)
	}
	if !bytes.HasPrefix(ref, []byte("point,scenario,psi,middle_fees,replicate,metric,group,year,value\n")) {
		t.Errorf("sweep.csv header: %q", strings.SplitN(string(ref), "\n", 2)[0])
	}
	for _, d := range []string{whole2, merged} {
		if got := read(t, filepath.Join(d, "sweep.csv")); !bytes.Equal(got, ref) {
			t.Errorf("%s/sweep.csv differs from the unsharded one-worker run's", filepath.Base(d))
		}
	}
	for _, f := range []string{"manifest.json", "sweep.html", "plan.json"} {
		if _, err := os.Stat(filepath.Join(merged, f)); err != nil {
			t.Errorf("merged output lacks %s", f)
		}
	}

	// Morris: shards into one directory, merged in place.
	mfile := filepath.Join("testdata", "sweep", "morris.yaml")
	mw, ms := filepath.Join(tmp, "mw"), filepath.Join(tmp, "ms")
	runSweep(t, mfile, mw, Shard{Of: 1}, 2)
	finish(t, []string{mw}, mw)
	runSweep(t, mfile, ms, Shard{Index: 1, Of: 2}, 1)
	runSweep(t, mfile, ms, Shard{Index: 0, Of: 2}, 1)
	finish(t, []string{ms}, ms)
	for _, f := range []string{"sweep.csv", "indices.csv"} {
		if !bytes.Equal(read(t, filepath.Join(mw, f)), read(t, filepath.Join(ms, f))) {
			t.Errorf("Morris %s: sharded into one directory differs from whole", f)
		}
	}
	idx := string(read(t, filepath.Join(mw, "indices.csv")))
	if !strings.HasPrefix(idx, "scenario,metric,group,year,parameter,mu,mu_star,mu_star_low,mu_star_high,sigma\nbaseline,lbc,,2020,psi,") {
		t.Errorf("indices.csv begins %q", idx[:min(len(idx), 120)])
	}
}

// TestSweepResume: a rerun skips the points already written, and a sweep
// killed half-way and resumed gives the same results as one run whole.
func TestSweepResume(t *testing.T) {
	tmp := t.TempDir()
	file := filepath.Join("testdata", "sweep", "lhs.yaml")
	whole := filepath.Join(tmp, "whole")
	runSweep(t, file, whole, Shard{Of: 1}, 2)
	finish(t, []string{whole}, whole)

	dir := filepath.Join(tmp, "resumed")
	runSweep(t, file, dir, Shard{Index: 0, Of: 2}, 1) // half the points, as if killed
	// A point file half-written by a killed run has a temporary name, which
	// the resume ignores and the next write replaces.
	os.WriteFile(filepath.Join(dir, pointsDir, "."+pointFile(1)+".tmp-1"), []byte("half"), 0o644)
	run := runSweep(t, file, dir, Shard{Of: 1}, 2)
	if run.Skipped != 3 || run.Points != 3 {
		t.Errorf("resumed: %d points run, %d skipped; want 3 and 3", run.Points, run.Skipped)
	}
	finish(t, []string{dir}, dir)
	if !bytes.Equal(read(t, filepath.Join(whole, "sweep.csv")), read(t, filepath.Join(dir, "sweep.csv"))) {
		t.Error("the resumed sweep's sweep.csv differs from the whole run's")
	}
	if again := runSweep(t, file, dir, Shard{Of: 1}, 2); again.Points != 0 || again.Skipped != 6 {
		t.Errorf("a finished sweep rerun: %d points run, %d skipped; want 0 and 6", again.Points, again.Skipped)
	}

	// A point's file cut short (by hand: the tool writes files whole) is
	// refused by merge, and run again by a rerun.
	p2 := filepath.Join(dir, pointsDir, pointFile(2))
	b := read(t, p2)
	lines := strings.SplitAfter(string(b), "\n")
	os.WriteFile(p2, []byte(strings.Join(lines[:len(lines)-3], "")), 0o644)
	if _, err := GatherSweep([]string{dir}); err == nil || !strings.Contains(err.Error(), pointFile(2)+" is incomplete: replicate 1 of baseline has") {
		t.Errorf("merge of a cut point file: %v", err)
	}
	if again := runSweep(t, file, dir, Shard{Of: 1}, 2); again.Points != 1 || len(again.Redone) != 1 || again.Redone[0] != 2 {
		t.Errorf("rerun over a cut point file: %d run, redone %v; want point 2 run again", again.Points, again.Redone)
	}
	if !bytes.Equal(read(t, p2), b) {
		t.Error("point 2 run again differs from its first run")
	}
}

// TestSweepRefusals: merge names missing and doubled points and shards of
// another sweep; a sweep does not write into another sweep's directory
// (without --force) or into a directory that is not a sweep's.
func TestSweepRefusals(t *testing.T) {
	tmp := t.TempDir()
	file := filepath.Join("testdata", "sweep", "lhs.yaml")
	a, b := filepath.Join(tmp, "a"), filepath.Join(tmp, "b")
	runSweep(t, file, a, Shard{Index: 0, Of: 2}, 1)
	for _, tc := range []struct {
		dirs []string
		want string
	}{
		{[]string{a}, "3 of 6 points missing: 1, 3, 5 (all of shard 1/2, if the sweep was split in 2)"},
	} {
		if _, err := GatherSweep(tc.dirs); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("merge %v: %v, want %q", tc.dirs, err, tc.want)
		}
	}
	runSweep(t, file, b, Shard{Of: 1}, 2)
	if _, err := GatherSweep([]string{a, b}); err == nil || !strings.Contains(err.Error(), "3 points found twice: 0 (in "+a+" and "+b+")") {
		t.Errorf("merge with doubled points: %v", err)
	}
	other := filepath.Join(tmp, "other")
	runSweep(t, filepath.Join("testdata", "sweep", "morris.yaml"), other, Shard{Index: 1, Of: 2}, 1)
	if _, err := GatherSweep([]string{a, other}); err == nil || !strings.Contains(err.Error(), "are not shards of one sweep: their designs differ") {
		t.Errorf("merge of two sweeps: %v", err)
	}
	if _, err := GatherSweep([]string{a, a}); err == nil || !strings.Contains(err.Error(), a+" is given twice") {
		t.Errorf("merge of a directory twice: %v", err)
	}
	job, err := LoadSweep(file)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := job.Run(context.Background(), other, Shard{Of: 1}, 1, false, nil); err == nil || !strings.Contains(err.Error(), "holds another sweep") {
		t.Errorf("a sweep into another sweep's directory: %v", err)
	}
	plain := filepath.Join(tmp, "plain")
	os.MkdirAll(plain, 0o755)
	os.WriteFile(filepath.Join(plain, "notes.txt"), []byte("mine"), 0o644)
	for _, force := range []bool{false, true} {
		if _, err := job.Run(context.Background(), plain, Shard{Of: 1}, 1, force, nil); err == nil || !strings.Contains(err.Error(), "is not a sweep directory") {
			t.Errorf("a sweep into a user's directory (force %v): %v", force, err)
		}
	}
	if _, err := os.Stat(filepath.Join(plain, "notes.txt")); err != nil {
		t.Error("the user's file is gone")
	}
}

// TestSweepSlurm runs a sweep through a real Slurm (skipped without one:
// .ci/slurm start sets one up): three shards and the merge give the local
// run's sweep.csv byte for byte; a shard forced to fail leaves the merge
// cancelled, and the command says which task failed.
func TestSweepSlurm(t *testing.T) {
	if _, err := exec.LookPath("sbatch"); err != nil {
		t.Skip("no Slurm here (sbatch not found); .ci/slurm start sets one up")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := exec.CommandContext(ctx, "sinfo", "-h").Run(); err != nil {
		t.Skip("no Slurm controller answers (sinfo failed within 3 s); .ci/slurm start sets one up")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "hukousim")
	build := exec.Command("go", "build", "-o", bin, "../cmd/hukousim")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	file, _ := filepath.Abs(filepath.Join("testdata", "sweep", "lhs.yaml"))
	local := filepath.Join(tmp, "local")
	runSweep(t, file, local, Shard{Of: 1}, 2)
	finish(t, []string{local}, local)

	dir := filepath.Join(tmp, "slurm")
	out, err := exec.Command(bin, "sweep", file, "--out", dir, "--slurm", "--submit", "--shards", "3").CombinedOutput()
	if err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "slurm", "logs", "shard-0.log"))
		t.Fatalf("sweep --slurm --submit: %v\n%s\nshard 0's log:\n%s", err, out, log)
	}
	if !bytes.Equal(read(t, filepath.Join(local, "sweep.csv")), read(t, filepath.Join(dir, "sweep.csv"))) {
		t.Error("the Slurm sweep's sweep.csv differs from the local run's")
	}

	fail := filepath.Join(tmp, "fail")
	if out, err := exec.Command(bin, "sweep", file, "--out", fail, "--slurm", "--shards", "3").CombinedOutput(); err != nil {
		t.Fatalf("sweep --slurm: %v\n%s", err, out)
	}
	script := filepath.Join(fail, "slurm", "shards.sbatch")
	s := strings.Replace(string(read(t, script)), "set -euo pipefail\n",
		"set -euo pipefail\nif [ \"$SLURM_ARRAY_TASK_ID\" = 1 ]; then echo forced failure >&2; exit 3; fi\n", 1)
	if err := os.WriteFile(script, []byte(s), 0o755); err != nil {
		t.Fatal(err)
	}
	out, err = exec.Command(bin, "sweep", file, "--out", fail, "--slurm", "--submit").CombinedOutput()
	if err == nil {
		t.Fatalf("a failed shard: the command succeeded\n%s", out)
	}
	for _, want := range []string{"CANCELLED", "task 1 FAILED", "shard-1.log"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("a failed shard: the message lacks %q:\n%s", want, out)
		}
	}
	if _, err := os.Stat(filepath.Join(fail, "sweep.csv")); err == nil {
		t.Error("a failed shard: sweep.csv was written")
	}
}

// TestSlurmScripts: --slurm writes the three scripts (no Slurm needed to
// write them), keeps them on a second call, and refuses options that would
// not reach them unless forced.
func TestSlurmScripts(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "sl")
	job, err := LoadSweep(filepath.Join("testdata", "sweep", "lhs.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	o := SlurmOptions{Dir: dir, File: job.File, Shards: 3, Limit: 2, Partition: "short", Time: "0:30:00", Mem: "2G", CPUs: 2, Given: true}
	if err := Slurm(context.Background(), job, o, false, &out, &out); err != nil {
		t.Fatal(err)
	}
	shards := string(read(t, filepath.Join(dir, "slurm", "shards.sbatch")))
	for _, want := range []string{"#SBATCH --array=0-2%2", "#SBATCH --cpus-per-task=2", "#SBATCH --partition=short", "#SBATCH --time=0:30:00", "#SBATCH --mem=2G", `--shard "$SLURM_ARRAY_TASK_ID/3"`} {
		if !strings.Contains(shards, want) {
			t.Errorf("shards.sbatch lacks %q:\n%s", want, shards)
		}
	}
	if s := string(read(t, filepath.Join(dir, "slurm", "submit.sh"))); !strings.Contains(s, "--dependency=afterok:\"$array\" --kill-on-invalid-dep=yes") {
		t.Errorf("submit.sh:\n%s", s)
	}
	if _, err := os.Stat(filepath.Join(dir, "sweep.yaml")); err != nil {
		t.Error("no copy of the sweep file")
	}
	if err := Slurm(context.Background(), job, SlurmOptions{Dir: dir, File: job.File}, false, &out, &out); err != nil {
		t.Errorf("a second --slurm: %v", err)
	}
	o.Partition = "long"
	if err := Slurm(context.Background(), job, o, false, &out, &out); err == nil || !strings.Contains(err.Error(), "pass --force to write them again") {
		t.Errorf("new options over kept scripts: %v", err)
	}
	o.Force = true
	if err := Slurm(context.Background(), job, o, false, &out, &out); err != nil || !strings.Contains(string(read(t, filepath.Join(dir, "slurm", "shards.sbatch"))), "--partition=long") {
		t.Errorf("--force: %v", err)
	}
}

// TestSweepReformNote: a scenario whose reform sets a field the sweep
// varies gets a note (from the reform's year its value wins).
func TestSweepReformNote(t *testing.T) {
	file := filepath.Join(t.TempDir(), "s.yaml")
	os.WriteFile(file, []byte(`scenarios: [baseline, open-schools]
households: 500
replicates: 2
years: [2020]
metrics: [lbc]
design: {method: grid}
parameters:
  - {path: cities.megacity.school.middle.admission, values: [0.5, 0.7]}
`), 0o644)
	job, err := LoadSweep(file)
	if err != nil {
		t.Fatal(err)
	}
	if len(job.Notes) != 1 || !strings.HasPrefix(job.Notes[0], "open-schools's reform of 2025 sets cities.megacity.school.middle.admission, which the sweep varies") {
		t.Errorf("notes %q", job.Notes)
	}
}
