package experiment

import (
	"context"
	"reflect"
	"testing"

	"github.com/hukousim/hukousim/scenarios"
)

func specOf(t *testing.T, name string, sets ...string) Spec {
	t.Helper()
	// 500 households, a 4-year burn-in and 8 recorded years (2020-2027):
	// the shipped reforms start in 2025, so 14 of 20 years are shared.
	sets = append([]string{"population.households=500", "time.years=8", "time.burn_in=4"}, sets...)
	sc, err := scenarios.Load(name, sets)
	if err != nil {
		t.Fatal(err)
	}
	eps, err := sc.Epochs()
	if err != nil {
		t.Fatal(err)
	}
	return Spec{Base: &sc.Params, Epochs: eps, Seed: 9, Reps: 2, Workers: 2}
}

// Branching at the first year two scenarios differ gives, byte for byte,
// what separate runs give.
func TestRunBranchedEqualsSeparateRuns(t *testing.T) {
	specs := []Spec{specOf(t, "baseline"), specOf(t, "open-schools"), specOf(t, "son-preference-shift")}
	if y := ForkYear(specs); y != 2025 {
		t.Fatalf("fork year %d, want 2025 (the reforms' year)", y)
	}
	branched, err := RunBranched(context.Background(), specs)
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range specs {
		alone, err := Run(context.Background(), s)
		if err != nil {
			t.Fatal(err)
		}
		for r := range alone.Reps {
			a, b := alone.Reps[r], branched[i].Reps[r]
			if !reflect.DeepEqual(a.Metrics, b.Metrics) && !equalNaN(a, b) {
				t.Errorf("scenario %d replicate %d: branched metrics differ from a separate run", i, r)
			}
			if !reflect.DeepEqual(a.Cohorts, b.Cohorts) && !equalNaN(a, b) {
				t.Errorf("scenario %d replicate %d: branched cohorts differ", i, r)
			}
			if a.Scale != b.Scale || a.Drift != b.Drift {
				t.Errorf("scenario %d replicate %d: scale or drift differ", i, r)
			}
		}
	}
	// The reforms did change something after 2025.
	if reflect.DeepEqual(branched[0].Reps[0].Metrics[7], branched[1].Reps[0].Metrics[7]) {
		t.Error("open-schools gave the baseline's 2027 metrics")
	}
}

// equalNaN compares replicates treating NaN as equal to NaN (DeepEqual
// does not).
func equalNaN(a, b Replicate) bool {
	if len(a.Metrics) != len(b.Metrics) || len(a.Cohorts) != len(b.Cohorts) {
		return false
	}
	same := func(x, y float64) bool { return x == y || (x != x && y != y) }
	for y := range a.Metrics {
		if len(a.Metrics[y]) != len(b.Metrics[y]) {
			return false
		}
		for i, v := range a.Metrics[y] {
			w := b.Metrics[y][i]
			if v.Name != w.Name || v.Group != w.Group || !same(v.Value, w.Value) {
				return false
			}
		}
		for i, c := range a.Cohorts[y] {
			d := b.Cohorts[y][i]
			if c.Sex != d.Sex || c.EverLeftBehind != d.EverLeftBehind || !same(c.N, d.N) || !same(c.HighSchool, d.HighSchool) ||
				!same(c.College, d.College) || !same(c.MeanH, d.MeanH) || !same(c.MeanYearsOne, d.MeanYearsOne) || !same(c.MeanYearsBoth, d.MeanYearsBoth) {
				return false
			}
		}
	}
	return true
}

