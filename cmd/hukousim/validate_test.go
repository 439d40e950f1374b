package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hukousim/hukousim/output"
	"github.com/hukousim/hukousim/scenarios"
)

// A tiny validation runs, prints the table, writes its files, and exits 1
// when targets fail (at 300 households and a 3-year burn-in they do).
func TestValidateTinyRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "v")
	stdout, _, err := run(t, "validate", "--out", dir, "--households", "300", "--reps", "2", "--set", "time.burn_in=3")
	if err == nil || !strings.Contains(err.Error(), "targets outside their band") {
		t.Fatalf("err = %v, want a failure count", err)
	}
	var e strings.Builder
	if code := exitCode(err, &e); code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{"lbc_total_2020", "girls_left_behind_at_junior_high_cutoff", "FAIL", "targets pass."} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the table lacks %q:\n%s", want, stdout)
		}
	}
	csv := string(read(t, filepath.Join(dir, "validate.csv")))
	if !strings.HasPrefix(csv, "target,value,band_low,band_high,model,model_low,model_high,pass,note\n") || strings.Count(csv, "\n") != 15 { // a header and fourteen targets
		t.Errorf("validate.csv:\n%s", csv)
	}
	if _, err := os.Stat(filepath.Join(dir, "plots", "validate.png")); err != nil {
		t.Error(err)
	}
}

