package output

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/hukousim/hukousim/sim/stats"
)

// runOf makes a run in memory named name (its directory too, for the
// messages) with one series m in one year, 2020, x[r] in replicate r, and
// a manifest that pairs it with any other runOf of as many replicates.
func runOf(name string, x ...float64) *RunData {
	d := NewRunData([]int{2020}, len(x))
	d.Dir, d.Name = "runs/"+name, name
	d.Manifest = &Manifest{Tool: "hukousim", Version: Version, Scenario: name, Seed: 1,
		Replicates: len(x), Households: 1000, StartYear: 2020, Years: 1, BurnIn: 5}
	for r, v := range x {
		d.Set(Key{"m", ""}, r, 0, v)
	}
	return d
}

// near compares to the 7 digits the expectations are worked to; two NaN
// are equal.
func near(a, b float64) bool {
	return (math.IsNaN(a) && math.IsNaN(b)) || math.Abs(a-b) < 5e-7
}

// effectOf is the single effect of two runOf runs.
func effectOf(t *testing.T, ref, other *RunData, paired bool) Effect {
	t.Helper()
	es := Effects(ref, other, paired)
	if len(es) != 1 {
		t.Fatalf("%d effects, want 1", len(es))
	}
	return es[0]
}

type want struct {
	ref, value, diff, low, high, rel, relLow, relHigh float64
	n                                                 int
}

func check(t *testing.T, what string, e Effect, w want, method string) {
	t.Helper()
	got := []float64{e.Ref, e.Value, e.Diff, e.DiffLow, e.DiffHigh, e.Rel, e.RelLow, e.RelHigh}
	exp := []float64{w.ref, w.value, w.diff, w.low, w.high, w.rel, w.relLow, w.relHigh}
	for i := range got {
		if !near(got[i], exp[i]) || e.N != w.n || e.Method != method {
			t.Errorf("%s: got ref %g value %g diff %g [%g, %g] rel %g [%g, %g] n %d %s\nwant ref %g value %g diff %g [%g, %g] rel %g [%g, %g] n %d %s",
				what, e.Ref, e.Value, e.Diff, e.DiffLow, e.DiffHigh, e.Rel, e.RelLow, e.RelHigh, e.N, e.Method,
				w.ref, w.value, w.diff, w.low, w.high, w.rel, w.relLow, w.relHigh, w.n, method)
			return
		}
	}
}

// The paired interval, worked by hand.
func TestPairedEffect(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		name       string
		ref, other []float64
		want       want
	}{
		// ref = 1, 2, 3, 4 (mean 2.5); other = 2, 4, 5, 5 (mean 4).
		// d = 1, 2, 2, 1: mean 1.5, sd = √((4·0.25)/3) = √(1/3) = 0.5773503,
		// t(0.975, 3) = 3.1824463 (the table value), half-width =
		// 3.1824463·0.5773503/√4 = 0.9186931: [0.5813069, 2.4186931].
		// Ratios − 1: 2/1−1 = 1, 4/2−1 = 1, 5/3−1 = 2/3, 5/4−1 = 1/4, in 48ths
		// 48, 48, 32, 12: mean 140/48 / 4 = 35/48 = 0.7291667 (not
		// Diff/Ref = 1.5/2.5 = 0.6); deviations 13, 13, −3, −23 (/48),
		// squares (169+169+9+529)/2304 = 876/2304, variance /3 = 292/2304 =
		// 0.1267361, sd 0.3560002, half-width 3.1824463·0.3560002/2 =
		// 0.5664757: [0.1626910, 1.2956424].
		{"four replicates", []float64{1, 2, 3, 4}, []float64{2, 4, 5, 5},
			want{2.5, 4, 1.5, 0.5813069, 2.4186931, 0.7291667, 0.1626910, 1.2956424, 4}},
		// A replicate where either run has no value is dropped from both:
		// pairs (1, 2) and (4, 5). d = 1, 1: mean 1, sd 0, interval [1, 1];
		// means over the pairs: ref 2.5, value 3.5. Ratios − 1: 1, 0.25:
		// mean 0.625, sd = 0.75/√2 = 0.5303301, t(0.975, 1) = 12.7062047,
		// half-width = 12.7062047·0.5303301/√2 = 12.7062047·0.375 =
		// 4.7648268: [−4.1398268, 5.3898268].
		{"NaN dropped", []float64{1, nan, 3, 4}, []float64{2, 4, nan, 5},
			want{2.5, 3.5, 1, 1, 1, 0.625, -4.1398268, 5.3898268, 2}},
		// One replicate: the difference 3 − 2 = 1 and ratio 3/2 − 1 = 0.5,
		// no interval.
		{"one replicate", []float64{2}, []float64{3},
			want{2, 3, 1, nan, nan, 0.5, nan, nan, 1}},
		// A reference of 0 in every replicate: no relative difference.
		// d = 1, 2: mean 1.5, sd = 1/√2, half-width = 12.7062047·(1/√2)/√2
		// = 6.3531024: [−4.8531024, 7.8531024].
		{"zero reference", []float64{0, 0}, []float64{1, 2},
			want{0, 1.5, 1.5, -4.8531024, 7.8531024, nan, nan, nan, 2}},
		// Only the replicate with ref ≠ 0 has a ratio: 3/1 − 1 = 2, alone,
		// so no relative interval; the difference uses both replicates:
		// d = 1, 2 as above.
		{"one zero reference", []float64{0, 1}, []float64{1, 3},
			want{0.5, 2, 1.5, -4.8531024, 7.8531024, 2, nan, nan, 2}},
		// No replicate with both values: nothing.
		{"no pairs", []float64{1, nan}, []float64{nan, 2},
			want{nan, nan, nan, nan, nan, nan, nan, nan, 0}},
	}
	for _, c := range cases {
		e := effectOf(t, runOf("base", c.ref...), runOf("reform", c.other...), true)
		check(t, c.name, e, c.want, "paired")
		if e.Scenario != "reform" || e.Metric != "m" || e.Group != "" || e.Year != 2020 {
			t.Errorf("%s: labelled %q %q %q %d, want reform m \"\" 2020", c.name, e.Scenario, e.Metric, e.Group, e.Year)
		}
	}
}