// Scenarios whose base parameters differ share no year: each runs from its
// own base, and the results equal separate runs (a regression test: the
// first version forked the first scenario's model for every scenario).
func TestRunBranchedDifferentBases(t *testing.T) {
	specs := []Spec{specOf(t, "baseline"), specOf(t, "baseline", "preferences.psi=0.3")}
	branched, err := RunBranched(context.Background(), specs)
	if err != nil {
		t.Fatal(err)
	}
	alone, err := Run(context.Background(), specs[1])
	if err != nil {
		t.Fatal(err)
	}
	for r := range alone.Reps {
		if !equalNaN(alone.Reps[r], branched[1].Reps[r]) {
			t.Errorf("replicate %d: the second scenario's branched metrics differ from its separate run", r)
		}
	}
	if equalNaN(branched[0].Reps[0], branched[1].Reps[0]) {
		t.Error("a different ψ from the start changed nothing")
	}
}

func TestForkYear(t *testing.T) {
	base := specOf(t, "baseline")
	cases := []struct {
		name  string
		specs []Spec
		want  int
	}{
		// Identical scenarios share every year: the fork is after the last
		// recorded year, 2020 + 8 = 2028.
		{"identical", []Spec{base, specOf(t, "baseline")}, 2028},
		// A reform from 2025.
		{"reform", []Spec{base, specOf(t, "local-gaokao")}, 2025},
		// Different base parameters share nothing: the first simulated
		// year, 2020 − 4 = 2016.
		{"different base", []Spec{base, specOf(t, "baseline", "preferences.psi=0.2")}, 2016},
	}
	for _, c := range cases {
		if got := ForkYear(c.specs); got != c.want {
			t.Errorf("%s: fork year %d, want %d", c.name, got, c.want)
		}
	}
}

// A reform after the last recorded year changes nothing, and the note
// says so rather than that the scenarios forked.
func TestRunAllNoteReformAfterTheEnd(t *testing.T) {
	// 2020-2022 recorded; open-schools' reform is dated 2025.
	specs := []Spec{specOf(t, "baseline", "time.years=3"), specOf(t, "open-schools", "time.years=3")}
	c, err := RunAll(context.Background(), specs, true)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Branched || c.ForkYear != 2023 {
		t.Errorf("branched %v from %d, want true from 2023 (the year after the last recorded: no year differs)", c.Branched, c.ForkYear)
	}
}

// TestEnoughStops: Enough stops Run and both ways of RunAll after the
// replicate it approves (never before MinReps), and what they give is
// what a run of that many replicates gives.
func TestEnoughStops(t *testing.T) {
	stopAt := 4
	enough := func(rs []*Result) bool {
		for _, r := range rs[1:] {
			if len(r.Reps) != len(rs[0].Reps) {
				t.Errorf("Enough saw %d and %d replicates", len(rs[0].Reps), len(r.Reps))
			}
		}
		return len(rs[0].Reps) >= stopAt
	}
	specs := func(reps int, e func([]*Result) bool) []Spec {
		a, b := specOf(t, "baseline"), specOf(t, "open-schools")
		a.Reps, b.Reps, a.Enough = reps, reps, e
		return []Spec{a, b}
	}
	want, err := RunAll(context.Background(), specs(stopAt, nil), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, branch := range []bool{true, false} {
		got, err := RunAll(context.Background(), specs(7, enough), branch)
		if err != nil {
			t.Fatal(err)
		}
		for i := range want.Results {
			if len(got.Results[i].Reps) != stopAt || !reflect.DeepEqual(got.Results[i].Reps, want.Results[i].Reps) && !equalNaNAll(got.Results[i], want.Results[i]) {
				t.Errorf("branch %v, scenario %d: %d replicates, or results unlike a run of %d", branch, i, len(got.Results[i].Reps), stopAt)
			}
		}
	}
	one := specs(7, func(rs []*Result) bool { return true })[0]
	res, err := Run(context.Background(), one)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Reps) != MinReps {
		t.Errorf("Enough always true: %d replicates, want MinReps = %d", len(res.Reps), MinReps)
	}
}

func equalNaNAll(a, b *Result) bool {
	for r := range a.Reps {
		if !equalNaN(a.Reps[r], b.Reps[r]) {
			return false
		}
	}
	return true
}
