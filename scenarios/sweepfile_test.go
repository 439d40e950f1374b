package scenarios

import (
	"reflect"
	"strings"
	"testing"

	"github.com/hukousim/hukousim/sim/sweep"
)

// sweepBase is a valid sweep file; the error cases edit it. Its lines:
//
//	 1 scenario: baseline
//	 2 households: 2000
//	 3 replicates: 2
//	 4 years: [2020]
//	 5 metrics: [lbc]
//	 6 design:
//	 7   method: latin-hypercube
//	 8   points: 10
//	 9 parameters:
//	10   - path: preferences.psi
//	11     range: [0.01, 0.05]
const sweepBase = `scenario: baseline
households: 2000
replicates: 2
years: [2020]
metrics: [lbc]
design:
  method: latin-hypercube
  points: 10
parameters:
  - path: preferences.psi
    range: [0.01, 0.05]
`

// TestSweepFileValid loads a sweep file that uses every kind of
// parameter, and checks the spec.
func TestSweepFileValid(t *testing.T) {
	yaml := `scenarios: [baseline, open-schools]
set: {time.burn_in: 5}
households: 1000
replicates: 3
seed: 9
years: [2020, 2025]
metrics: [lbc, daughter_lb_jump_age12]
design: {method: morris, trajectories: 5, levels: 6, seed: 2, bootstrap: 200}
parameters:
  - path: preferences.psi
    range: [0.01, 0.05]
  - name: fees
    scale: [cities.megacity.school.middle.private_fee_yuan_year, cities.coastal-city.school.middle.private_fee_yuan_year]
    values: [0.8, 1, 1.2]
  - name: beta_h
    path: preferences.beta_h
    distribution: {triangular: [1, 1.85, 3]}
  - name: sigma
    path: preferences.sigma
    distribution: {normal: {mean: 0.37, sd: 0.05, range: [0.2, 0.5]}}
  - name: years
    path: cities.prefecture-city.hukou_conversion_years
    distribution: {log-range: [1, 8]}
`
	spec, err := loadSweepBytes("testdata/sweep.yaml", []byte(yaml), engineMetrics(t))
	if err != nil {
		t.Fatal(err)
	}
	base, err := Load("baseline", nil)
	if err != nil {
		t.Fatal(err)
	}
	fm, _ := base.Value("cities.megacity.school.middle.private_fee_yuan_year")
	fc, _ := base.Value("cities.coastal-city.school.middle.private_fee_yuan_year")
	want := &sweep.Spec{
		Scenarios: []string{"baseline", "open-schools"}, Sets: []string{"time.burn_in=5"},
		Households: 1000, Reps: 3, Seed: 9, Years: []int{2020, 2025}, Metrics: []string{"lbc", "daughter_lb_jump_age12"},
		Design: sweep.Design{Method: "morris", Trajectories: 5, Levels: 6, Seed: 2, Bootstrap: 200},
		Params: []sweep.Parameter{
			{Name: "preferences.psi", Paths: []string{"preferences.psi"}, Mode: "set", Dist: sweep.Dist{Kind: "range", Args: []float64{0.01, 0.05}}},
			{Name: "fees", Paths: []string{"cities.megacity.school.middle.private_fee_yuan_year", "cities.coastal-city.school.middle.private_fee_yuan_year"},
				Mode: "scale", Bases: []float64{fm, fc}, Dist: sweep.Dist{Kind: "values", Values: []float64{0.8, 1, 1.2}}},
			{Name: "beta_h", Paths: []string{"preferences.beta_h"}, Mode: "set", Dist: sweep.Dist{Kind: "triangular", Args: []float64{1, 1.85, 3}}},
			{Name: "sigma", Paths: []string{"preferences.sigma"}, Mode: "set", Dist: sweep.Dist{Kind: "normal", Args: []float64{0.37, 0.05, 0.2, 0.5}}},
			{Name: "years", Paths: []string{"cities.prefecture-city.hukou_conversion_years"}, Mode: "set", Int: true, Dist: sweep.Dist{Kind: "log-range", Args: []float64{1, 8}}},
		},
	}
	if !reflect.DeepEqual(spec, want) {
		t.Errorf("got  %+v\nwant %+v", spec, want)
	}
	if _, err := spec.Points(); err != nil {
		t.Errorf("points: %v", err)
	}
}