// The Welch interval, worked by hand.
func TestWelchEffect(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		name       string
		ref, other []float64
		want       want
	}{
		// ref = 0, 3, 3: n 3, mean 2, deviations −2, 1, 1, variance 6/2 = 3,
		// s²/n = 1. other = 3, 4, 5, 6, 7: n 5, mean 5, variance 10/4 = 2.5,
		// s²/n = 0.5. se = √1.5 = 1.2247449. Welch–Satterthwaite df =
		// 1.5² / (1²/2 + 0.5²/4) = 2.25/0.5625 = 4 (the pooled df would be
		// 3+5−2 = 6), t(0.975, 4) = 2.7764451, half-width =
		// 2.7764451·1.2247449 = 3.4004369. Diff 5 − 2 = 3: [−0.4004369,
		// 6.4004369]. Rel = 3/2 = 1.5, interval [−0.4004369/2, 6.4004369/2]
		// = [−0.2002185, 3.2002185]. N = min(3, 5).
		{"unequal variances", []float64{0, 3, 3}, []float64{3, 4, 5, 6, 7},
			want{2, 5, 3, -0.4004369, 6.4004369, 1.5, -0.2002185, 3.2002185, 3}},
		// The same negated: Diff −3 in [−6.4004369, 0.4004369]; Rel =
		// −3/−2 = 1.5, and dividing the bounds by −2 swaps them:
		// [−0.2002185, 3.2002185].
		{"negative reference", []float64{0, -3, -3}, []float64{-3, -4, -5, -6, -7},
			want{-2, -5, -3, -6.4004369, 0.4004369, 1.5, -0.2002185, 3.2002185, 3}},
		// NaN left out of each sample: as {0, 3, 3} against {3, 4, 5, 6, 7}.
		{"NaN left out", []float64{0, nan, 3, 3}, []float64{3, 4, nan, 5, 6, 7},
			want{2, 5, 3, -0.4004369, 6.4004369, 1.5, -0.2002185, 3.2002185, 3}},
		// No spread in either sample: the difference is exact.
		{"no spread", []float64{1, 1}, []float64{2, 2},
			want{1, 2, 1, 1, 1, 1, 1, 1, 2}},
		// One replicate in the reference: a difference, no interval.
		{"one replicate", []float64{2}, []float64{3, 5},
			want{2, 4, 2, nan, nan, 1, nan, nan, 1}},
		// A reference mean of 0: no relative difference. ref = −1, 1:
		// variance 2, s²/n = 1; other = 1, 1: no spread. se = 1, df =
		// 1²/(1²/1 + 0) = 1, t(0.975, 1) = 12.7062047: 1 ± 12.7062047.
		{"zero reference", []float64{-1, 1}, []float64{1, 1},
			want{0, 1, 1, -11.7062047, 13.7062047, nan, nan, nan, 2}},
	}
	for _, c := range cases {
		e := effectOf(t, runOf("base", c.ref...), runOf("reform", c.other...), false)
		check(t, c.name, e, c.want, "welch")
	}
}

