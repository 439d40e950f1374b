package calibrate_test

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/hukousim/hukousim/output"
	"github.com/hukousim/hukousim/scenarios"
	"github.com/hukousim/hukousim/sim/calibrate"
	"github.com/hukousim/hukousim/sim/experiment"
)

// handData is a population whose metric values are set by hand: three
// replicates, years 2020-2022.
func handData() *output.RunData {
	d := output.NewRunData([]int{2020, 2021, 2022}, 3)
	vals := [3][3]float64{ // [replicate][year]
		{0.10, 0.20, 0.30},
		{0.20, 0.30, math.NaN()}, // an empty denominator in 2022
		{0.30, 0.40, 0.50},
	}
	for r := range 3 {
		for y := range 3 {
			d.Set(output.Key{Name: "m", Group: "sex=girl"}, r, y, vals[r][y])
		}
	}
	return d
}

func TestPerReplicateAndEvaluate(t *testing.T) {
	d := handData()
	// Years 2021-2022, scale 10: replicate 0 (0.2 + 0.3)/2·10 = 2.5;
	// replicate 1 has only 2021 (2022 is NaN): 0.3·10 = 3; replicate 2
	// (0.4 + 0.5)/2·10 = 4.5.
	tg := calibrate.Target{Name: "t", Metric: "m", Group: "sex=girl", FirstYear: 2021, LastYear: 2022, Scale: 10, Value: 3, Low: 2, High: 3.5}
	per, why := calibrate.PerReplicate(tg, d)
	if why != "" {
		t.Fatal(why)
	}
	want := []float64{2.5, 3, 4.5}
	for i := range want {
		if math.Abs(per[i]-want[i]) > 1e-12 {
			t.Errorf("replicate %d: %g, want %g", i, per[i], want[i])
		}
	}
	// Mean (2.5 + 3 + 4.5)/3 = 3.3333; sd = √(((−0.8333)² + (−0.3333)² +
	// 1.1667²)/2) = √(2.1667/2) = 1.0408; t(0.975, 2) = 4.3027;
	// half-width 4.3027·1.0408/√3 = 2.5856. In band [2, 3.5]: passes.
	s := calibrate.Evaluate([]calibrate.Target{tg}, d)[0]
	if math.Abs(s.Model-10.0/3) > 1e-12 || math.Abs(s.High-s.Model-2.5856) > 1e-3 || !s.Pass {
		t.Errorf("got model %g [%g, %g] pass %v, want 3.3333 ± 2.5856, pass", s.Model, s.Low, s.High, s.Pass)
	}
	// Out of band: the same model value with a band of [2, 3].
	tg.High = 3
	if s := calibrate.Evaluate([]calibrate.Target{tg}, d)[0]; s.Pass {
		t.Error("3.333 passed the band [2, 3]")
	}
	// A metric or a year the run lacks is said, not guessed.
	if s := calibrate.Evaluate([]calibrate.Target{{Name: "x", Metric: "nope", FirstYear: 2020, LastYear: 2020, Scale: 1}}, d)[0]; s.Missing == "" || s.Pass {
		t.Errorf("a missing metric: %+v", s)
	}
	if s := calibrate.Evaluate([]calibrate.Target{{Name: "x", Metric: "m", Group: "sex=girl", FirstYear: 2020, LastYear: 2023, Scale: 1}}, d)[0]; s.Missing == "" {
		t.Errorf("a missing year: %+v", s)
	}
}

func TestDistance(t *testing.T) {
	// Target A: value 10, band [8, 12] (half-width 2), model 13 → z = 1.5,
	// z² = 2.25, weight 2 → 4.5. Target B: value 0.5, band [0.4, 0.6]
	// (half-width 0.1), model 0.45 → z = −0.5, z² = 0.25, weight 1.
	// Target C: no model value → 100·1. Total 104.75.
	scores := []calibrate.Score{
		{Target: calibrate.Target{Value: 10, Low: 8, High: 12}, Model: 13},
		{Target: calibrate.Target{Value: 0.5, Low: 0.4, High: 0.6}, Model: 0.45},
		{Target: calibrate.Target{Value: 1, Low: 0, High: 2}, Model: math.NaN()},
	}
	if got := calibrate.Distance(scores, []float64{2, 1, 1}); math.Abs(got-104.75) > 1e-9 {
		t.Errorf("distance %g, want 104.75", got)
	}
}

// households is the size of smallRun: large enough that the prevalences
// move smoothly with the parameters (a few hundred children per group).
var households = "4000"

// smallRun runs the baseline at a tiny size with overrides: 4,000
// households, a 4-year burn-in, one recorded year, one replicate, seed 3.
func smallRun(ctx context.Context, sets []string) (calibrate.Data, error) {
	all := append([]string{"population.households=" + households, "time.burn_in=4", "time.years=1"}, sets...)
	sc, err := scenarios.Load("baseline", all)
	if err != nil {
		return nil, err
	}
	eps, err := sc.Epochs()
	if err != nil {
		return nil, err
	}
	res, err := experiment.Run(ctx, experiment.Spec{Base: &sc.Params, Epochs: eps, Seed: 3, Reps: 1, Workers: 2})
	if err != nil {
		return nil, err
	}
	return output.FromResult(res), nil
}