func TestValidateBadTargets(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "t.yaml")
	os.WriteFile(bad, []byte("targets:\n  - name: x\n    band: [0.3, 0.2]\n    model: {metric: lbcc, years: [2020, 2020]}\n    source: s\n"), 0o644)
	_, _, err := run(t, "validate", "--targets", bad, "--out", filepath.Join(t.TempDir(), "v"))
	if err == nil {
		t.Fatal("a bad targets file was accepted")
	}
	for _, want := range []string{bad + ":2:", "has no value", "inverted", `unknown metric "lbcc"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error lacks %q:\n%v", want, err)
		}
	}
}

// Bad calibration files are refused before any simulation, with every
// problem and its line.
func TestCalibrateBadFile(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "c.yaml")
	os.WriteFile(bad, []byte(`scenario: baseline
households: 300
replicates: 1
years: 5
max_evaluations: 3
parameters:
  - {name: psi, path: preferences.pis, bounds: [0.1, 0.4]}
  - {name: k, path: preferences.kappa, bounds: [0.4, 0.1]}
targets:
  - {name: lbc_totl_2020}
`), 0o644)
	_, stderr, err := run(t, "calibrate", bad, "--out", filepath.Join(t.TempDir(), "o"))
	if err == nil {
		t.Fatal("a bad calibration file was accepted")
	}
	for _, want := range []string{"did you mean preferences.psi?", "inverted", `did you mean "lbc_total_2020"?`, bad + ":7:"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error lacks %q:\n%v", want, err)
		}
	}
	if strings.Contains(stderr, "evaluation") {
		t.Error("the model ran before the file was checked")
	}
}

// tinyCalibration writes a calibration file of max evaluations.
func tinyCalibration(t *testing.T, file string, max int) {
	t.Helper()
	err := os.WriteFile(file, []byte(fmt.Sprintf(`scenario: baseline
set: {time.burn_in: 3}
households: 300
replicates: 1
years: 5
max_evaluations: %d
parameters:
  - {name: onset, path: mental_health.onset, bounds: [0.05, 0.3]}
targets:
  - {name: depression_nonlbc}
`, max)), 0o644)
	if err != nil {
		t.Fatal(err)
	}
}

// A tiny calibration writes a fitted scenario that loads, its report and
// its trace, and saves a checkpoint.
func TestCalibrateTiny(t *testing.T) {
	base := t.TempDir()
	file := filepath.Join(base, "c.yaml")
	tinyCalibration(t, file, 4)
	out := filepath.Join(base, "o")
	mustRun(t, "calibrate", file, "--out", out, "--quiet", "--checkpoint", filepath.Join(base, "c.checkpoint.json"))
	for _, f := range []string{"fitted.yaml", "report.md", "trace.csv", "targets.csv", "plots/objective.png"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	if _, err := scenarios.Load(filepath.Join(out, "fitted.yaml"), nil); err != nil {
		t.Errorf("fitted.yaml does not load: %v", err)
	}
	if _, err := os.Stat(filepath.Join(base, "c.checkpoint.json")); err != nil {
		t.Errorf("no checkpoint: %v", err)
	}
	if n := strings.Count(string(read(t, filepath.Join(out, "trace.csv"))), "\n"); n != 5 {
		t.Errorf("trace.csv has %d lines, want a header and 4 evaluations", n)
	}
	// It is a directory hukousim made (manifest.json), so --force can
	// replace it (it could not: calibrate wrote no manifest).
	mustRun(t, "calibrate", file, "--out", out, "--quiet", "--force", "--checkpoint", filepath.Join(base, "fresh.checkpoint.json"))
	var m struct{ Kind, Problem string }
	if err := json.Unmarshal(read(t, filepath.Join(out, "manifest.json")), &m); err != nil || m.Kind != "calibrate" || len(m.Problem) != 64 {
		t.Errorf("manifest.json: %+v (%v)", m, err)
	}
	// A checkpoint in a directory that does not exist is refused before
	// the first evaluation, not after it.
	_, _, err := run(t, "calibrate", file, "--out", filepath.Join(base, "o2"), "--checkpoint", filepath.Join(base, "nodir", "c.json"))
	if err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("checkpoint in a missing directory: %v", err)
	}
}

// Every place that counts a calibration's evaluations gives one number,
// the evaluations spent including those resumed from the checkpoint
// (issue 12, defect 3: stdout, report.md and the checkpoint gave 140, 134
// and 150); a finished checkpoint says how to start afresh; and the
// default checkpoint goes under runs/, not beside the file.
func TestCalibrateCountsAgree(t *testing.T) {
	base := t.TempDir()
	file := filepath.Join(base, "c.yaml")
	ckpt := filepath.Join(base, "c.ckpt.json")
	tinyCalibration(t, file, 3)
	mustRun(t, "calibrate", file, "--out", filepath.Join(base, "o1"), "--quiet", "--checkpoint", ckpt)
	tinyCalibration(t, file, 5) // a larger budget: the rerun resumes
	out := filepath.Join(base, "o2")
	stdout, _, err := run(t, "calibrate", file, "--out", out, "--checkpoint", ckpt)
	if err != nil {
		t.Fatal(err)
	}
	var c struct{ Evaluations int }
	if err := json.Unmarshal(read(t, ckpt), &c); err != nil || c.Evaluations != 5 {
		t.Fatalf("checkpoint holds %d evaluations (%v), want 5", c.Evaluations, err)
	}
	for name, text := range map[string]string{
		"stdout":      stdout,
		"fitted.yaml": string(read(t, filepath.Join(out, "fitted.yaml"))),
		"report.md":   string(read(t, filepath.Join(out, "report.md"))),
	} {
		if !strings.Contains(text, "5 evaluations") {
			t.Errorf("%s does not say 5 evaluations:\n%.300s", name, text)
		}
	}
	if !strings.Contains(string(read(t, filepath.Join(out, "report.md"))), "2 in this run") {
		t.Error("report.md does not say how many evaluations this run spent")
	}
	_, _, err = run(t, "calibrate", file, "--out", filepath.Join(base, "o3"), "--checkpoint", ckpt)
	if err == nil || !strings.Contains(err.Error(), "to start afresh") {
		t.Errorf("a finished checkpoint: %v; want a refusal saying how to start afresh", err)
	}
	if got, want := output.DefaultCheckpoint("scenarios/calibration/baseline.yaml"), filepath.Join("runs", "calibrate-baseline.checkpoint.json"); got != want {
		t.Errorf("default checkpoint %s, want %s", got, want)
	}
}

// knownMisses are the targets the shipped baseline does not reach (none
// since the third calibration pass, docs/ODD.md, Calibration); a target
// listed here that starts passing fails the test, so the list stays true.
var knownMisses = map[string]bool{}

// The shipped baseline passes every target (but any known miss) at the
// default size (20,000 households, 5 replicates, seed 1): a few seconds.
func TestShippedBaselineValidates(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "v")
	_, _, err := run(t, "validate", "--out", dir, "--quiet")
	csv := strings.Split(strings.TrimSpace(string(read(t, filepath.Join(dir, "validate.csv")))), "\n")[1:]
	failed := 0
	for _, line := range csv {
		f := strings.Split(line, ",")
		name, pass := f[0], f[7] == "true"
		switch {
		case !pass && !knownMisses[name]:
			t.Errorf("target %s fails: %s", name, line)
		case pass && knownMisses[name]:
			t.Errorf("target %s now passes: take it off knownMisses and update docs/ODD.md", name)
		}
		if !pass {
			failed++
		}
	}
	if (failed > 0) != (err != nil) {
		t.Errorf("%d targets fail but validate returned %v", failed, err)
	}
}