// Common random numbers: when the scenarios' replicates share their
// shocks, the paired interval sees only what differs between the
// scenarios, the unpaired one all of the shocks.
func TestPairedNarrowerWithSharedNoise(t *testing.T) {
	// A replicate's shock, shared by both runs: mean 1, deviations 2, −6, 7,
	// 0, −3, 5, −8, 3, sum of squares 196, variance 196/7 = 28.
	noise := []float64{3, -5, 8, 1, -2, 6, -7, 4}
	// The reform's own noise: sum 0, sum of squares 0.0012.
	own := []float64{0.01, -0.01, 0.02, -0.02, 0, 0.01, -0.01, 0}
	ref, other := make([]float64, 8), make([]float64, 8)
	for r := range noise {
		ref[r] = noise[r]
		other[r] = noise[r] + 0.1 + own[r] // the reform adds 0.1
	}
	p := effectOf(t, runOf("base", ref...), runOf("reform", other...), true)
	w := effectOf(t, runOf("base", ref...), runOf("reform", other...), false)
	// Paired: d = 0.1 + own, mean 0.1, sd = √(0.0012/7) = 0.0130931,
	// t(0.975, 7) = 2.3646243, half-width = 2.3646243·0.0130931/√8 =
	// 0.0109460.
	if !near(p.Diff, 0.1) || !near(p.DiffHigh-p.Diff, 0.0109460) {
		t.Errorf("paired: %g [%g, %g], want 0.1 ± 0.0109460", p.Diff, p.DiffLow, p.DiffHigh)
	}
	// Welch: variances 28 and (196 + 2·Σdev·own + 0.0012)/7 = (196 + 0.7 +
	// 0.0012)/7 = 28.1001714, se = √((28 + 28.1001714)/8) = 2.6481166, df
	// ≈ 14, t ≈ 2.1448, half-width ≈ 5.68: some 500 times the paired one.
	if half := w.DiffHigh - w.Diff; !near(w.Diff, 0.1) || half < 5.6 || half > 5.8 {
		t.Errorf("welch: %g [%g, %g], want 0.1 ± about 5.68", w.Diff, w.DiffLow, w.DiffHigh)
	}
	if (p.DiffHigh - p.DiffLow) > (w.DiffHigh-w.DiffLow)/100 {
		t.Errorf("paired width %g is not far narrower than the unpaired %g", p.DiffHigh-p.DiffLow, w.DiffHigh-w.DiffLow)
	}
	// The relative interval keeps the pairing too.
	if (p.RelHigh - p.RelLow) > (w.RelHigh-w.RelLow)/10 {
		t.Errorf("paired relative width %g is not far narrower than the unpaired %g", p.RelHigh-p.RelLow, w.RelHigh-w.RelLow)
	}
}

// Effects covers the series both runs have, in the reference's order, in
// the years both recorded.
func TestEffectsCoverage(t *testing.T) {
	ref := NewRunData([]int{2020, 2021, 2022}, 1)
	ref.Name = "base"
	for _, k := range []Key{{"a", ""}, {"b", "sex=girl"}, {"c", ""}} {
		for y := range ref.Years {
			ref.Set(k, 0, y, 1)
		}
	}
	other := NewRunData([]int{2021, 2022, 2023}, 1)
	other.Name = "reform"
	for _, k := range []Key{{"b", "sex=girl"}, {"d", ""}, {"a", ""}} {
		for y := range other.Years {
			other.Set(k, 0, y, 2)
		}
	}
	var got []string
	for _, e := range Effects(ref, other, true) {
		got = append(got, fmt.Sprintf("%s %s/%s %d %g", e.Scenario, e.Metric, e.Group, e.Year, e.Diff))
	}
	want := "reform a/ 2021 1|reform a/ 2022 1|reform b/sex=girl 2021 1|reform b/sex=girl 2022 1"
	if strings.Join(got, "|") != want {
		t.Errorf("effects\n%s\nwant\n%s", strings.Join(got, "|"), want)
	}
}

func TestPairedEffectsOfUnequalReplicatesPanic(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	Effects(runOf("base", 1, 2), runOf("reform", 1, 2, 3), true)
}

