package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSweepCommand runs a small Morris sweep through the command, then
// reruns it (every point found done), and checks what it prints and
// writes.
func TestSweepCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "sw")
	file := filepath.Join("..", "..", "output", "testdata", "sweep", "morris.yaml")
	out, _, err := run(t, "sweep", file, "--out", dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Sweep of 9 points (morris design, 2 parameters, 2 replicates each)", "Morris μ*", "lbc  ", "Wrote " + dir} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, f := range []string{"sweep.csv", "indices.csv", "manifest.json", "sweep.html", "plots/01-lbc-morris.png"} {
		if fi, err := os.Stat(filepath.Join(dir, f)); err != nil || fi.Size() == 0 {
			t.Errorf("%s missing or empty: %v", f, err)
		}
	}
	out, _, err = run(t, "sweep", file, "--out", dir)
	if err != nil || !strings.Contains(out, "0 points run, 9 found done.") {
		t.Errorf("rerun: %v\n%s", err, out)
	}
}

// TestSweepUsage: mistakes on the command line are usage errors (exit 2)
// that say what to write.
func TestSweepUsage(t *testing.T) {
	file := filepath.Join("..", "..", "output", "testdata", "sweep", "morris.yaml")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"sweep"}, "sweep takes one sweep file"},
		{[]string{"sweep", file, "--shard", "3/3"}, `--shard "3/3": write I/N with 0 <= I < N, e.g. --shard 0/4`},
		{[]string{"sweep", file, "--shard", "x"}, `--shard "x": write I/N`},
		{[]string{"sweep", file, "--submit"}, "--submit, --shards, --array-limit, --partition, --time, --mem and --cpus-per-task go with --slurm"},
		{[]string{"sweep", file, "--slurm", "--shard", "0/2"}, "--slurm makes the shards itself; give --shards N, not --shard"},
		{[]string{"merge", "x"}, "merge needs --out DIR"},
		{[]string{"merge", "--out", "y"}, "merge takes the sweep directories of the shards"},
	} {
		_, _, err := run(t, tc.args...)
		var ue usageError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("hukousim %s: %v, want a usage error with %q", strings.Join(tc.args, " "), err, tc.want)
		}
	}
}
