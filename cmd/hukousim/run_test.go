package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hukousim/hukousim/scenarios"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// small makes a run a few hundred milliseconds: 400 households, a 4-year
// burn-in and 3 recorded years.
var small = []string{"--households", "400", "--years", "3", "--set", "time.burn_in=4", "--quiet"}

func run(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var o, e bytes.Buffer
	err = Run(context.Background(), args, &o, &e)
	return o.String(), e.String(), err
}

func mustRun(t *testing.T, args ...string) {
	t.Helper()
	if _, stderr, err := run(t, args...); err != nil {
		t.Fatalf("hukousim %s: %v\n%s", strings.Join(args, " "), err, stderr)
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

func TestRunWritesRunDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "r")
	mustRun(t, append([]string{"run", "--out", dir, "--reps", "2"}, small...)...)
	for _, f := range []string{"manifest.json", "scenario.yaml", "metrics.csv", "summary.csv", "cohorts.csv"} {
		if fi, err := os.Stat(filepath.Join(dir, f)); err != nil || fi.Size() == 0 {
			t.Errorf("%s missing or empty: %v", f, err)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("the parent holds %d entries, want only the run directory (no temporary left)", len(entries))
	}
}

// Every metric of MODEL.md section 6 appears in metrics.csv.
func TestEveryModelMetricIsWritten(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "r")
	mustRun(t, append([]string{"run", "--out", dir, "--reps", "1"}, small...)...)
	m := string(read(t, filepath.Join(dir, "metrics.csv")))
	for _, name := range []string{
		"children", "lbc", "lbc_share", "migrant_children", "urban_hukou_children",
		"lbc_father_away", "lbc_mother_away", "lbc_both_away", "lbc_alone",
		"lbc_share_girls", "lbc_share_boys", "lbc_share_0-5", "lbc_share_6-11", "lbc_share_12-14", "lbc_share_15-17",
		"daughter_lb_gap_restrictive", "daughter_lb_jump_age12", "lb_prob", "remit_gap_daughters",
		"depression_nonlbc", "depression_lbc_one", "depression_lbc_both", "ideation_lbc", "ideation_nonlbc",
		"h_mean", "highschool_rate", "college_rate", "migrant_adults", "households_migrating", "hukou_conversions",
	} {
		if !strings.Contains(m, ","+name+",") {
			t.Errorf("metrics.csv lacks %s", name)
		}
	}
	for _, g := range []string{"sex=girl;age=12-14;tier=1", "sex=boy;left_behind=yes", "sex=girl;ever_left_behind=yes", "tier=2"} {
		if !strings.Contains(m, ","+g+",") {
			t.Errorf("metrics.csv lacks group %s", g)
		}
	}
}

// The same scenario and seed give byte-identical metrics with 1, 2 and 8
// workers (MODEL.md 5: keyed streams, reductions in fixed chunk order).
func TestMetricsIdenticalAcrossWorkers(t *testing.T) {
	base := t.TempDir()
	var ref []byte
	for _, w := range []string{"1", "2", "8"} {
		dir := filepath.Join(base, "w"+w)
		mustRun(t, append([]string{"run", "--out", dir, "--reps", "2", "--workers", w, "--seed", "7"}, small...)...)
		got := read(t, filepath.Join(dir, "metrics.csv"))
		if ref == nil {
			ref = got
			continue
		}
		if !bytes.Equal(got, ref) {
			t.Errorf("metrics.csv with %s workers differs from 1 worker", w)
		}
	}
}

// hukousim run DIR/scenario.yaml --seed S reproduces DIR's metrics.
func TestResolvedScenarioReproducesRun(t *testing.T) {
	base := t.TempDir()
	first := filepath.Join(base, "first")
	mustRun(t, "run", "--out", first, "--reps", "2", "--seed", "11", "--households", "300", "--years", "2",
		"--set", "time.burn_in=3", "--set", "cities.megacity.school.middle.admission=0.5", "--quiet")
	again := filepath.Join(base, "again")
	mustRun(t, "run", filepath.Join(first, "scenario.yaml"), "--out", again, "--reps", "2", "--seed", "11", "--quiet")
	if !bytes.Equal(read(t, filepath.Join(first, "metrics.csv")), read(t, filepath.Join(again, "metrics.csv"))) {
		t.Error("rerunning the resolved scenario.yaml gave different metrics")
	}
	if !bytes.Equal(read(t, filepath.Join(first, "scenario.yaml")), read(t, filepath.Join(again, "scenario.yaml"))) {
		t.Error("the resolved scenario of the rerun differs")
	}
}

// Two scenarios that differ only by a reform dated 2022 give identical
// metrics for 2020 and 2021 (common random numbers), and differ from 2022.
func TestCommonRandomNumbersBeforeReform(t *testing.T) {
	base := t.TempDir()
	reform := filepath.Join(base, "reform.yaml")
	os.WriteFile(reform, []byte(`name: crn-reform
title: A reform in 2022
extends: baseline
reforms:
  - year: 2022
    note: open middle schools in every city
    set:
      cities.megacity.school.middle.admission: 1.0
      cities.coastal-city.school.middle.admission: 1.0
`), 0o644)
	args := []string{"--households", "600", "--years", "4", "--set", "time.burn_in=4", "--reps", "2", "--seed", "3", "--quiet"}
	mustRun(t, append([]string{"run", "baseline", "--out", filepath.Join(base, "a")}, args...)...)
	mustRun(t, append([]string{"run", reform, "--out", filepath.Join(base, "b")}, args...)...)
	a := strings.Split(string(read(t, filepath.Join(base, "a", "metrics.csv"))), "\n")
	b := strings.Split(string(read(t, filepath.Join(base, "b", "metrics.csv"))), "\n")
	if len(a) != len(b) {
		t.Fatalf("%d vs %d rows", len(a), len(b))
	}
	after := 0
	for i := range a {
		early := strings.HasPrefix(a[i], "2020,") || strings.HasPrefix(a[i], "2021,")
		if early && a[i] != b[i] {
			t.Errorf("before the reform: %q vs %q", a[i], b[i])
		}
		if !early && a[i] != b[i] {
			after++
		}
	}
	if after == 0 {
		t.Error("the reform changed nothing from 2022 on")
	}
}