func TestCheckPaired(t *testing.T) {
	base := runOf("base", 1, 2, 3, 4, 5)
	if err := CheckPaired([]*RunData{base, runOf("reform", 1, 2, 3, 4, 5)}); err != nil {
		t.Errorf("paired runs refused: %v", err)
	}
	if err := CheckPaired([]*RunData{base}); err != nil {
		t.Errorf("one run refused: %v", err)
	}

	seed := runOf("seed2", 1, 2, 3, 4, 5)
	seed.Manifest.Seed = 2
	reps := runOf("reps3", 1, 2, 3)
	years := runOf("years", 1, 2, 3, 4, 5)
	years.Manifest.StartYear, years.Manifest.Years = 2021, 10
	years.Manifest.BurnIn, years.Manifest.Households = 20, 500
	fine := runOf("fine", 1, 2, 3, 4, 5)

	err := CheckPaired([]*RunData{base, seed, fine, reps, years})
	if err == nil {
		t.Fatal("mismatched runs accepted")
	}
	msg := err.Error()
	for _, w := range []string{
		"output: the runs do not share common random numbers, so their replicates cannot be paired:\n",
		"\n  seed: runs/seed2 has 2, the reference runs/base has 1\n",
		"\n  replicates: runs/reps3 has 3, the reference runs/base has 5\n",
		"\n  start year: runs/years has 2021, the reference runs/base has 2020\n",
		"\n  recorded years: runs/years has 10, the reference runs/base has 1\n",
		"\n  burn-in years: runs/years has 20, the reference runs/base has 5\n",
		"\n  households: runs/years has 500, the reference runs/base has 1000\n",
		"\nrerun them with the same --seed, --reps, --households, --years, time.start_year and time.burn_in, or pass --unpaired to compare them anyway with Welch intervals",
	} {
		if !strings.Contains(msg, w) {
			t.Errorf("message\n%s\nlacks %q", msg, w)
		}
	}
	if strings.Contains(msg, "runs/fine") || strings.Count(msg, "\n  ") != 6 {
		t.Errorf("message\n%s\nshould list the six mismatches and nothing of runs/fine", msg)
	}

	// A run in memory has no seed to check.
	mem := runOf("mem", 1, 2, 3, 4, 5)
	mem.Manifest, mem.Dir = nil, ""
	if err := CheckPaired([]*RunData{base, mem}); err == nil || !strings.Contains(err.Error(), "the run of mem has no manifest, so its seed is unknown") {
		t.Errorf("run without a manifest: %v", err)
	}
}

func TestCheckComparable(t *testing.T) {
	base := runOf("base", 1, 2)
	if err := CheckComparable([]*RunData{base, runOf("reform", 1, 2, 3)}); err != nil {
		t.Errorf("comparable runs refused: %v", err)
	}
	if err := CheckComparable([]*RunData{base}); err == nil || err.Error() != "output: a comparison needs at least two runs, the reference first, got 1" {
		t.Errorf("one run: %v", err)
	}

	old := runOf("old", 1, 2)
	old.Manifest.Version = "0.0.9"
	// other has five series, none of them base's m, and years that do not
	// overlap.
	other := NewRunData([]int{2030, 2031}, 2)
	other.Dir, other.Manifest = "runs/other", &Manifest{Version: Version}
	for _, name := range []string{"v", "w", "x", "y", "z"} {
		other.Set(Key{name, "city=a"}, 0, 0, 1)
	}
	err := CheckComparable([]*RunData{base, old, other})
	if err == nil {
		t.Fatal("incomparable runs accepted")
	}
	wantMsg := "output: cannot compare the runs:\n" +
		"  runs/old was made by hukousim 0.0.9, the reference runs/base by hukousim " + Version + "; rerun them with one version\n" +
		"  runs/other has no metric in common with the reference runs/base\n" +
		"  runs/other's years 2030–2031 do not overlap the reference runs/base's years 2020\n" +
		"and:\n" +
		"  runs/other lacks 1 of the reference runs/base's 1 metric series, e.g. m\n" +
		"  runs/other has 5 metric series that the reference runs/base lacks, e.g. v (city=a), w (city=a), x (city=a) and 2 more"
	if err.Error() != wantMsg {
		t.Errorf("message\n%s\nwant\n%s", err, wantMsg)
	}
}