// Calibration recovers known parameters from targets the model itself
// generated (a synthetic truth): with the same seed in every evaluation the
// objective is exactly 0 at the truth.
func TestFitRecoversSyntheticTruth(t *testing.T) {
	ctx := context.Background()
	// The truth: depression onset 0.09 and ideation (not depressed) 0.07.
	truth, err := smallRun(ctx, []string{"mental_health.onset=0.09", "mental_health.ideation=0.07"})
	if err != nil {
		t.Fatal(err)
	}
	var targets []calibrate.Weighted
	for _, m := range []string{"depression_nonlbc", "ideation_nonlbc"} {
		tg := calibrate.Target{Name: m, Metric: m, FirstYear: 2020, LastYear: 2020, Scale: 1}
		per, why := calibrate.PerReplicate(tg, truth)
		if why != "" {
			t.Fatal(why)
		}
		tg.Value = per[0]
		tg.Low, tg.High = 0.9*per[0], 1.1*per[0] // a band of ±10%
		targets = append(targets, calibrate.Weighted{Target: tg, Weight: 1})
	}
	spec := &calibrate.Spec{
		Seed: 3, Method: "nelder-mead", MaxEvals: 80, Targets: targets,
		Params: []calibrate.Parameter{
			{Name: "onset", Paths: []string{"mental_health.onset"}, Mode: "set", Low: 0.02, High: 0.3},
			{Name: "ideation", Paths: []string{"mental_health.ideation"}, Mode: "set", Low: 0.01, High: 0.3},
		},
	}
	p := &calibrate.Problem{Spec: spec, Run: smallRun}
	best, trace, err := p.Fit(ctx, []float64{0.15, 0.15}, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(trace) == 0 || len(trace) > 80 {
		t.Errorf("%d evaluations for a budget of 80", len(trace))
	}
	// The prevalence moves by about 0.01 per 0.005 of onset, so a fit
	// within 0.01 of each true value is a recovery, not a coincidence of the
	// starting point (0.15, 0.15).
	if math.Abs(best.X[0]-0.09) > 0.01 || math.Abs(best.X[1]-0.07) > 0.01 {
		t.Errorf("recovered onset %.4f, ideation %.4f; want 0.09, 0.07 (objective %.4g)", best.X[0], best.X[1], best.Objective)
	}
}

// An interrupted fit resumes from its checkpoint.
func TestFitCheckpointResumes(t *testing.T) {
	ctx := context.Background()
	ckpt := t.TempDir() + "/fit.checkpoint.json"
	spec := &calibrate.Spec{
		Seed: 3, Method: "nelder-mead", MaxEvals: 6,
		Targets: []calibrate.Weighted{{Target: calibrate.Target{Name: "d", Metric: "depression_nonlbc", FirstYear: 2020, LastYear: 2020, Scale: 1, Value: 0.2, Low: 0.18, High: 0.22}, Weight: 1}},
		Params:  []calibrate.Parameter{{Name: "onset", Paths: []string{"mental_health.onset"}, Mode: "set", Low: 0.02, High: 0.3}},
	}
	p := &calibrate.Problem{Spec: spec, Run: smallRun}
	first, _, err := p.Fit(ctx, []float64{0.25}, ckpt)
	if err != nil {
		t.Fatal(err)
	}
	// The budget is spent: resuming with the same budget says so.
	if _, _, err := p.Fit(ctx, []float64{0.25}, ckpt); err == nil {
		t.Error("resuming a spent budget did not say so")
	}
	spec.MaxEvals = 12
	second, trace, err := p.Fit(ctx, []float64{0.25}, ckpt)
	if err != nil {
		t.Fatal(err)
	}
	if trace[0].N != 7 {
		t.Errorf("the resumed fit numbered its first evaluation %d, want 7", trace[0].N)
	}
	if second.Objective > first.Objective {
		t.Errorf("the resumed fit ended worse (%g) than its checkpoint (%g)", second.Objective, first.Objective)
	}
	// Another calibration (here another seed) does not resume it.
	spec.Seed, spec.MaxEvals = 4, 20
	if _, _, err := p.Fit(ctx, []float64{0.25}, ckpt); err == nil || !strings.Contains(err.Error(), "another calibration") {
		t.Errorf("a checkpoint of another seed: %v, want a refusal", err)
	}
}

// YearsFor records up to the last year any target needs, and at least one.
func TestYearsFor(t *testing.T) {
	ts := []calibrate.Target{{FirstYear: 2010, LastYear: 2010}, {FirstYear: 2012, LastYear: 2014}}
	if got := calibrate.YearsFor(2010, ts); got != 5 {
		t.Errorf("YearsFor(2010, 2010 and 2012-2014) = %d, want 5", got)
	}
	if got := calibrate.YearsFor(2010, nil); got != 1 {
		t.Errorf("no targets: %d years, want 1", got)
	}
}