// A golden run of a small scenario: the metrics are a contract; regenerate
// with -update only in a commit that says why the model changed.
func TestGoldenRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "g")
	mustRun(t, "run", "testdata/golden.yaml", "--out", dir, "--reps", "2", "--seed", "42", "--workers", "2", "--quiet")
	got := read(t, filepath.Join(dir, "metrics.csv"))
	golden := filepath.Join("testdata", "golden-metrics.csv")
	if *update {
		os.WriteFile(golden, got, 0o644)
	}
	if want := read(t, golden); !bytes.Equal(got, want) {
		t.Errorf("metrics.csv differs from %s; if the model changed on purpose, rerun with -update and say why in the commit", golden)
	}
}

// Every shipped scenario validates and runs at a small size.
func TestEveryShippedScenarioRuns(t *testing.T) {
	if err := scenarios.Check(); err != nil {
		t.Fatal(err)
	}
	base := t.TempDir()
	for _, s := range scenarios.List() {
		t.Run(s.Name, func(t *testing.T) {
			mustRun(t, "run", s.Name, "--out", filepath.Join(base, s.Name), "--reps", "1", "--households", "200", "--years", "7",
				"--set", "time.burn_in=2", "--quiet")
		})
	}
}

func TestRunRefusesToOverwrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "r")
	mustRun(t, append([]string{"run", "--out", dir, "--reps", "1", "--seed", "1"}, small...)...)
	before := read(t, filepath.Join(dir, "metrics.csv"))
	_, _, err := run(t, append([]string{"run", "--out", dir, "--reps", "1", "--seed", "2"}, small...)...)
	if err == nil || !strings.Contains(err.Error(), "already exists") || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("second run into the same directory: err = %v, want a refusal naming --force", err)
	}
	if !bytes.Equal(before, read(t, filepath.Join(dir, "metrics.csv"))) {
		t.Fatal("the refused run changed the existing directory")
	}
	mustRun(t, append([]string{"run", "--out", dir, "--reps", "1", "--seed", "2", "--force"}, small...)...)
	if bytes.Equal(before, read(t, filepath.Join(dir, "metrics.csv"))) {
		t.Fatal("--force did not replace the run")
	}
	// A directory that is not a run is never replaced, even with --force.
	mine := t.TempDir()
	os.WriteFile(filepath.Join(mine, "notes.txt"), []byte("mine"), 0o644)
	if _, _, err := run(t, append([]string{"run", "--out", mine, "--force"}, small...)...); err == nil {
		t.Fatal("--force replaced a directory that is not a run directory")
	}
	if string(read(t, filepath.Join(mine, "notes.txt"))) != "mine" {
		t.Fatal("a user's file was touched")
	}
}

func TestInterruptedRunLeavesNothing(t *testing.T) {
	parent := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // interrupted before the first year
	var o, e bytes.Buffer
	err := Run(ctx, append([]string{"run", "--out", filepath.Join(parent, "r")}, small...), &o, &e)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 0 {
		t.Fatalf("an interrupted run left %d entries behind", len(entries))
	}
	if code := exitCode(err, &e); code != 130 {
		t.Errorf("exit code %d, want 130", code)
	}
}

// Bad command lines get one clear message and a non-zero exit, and never
// leave a run directory.
func TestBadCommandLines(t *testing.T) {
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"run", "--reps", "0"}, 2, "--reps must be from 1"},
		{[]string{"run", "--bogus"}, 2, "flag provided but not defined: -bogus"},
		{[]string{"run", "--seed", "abc"}, 2, "invalid value"},
		{[]string{"run", "a", "b"}, 2, "run takes one scenario"},
		{[]string{"run", "no-such-scenario"}, 1, "no-such-scenario"},
		{[]string{"run", "--set", "cities.nowhere.tier=1"}, 1, "cities.nowhere"},
		{[]string{"run", "--set", "population.households=abc"}, 1, "population.households"},
		{[]string{"run", "--households", "2000000000"}, 1, "lower --households"},
		{[]string{"run", "--reps", "10000", "--years", "200"}, 1, "lower --reps or --years"},
		{[]string{"check"}, 2, "check takes one scenario"},
	}
	for _, c := range cases {
		parent := t.TempDir()
		out := filepath.Join(parent, "r")
		args := c.args
		if args[0] == "run" {
			args = append(args, "--out", out)
		}
		_, _, err := run(t, args...)
		var e bytes.Buffer
		code := exitCode(err, &e)
		if code != c.code || !strings.Contains(e.String(), c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d mentioning %q", c.args, code, e.String(), c.code, c.want)
		}
		if entries, _ := os.ReadDir(parent); len(entries) != 0 {
			t.Errorf("%v left %d entries", c.args, len(entries))
		}
	}
}

func TestHeadlineSummary(t *testing.T) {
	stdout, _, err := run(t, "run", "--out", filepath.Join(t.TempDir(), "r"), "--reps", "2", "--households", "400", "--years", "2", "--set", "time.burn_in=3")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"left-behind children", "of girls", "of boys", "one parent away", "both parents away", "college at 18, girls left behind", "Wrote "} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
}