// Runs that share some metrics and years are comparable; Gaps says what
// the comparison leaves out.
func TestGaps(t *testing.T) {
	base := NewRunData([]int{2020, 2021, 2022}, 1)
	base.Dir = "runs/base"
	for _, k := range []Key{{"m", ""}, {"admission", "city=beijing"}, {"admission", "city=shanghai"}} {
		base.Set(k, 0, 0, 1)
	}
	reform := NewRunData([]int{2021, 2022, 2023, 2024}, 1)
	reform.Dir = "runs/reform"
	for _, k := range []Key{{"m", ""}, {"admission", "city=xiongan"}} {
		reform.Set(k, 0, 0, 1)
	}
	runs := []*RunData{base, reform}
	if err := CheckComparable(runs); err != nil {
		t.Errorf("refused: %v", err)
	}
	want := []string{
		"runs/reform lacks 2 of the reference runs/base's 3 metric series, e.g. admission (city=beijing), admission (city=shanghai)",
		"runs/reform has 1 metric series that the reference runs/base lacks, e.g. admission (city=xiongan)",
		"runs/reform has the years 2021–2024, the reference runs/base 2020–2022; only 2021–2022 are compared",
	}
	if got := Gaps(runs); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("gaps\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := Gaps([]*RunData{base, base}); len(got) != 0 {
		t.Errorf("a run against itself: %v, want no gaps", got)
	}
}

func TestWriteCompareCSV(t *testing.T) {
	nan := math.NaN()
	effects := []Effect{
		{"reform", "lbc_share", "", 2020, stats.Difference{Ref: 0.25, Value: 0.375, Diff: 0.125, DiffLow: 0.0625, DiffHigh: 0.1875, Rel: 0.5, RelLow: 0.25, RelHigh: 0.75, N: 5, Method: "paired"}},
		{"reform", "college_rate", "sex=girl;ever_left_behind=yes", 2021, stats.Difference{Ref: 0.1, Value: 0.3, Diff: 0.2, DiffLow: nan, DiffHigh: nan, Rel: 2, RelLow: nan, RelHigh: nan, N: 1, Method: "welch"}},
		{"reform", "lbc", "", 2021, stats.Difference{Ref: 6.04e7, Value: 5.9e7, Diff: -1.4e6, DiffLow: -2e6, DiffHigh: -8e5, Rel: nan, RelLow: nan, RelHigh: nan, N: 2, Method: "paired"}},
	}
	var b bytes.Buffer
	if err := WriteCompareCSV(&b, effects); err != nil {
		t.Fatal(err)
	}
	want := `scenario,metric,group,year,ref,value,diff,diff_low,diff_high,rel,rel_low,rel_high,n,method
reform,lbc_share,,2020,0.25,0.375,0.125,0.0625,0.1875,0.5,0.25,0.75,5,paired
reform,college_rate,sex=girl;ever_left_behind=yes,2021,0.1,0.3,0.2,,,2,,,1,welch
reform,lbc,,2021,6.04e+07,5.9e+07,-1.4e+06,-2e+06,-800000,,,,2,paired
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// A paired comparison of the small case of TestPairedEffect, and the same
// runs compared without pairing. Welch: variances 5/3 and 2, s²/n = 5/12
// and 1/2, se = √(11/12) = 0.9574271, df = (11/12)² / ((5/12)²/3 +
// (1/2)²/3) = 0.8402778/0.1412037 = 5.9508, t(0.975, 5.95) ≈ 2.451,
// half-width ≈ 2.347: [−0.85, 3.85], more than twice as wide, since the
// pairing no longer removes the replicates' common part. Its relative
// difference is Diff/Ref = 1.5/2.5 = 0.6, not the paired mean of ratios.
func ExampleEffects() {
	base := NewRunData([]int{2020}, 4)
	base.Name = "baseline"
	reform := NewRunData([]int{2020}, 4)
	reform.Name = "open-schools"
	for r, v := range []float64{1, 2, 3, 4} {
		base.Set(Key{"m", ""}, r, 0, v)
	}
	for r, v := range []float64{2, 4, 5, 5} {
		reform.Set(Key{"m", ""}, r, 0, v)
	}
	for _, paired := range []bool{true, false} {
		for _, e := range Effects(base, reform, paired) {
			fmt.Printf("%s %s %d: %.2f → %.2f, %+.4f [%+.4f, %+.4f], relative %+.4f [%+.4f, %+.4f], %d replicates, %s\n",
				e.Scenario, e.Metric, e.Year, e.Ref, e.Value, e.Diff, e.DiffLow, e.DiffHigh, e.Rel, e.RelLow, e.RelHigh, e.N, e.Method)
		}
	}
	// Output:
	// open-schools m 2020: 2.50 → 4.00, +1.5000 [+0.5813, +2.4187], relative +0.7292 [+0.1627, +1.2956], 4 replicates, paired
	// open-schools m 2020: 2.50 → 4.00, +1.5000 [-0.8474, +3.8474], relative +0.6000 [-0.3390, +1.5390], 4 replicates, welch
}
