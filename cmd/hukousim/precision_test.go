package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hukousim/hukousim/output"
)

// TestPrecisionRun: --precision stops adding replicates at the first
// count (from 3) whose interval is narrow enough; the run equals one with
// that many --reps byte for byte, and the manifest says what it reached.
// A precision out of reach runs every replicate and says so.
func TestPrecisionRun(t *testing.T) {
	tmp := t.TempDir()
	// A half-width between what 3 and 12 replicates give (lbc_share in the
	// small run, seed 1: ±0.089 from 3, ±0.025 from 6, ±0.018 from 8,
	// ±0.013 from 12), so that it stops in between (at 6).
	dir := filepath.Join(tmp, "p")
	stdout, _, err := run(t, append([]string{"run", "--out", dir, "--reps", "12", "--precision", "lbc_share=0.03"}, small[:len(small)-1]...)...)
	if err != nil {
		t.Fatal(err)
	}
	var man output.Manifest
	if err := json.Unmarshal(read(t, filepath.Join(dir, "manifest.json")), &man); err != nil {
		t.Fatal(err)
	}
	if len(man.Precision) != 1 || !man.Precision[0].Reached || man.Replicates < 3 || man.Replicates >= 12 || man.Precision[0].Replicates != man.Replicates {
		t.Fatalf("manifest: %d replicates, precision %+v; want it reached in 3 to 11", man.Replicates, man.Precision)
	}
	if !strings.Contains(stdout, "Precision: lbc_share in ") {
		t.Errorf("stdout lacks the precision line:\n%s", stdout)
	}
	same := filepath.Join(tmp, "same")
	mustRun(t, append([]string{"run", "--out", same, "--reps", itoa(man.Replicates)}, small...)...)
	if !bytes.Equal(read(t, filepath.Join(dir, "metrics.csv")), read(t, filepath.Join(same, "metrics.csv"))) {
		t.Errorf("the run stopped at %d replicates differs from a run of --reps %d", man.Replicates, man.Replicates)
	}

	far := filepath.Join(tmp, "far")
	stdout, _, err = run(t, append([]string{"run", "--out", far, "--reps", "4", "--precision", "lbc_share=1e-9"}, small[:len(small)-1]...)...)
	if err != nil || !strings.Contains(stdout, "Precision not reached: lbc_share in ") || !strings.Contains(stdout, "after 4 replicates, the --reps limit") {
		t.Errorf("a precision out of reach: %v\n%s", err, stdout)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// TestPrecisionCompare: in a comparison the precision is of the paired
// difference, and the manifest records the replicates and what they
// reached.
func TestPrecisionCompare(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "c")
	// 8 years, so that the reform (2025) is in them.
	mustRun(t, append(append([]string{"compare", "baseline", "open-schools", "--out", dir, "--reps", "4", "--precision", "lbc_share=1e-9"}, small...), "--years", "8")...)
	var man output.CompareManifest
	if err := json.Unmarshal(read(t, filepath.Join(dir, "manifest.json")), &man); err != nil {
		t.Fatal(err)
	}
	if man.Replicates != 4 || len(man.Precision) != 1 || man.Precision[0].Scenario != "open-schools" || man.Precision[0].Reached {
		t.Errorf("manifest: %d replicates, %+v", man.Replicates, man.Precision)
	}
}

// TestPrecisionUsage: a malformed --precision is a usage error.
func TestPrecisionUsage(t *testing.T) {
	for _, tc := range []struct{ arg, want string }{
		{"lbc", `--precision "lbc": write METRIC=HALFWIDTH, e.g. lbc=500000`},
		{"lbc=-1", "the half-width must be above 0"},
		{"lbc=x", `"x" is not a number`},
		{"lbcc=1", `unknown metric "lbcc"`},
		{"lbc[sex=girl=1", "a group goes in brackets"},
	} {
		_, _, err := run(t, "run", "--precision", tc.arg, "--out", filepath.Join(t.TempDir(), "x"))
		var ue usageError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("--precision %s: %v, want %q", tc.arg, err, tc.want)
		}
	}
	_, _, err := run(t, "run", "--precision", "lbc=1", "--reps", "2", "--out", filepath.Join(t.TempDir(), "x"))
	if err == nil || !strings.Contains(err.Error(), "--precision adds replicates from 3 to --reps, which is 2") {
		t.Errorf("--reps 2: %v", err)
	}
	if _, err := os.Stat("x"); err == nil {
		t.Error("a refused run wrote x")
	}
}