// TestSweepFileErrors checks one case per class of problem in a sweep
// file: the message, the path, the line and the column of each.
func TestSweepFileErrors(t *testing.T) {
	edit := func(pairs ...string) string { return strings.NewReplacer(pairs...).Replace(sweepBase) }
	param := func(entry string) string { return sweepBase + entry }
	known := func(m string) bool { return m != "nope" }
	const f = "testdata/sweep.yaml:"
	tests := []struct {
		name string
		yaml string
		want []string
	}{
		{"valid", sweepBase, nil},
		{"unknown key", edit("households:", "housholds:"), []string{
			f + `1:1: households: is required`,
			f + `2:1: unknown key "housholds" (did you mean "households"?)`,
		}},
		{"no scenario", edit("scenario: baseline\n", ""), []string{f + `1:1: scenario: is required (or scenarios: a list)`}},
		{"both scenario keys", edit("scenario: baseline", "scenario: baseline\nscenarios: [baseline]"), []string{
			f + `2:12: scenarios: give scenario (one) or scenarios (a list), not both`,
		}},
		{"unknown scenario", edit("scenario: baseline", "scenario: basline"), []string{f + `1:11: scenario: no embedded scenario or file named "basline"; did you mean "baseline"? (embedded: baseline, computer-assisted-learning, counselling, easy-hukou, gaokao-bonus, girls-cct, hardware-only, history, local-gaokao, open-schools, son-preference-shift, teacher-retention)`}},
		{"sizes", edit("households: 2000", "households: 0", "replicates: 2", "replicates: -1"), []string{
			f + `2:13: households: must be at least 1, got 0`,
			f + `3:13: replicates: must be at least 1, got -1`,
		}},
		{"years out of order and before the start", edit("[2020]", "[2021, 2019]"), []string{
			f + `4:15: years: 2019 does not come after 2021: list the years once each, in order`,
		}},
		{"year before the start", edit("[2020]", "[2019]"), []string{f + `4:9: years: 2019 is before time.start_year 2020 of baseline`}},
		{"unknown metric", edit("[lbc]", "[lbc, nope, lbc]"), []string{
			f + `5:16: metrics: unknown metric "nope": the engine produces no such series (docs/ODD.md, Observation, lists them)`,
			f + `5:22: metrics: lbc is listed twice (first at line 5)`,
		}},
		{"unknown method", edit("latin-hypercube", "latin-hypercub"), []string{f + `7:11: design.method: unknown method "latin-hypercub" (did you mean "latin-hypercube"?)`}},
		{"key of another method", edit("points: 10", "points: 10\n  samples: 8"), []string{f + `9:12: design.samples: is not used by latin-hypercube (it is for sobol)`}},
		{"missing design key", edit("  points: 10\n", ""), []string{f + `7:3: design.points: is required for latin-hypercube`}},
		{"odd levels", edit("method: latin-hypercube\n  points: 10", "method: morris\n  trajectories: 4\n  levels: 5"), []string{f + `9:11: design.levels: must be even and at least 2, got 5`}},
		{"path names no field", edit("preferences.psi", "preferences.pis"), []string{f + `10:11: parameters[0].path: preferences.pis names no field (did you mean preferences.psi?)`}},
		{"inverted range", edit("[0.01, 0.05]", "[0.05, 0.01]"), []string{f + `11:12: parameters[0]: range [0.05, 0.01] is inverted; write [low, high]`}},
		{"value sim refuses", edit("[0.01, 0.05]", "[-1, 0.05]"), []string{f + `11:13: parameters[0]: at preferences.psi = -1, preferences.psi: must be in [0, 100], got -1`}},
		{"two of range, values, distribution", edit("range: [0.01, 0.05]", "range: [0.01, 0.05]\n    values: [1]"), []string{
			f + `12:13: parameters[0]: give one of range, values and distribution, not range and values`,
		}},
		{"none of them", edit("    range: [0.01, 0.05]\n", ""), []string{f + `10:5: parameters[0]: needs range: [low, high], values: [...] or distribution: {...}`}},
		{"steps outside a grid", edit("range: [0.01, 0.05]", "range: [0.01, 0.05]\n    steps: 3"), []string{f + `12:12: parameters[0].steps: is for a grid; the latin-hypercube design draws from the whole range`}},
		{"grid range without steps", edit("method: latin-hypercube\n  points: 10", "method: grid"), []string{f + `10:12: parameters[0]: a grid needs steps: n with a range (or values: [...])`}},
		{"scaled integer", param("  - name: y\n    scale: [cities.megacity.hukou_conversion_years]\n    range: [1, 2]\n"), []string{
			f + `13:13: parameters[1].scale[0]: cities.megacity.hukou_conversion_years holds an integer and cannot be scaled; vary it with path`,
		}},
		{"scale without a name", param("  - scale: [preferences.psi_couple]\n    range: [1, 2]\n"), []string{f + `12:5: parameters[1].name: is required for a scale`}},
		{"path varied twice", param("  - name: again\n    path: preferences.psi\n    values: [0.02]\n"), []string{f + `12:5: parameters[1]: preferences.psi already varies (the parameter at line 10)`}},
		{"normal without a range", param("  - path: preferences.sigma\n    distribution: {normal: {mean: 0.3, sd: 0.1}}\n"), []string{
			f + `13:28: parameters[1].distribution.normal.range: is required (the range truncates the normal, so that every value is valid)`,
		}},
		{"log-range through 0", param("  - path: preferences.sigma\n    distribution: {log-range: [0, 1]}\n"), []string{
			f + `13:31: parameters[1].distribution.log-range: must be above 0 (a logarithm is taken), got 0`,
		}},
		{"a parameter named like a column", param("  - name: year\n    path: preferences.sigma\n    values: [0.3]\n"), []string{
			f + `12:11: parameters[1].name: "year" is a column of sweep.csv (point, scenario, replicate, metric, group, year, value); name the parameter otherwise`,
		}},
		{"too many points", edit("points: 10", "points: 2000000"), []string{f + `7:3: design: gives 2000000 points, more than 1000000; a smaller design, or several sweeps`}},
		{"unknown distribution", param("  - path: preferences.sigma\n    distribution: {beta: [1, 2]}\n"), []string{
			f + `13:20: parameters[1].distribution: unknown key "beta" (allowed: log-range, triangular, normal)`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadSweepBytes("testdata/sweep.yaml", []byte(tt.yaml), known)
			var got []string
			if err != nil {
				for _, line := range strings.Split(err.Error(), "\n") {
					got = append(got, line)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}
