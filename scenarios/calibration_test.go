package scenarios

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

// targetsByName loads a targets file into a map.
func targetsByName(t *testing.T, path string) map[string]Target {
	t.Helper()
	ts, err := LoadTargets(path)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]Target{}
	for _, tg := range ts {
		m[tg.Name] = tg
	}
	return m
}

// TestCalibrationValid loads testdata/calib/valid.yaml, which uses every
// key, against the embedded baseline and targets.
func TestCalibrationValid(t *testing.T) {
	spec, err := LoadCalibration("testdata/calib/valid.yaml", engineMetrics(t))
	if err != nil {
		t.Fatal(err)
	}
	sets := []string{"time.burn_in=18", "cities.megacity.school.middle={admission: 0.3}"}
	base, err := Load("baseline", sets)
	if err != nil {
		t.Fatal(err)
	}
	onset, err := base.Value("mental_health.onset")
	if err != nil {
		t.Fatal(err)
	}
	tg := targetsByName(t, "")
	want := &Spec{
		Scenario:   "baseline",
		Sets:       sets,
		Households: 2000,
		Reps:       2,
		Years:      5,
		Seed:       7,
		Method:     "cma-es",
		MaxEvals:   200,
		Params: []Parameter{
			{Name: "psi", Paths: []string{"preferences.psi"}, Mode: "set", Low: 0.02, High: 0.4, Start: 0.1, HasSet: true},
			{Name: "child_cost", Paths: []string{"cities.megacity.child_cost_yuan_year", "cities.county-town.child_cost_yuan_year"},
				Mode: "scale", Low: 0.5, High: 2, Start: 1},
			// No start: the scenario's value.
			{Name: "onset", Paths: []string{"mental_health.onset"}, Mode: "set", Low: 0.01, High: 0.2, Start: onset},
		},
		Targets: []Weighted{
			{Target: tg["lbc_total_2020"], Weight: 1},
			{Target: tg["depression_lbc"], Weight: 2.5},
			{Target: tg["score_gap_both_parents_away"], Weight: 1}, // by name alone
		},
	}
	if !reflect.DeepEqual(spec, want) {
		t.Errorf("got\n%+v\nwant\n%+v", spec, want)
	}
	// The overrides read back through Load as the file meant them.
	if base.Params.Time.BurnIn != 18 || base.Params.Cities[0].School.Middle.Admission != 0.3 {
		t.Errorf("overrides: burn_in %d, admission %g", base.Params.Time.BurnIn, base.Params.Cities[0].School.Middle.Admission)
	}
}

// TestCalibrationLocal loads a calibration whose scenario and targets are
// files named relative to it, with the defaults of seed and method, and a
// scale of one path written without a list.
func TestCalibrationLocal(t *testing.T) {
	spec, err := LoadCalibration("testdata/calib/local.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := &Spec{
		Scenario: "testdata/parent.yaml", Households: 100, Reps: 1, Years: 3, Seed: 1, Method: "nelder-mead", MaxEvals: 10,
		Params: []Parameter{
			{Name: "wage", Paths: []string{"cities.megacity.wage_yuan_month"}, Mode: "scale", Low: 0.8, High: 1.25, Start: 1},
		},
		Targets: []Weighted{{Target: targetsByName(t, "testdata/calib/small-targets.yaml")["share"], Weight: 1}},
	}
	if !reflect.DeepEqual(spec, want) {
		t.Errorf("got\n%+v\nwant\n%+v", spec, want)
	}
	if _, err := Load(spec.Scenario, nil); err != nil {
		t.Errorf("Load(spec.Scenario): %v", err)
	}
}

// TestCalibrationShipped loads the shipped calibration of the baseline.
func TestCalibrationShipped(t *testing.T) {
	const file = "calibration/baseline.yaml"
	if _, err := os.Stat(file); err != nil {
		t.Skip(err)
	}
	spec, err := LoadCalibration(file, engineMetrics(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(spec.Params) == 0 || len(spec.Targets) != len(designTargets)+3 { // and the boys' jump, the both-away share and the megacity split (the dropout level is fitted on its own)
		t.Errorf("%d parameters, %d targets", len(spec.Params), len(spec.Targets))
	}
}

// calibBase is a valid calibration; the error cases edit it. Its lines:
//
//	 1 scenario: baseline
//	 2 households: 2000
//	 3 replicates: 2
//	 4 years: 5
//	 5 max_evaluations: 50
//	 6 parameters:
//	 7   - name: psi
//	 8     path: preferences.psi
//	 9     bounds: [0.02, 0.4]
//	10 targets:
//	11   - name: lbc_total_2020
const calibBase = `scenario: baseline
households: 2000
replicates: 2
years: 5
max_evaluations: 50
parameters:
  - name: psi
    path: preferences.psi
    bounds: [0.02, 0.4]
targets:
  - name: lbc_total_2020
`

// TestCalibrationErrors checks one case per class of problem in a
// calibration file: the message, the path, the line and the column of each.
func TestCalibrationErrors(t *testing.T) {
	edit := func(pairs ...string) string { return strings.NewReplacer(pairs...).Replace(calibBase) }
	// A second parameter, at lines 10-12 (targets move to 13-14).
	second := func(entry string) string { return edit("targets:\n", entry+"targets:\n") }
	known := func(m string) bool { return m != "nope" }
	tests := []struct {
		name string
		yaml string
		want []string
	}{
		{"valid", calibBase, nil},

		// The top level.
		{
			name: "unknown key with suggestion",
			yaml: edit("households:", "housholds:"),
			want: []string{
				`testdata/calib/case.yaml:1:1: households: is required`,
				`testdata/calib/case.yaml:2:1: unknown key "housholds" (did you mean "households"?)`,
			},
		},
		{
			name: "missing required keys",
			yaml: "scenario: baseline\n",
			want: []string{
				`testdata/calib/case.yaml:1:1: households: is required`,
				`testdata/calib/case.yaml:1:1: replicates: is required`,
				`testdata/calib/case.yaml:1:1: years: is required`,
				`testdata/calib/case.yaml:1:1: max_evaluations: is required`,
				`testdata/calib/case.yaml:1:1: parameters: is required`,
				`testdata/calib/case.yaml:1:1: targets: is required`,
			},
		},
		{
			name: "duplicate key",
			yaml: calibBase + "years: 6\n",
			want: []string{`testdata/calib/case.yaml:12:1: duplicate key "years" (first at line 4)`},
		},
		{
			name: "sizes below 1",
			yaml: edit("2000", "0", "replicates: 2", "replicates: 0", "years: 5", "years: 0", ": 50", ": -3"),
			want: []string{
				`testdata/calib/case.yaml:2:13: households: must be at least 1, got 0`,
				`testdata/calib/case.yaml:3:13: replicates: must be at least 1, got 0`,
				`testdata/calib/case.yaml:4:8: years: must be at least 1, got 0`,
				`testdata/calib/case.yaml:5:18: max_evaluations: must be at least 1, got -3`,
			},
		},
		{
			name: "size of the wrong type",
			yaml: edit("replicates: 2", "replicates: 2.5"),
			want: []string{`testdata/calib/case.yaml:3:13: replicates: expected an integer, got 2.5`},
		},
		{
			// sim's range of time.years applies to years.
			name: "years beyond sim's range",
			yaml: edit("years: 5", "years: 300"),
			want: []string{`testdata/calib/case.yaml:4:8: time.years: must be in [1, 200], got 300`},
		},
		{
			name: "negative seed",
			yaml: calibBase + "seed: -1\n",
			want: []string{`testdata/calib/case.yaml:12:7: seed: must be 0 or more, got -1`},
		},
		{
			name: "unknown method with suggestion",
			yaml: calibBase + "method: nelder_mead\n",
			want: []string{`testdata/calib/case.yaml:12:9: method: unknown method "nelder_mead" (did you mean "nelder-mead"?)`},
		},
		{
			name: "unknown method",
			yaml: calibBase + "method: bfgs\n",
			want: []string{`testdata/calib/case.yaml:12:9: method: unknown method "bfgs" (methods: nelder-mead, cma-es)`},
		},
		{
			name: "top level not a mapping",
			yaml: "[]\n",
			want: []string{`testdata/calib/case.yaml:1:1: expected a mapping of keys at the top level, got a list`},
		},
		{
			name: "empty file",
			yaml: "# nothing\n",
			want: []string{`testdata/calib/case.yaml:1:1: empty file`},
		},
		{
			name: "two documents",
			yaml: calibBase + "---\n",
			want: []string{`testdata/calib/case.yaml:12:1: more than one yaml document (a calibration file is one document)`},
		},

		// The scenario and its overrides.
		{
			name: "unknown scenario",
			yaml: edit("baseline", "baselin"),
			want: []string{`testdata/calib/case.yaml:1:11: scenario: no embedded scenario or file named "baselin"; did you mean "baseline"? (embedded: ` + strings.Join(embeddedNames(), ", ") + `)`},
		},
		{
			name: "scenario file missing",
			yaml: edit("baseline", "missing.yaml"),
			want: []string{`testdata/calib/case.yaml:1:11: scenario: testdata/calib/missing.yaml: cannot read: no such file or directory`},
		},
		{
			// Problems inside the scenario's own file are reported there.
			name: "scenario file with a problem",
			yaml: edit("baseline", "not-a-scenario.yaml"),
			want: []string{
				`testdata/calib/not-a-scenario.yaml:1:1: name: is required`,
				`testdata/calib/not-a-scenario.yaml:1:1: title: is required`,
				`testdata/calib/not-a-scenario.yaml:3:1: unknown key "scenario" (allowed: name, title, description, extends, time, population, preferences, wages, remittances, human_capital, mental_health, transitions, demography, prices, policy, observation, regions, cities, reforms)`,
				`testdata/calib/not-a-scenario.yaml:3:1: regions: needs at least one region`,
				`testdata/calib/not-a-scenario.yaml:3:1: cities: needs at least one city`,
			},
		},
		{
			name: "set: unknown path, value of the wrong type, value out of range",
			yaml: edit("baseline", "baseline\nset: {time.burnin: 3, time.years: 1.5, preferences.kappa: -1}"),
			want: []string{
				`testdata/calib/case.yaml:2:7: set: unknown field "burnin" in time (did you mean "burn_in"?)`,
				`testdata/calib/case.yaml:2:35: time.years: expected an integer, got 1.5`,
				`testdata/calib/case.yaml:2:59: preferences.kappa: must be in [0, 100], got -1`,
			},
		},
		{
			name: "set not a mapping",
			yaml: edit("baseline", "baseline\nset: [time.burn_in=3]"),
			want: []string{`testdata/calib/case.yaml:2:6: set: expected a mapping of paths to values, got a list`},
		},
		{
			// parent.yaml's reform of 2022 comes before the new start year:
			// reported at set, with where the reform is.
			name: "set breaks a reform",
			yaml: edit("baseline", "../parent.yaml\nset: {time.start_year: 2023}"),
			want: []string{`testdata/calib/case.yaml:2:6: set: with these overrides, testdata/parent.yaml:34:11: reforms[0].year: 2022 is before time.start_year 2023`},
		},

		// Parameters.
		{
			name: "unknown path with suggestion",
			yaml: edit("preferences.psi", "preferences.pis"),
			want: []string{`testdata/calib/case.yaml:8:11: parameters.psi.path: preferences.pis names no field (did you mean preferences.psi?)`},
		},
		{
			name: "unknown path",
			yaml: edit("preferences.psi", "preferences.zeta"),
			want: []string{`testdata/calib/case.yaml:8:11: parameters.psi.path: preferences.zeta names no field: unknown field "zeta" in preferences (fields: alpha, beta_h, beta_d, psi, psi_couple, kappa, sigma, nest_lambda, destination_wage_weight, destination_switch, subsistence_yuan_year, college_value_sd, discount)`},
		},
		{
			name: "unknown list element",
			yaml: edit("preferences.psi", "cities.gotham.wage_yuan_month"),
			want: []string{`testdata/calib/case.yaml:8:11: parameters.psi.path: cities.gotham.wage_yuan_month names no field: no city named "gotham" (cities: megacity, coastal-city, provincial-capital, prefecture-city, county-town)`},
		},
		{
			name: "missing map entry",
			yaml: edit("preferences.psi", "regions.north.destinations.lhasa"),
			want: []string{`testdata/calib/case.yaml:8:11: parameters.psi.path: regions.north.destinations.lhasa names no field: regions.north.destinations has no entry "lhasa"`},
		},
		{
			name: "string field",
			yaml: edit("preferences.psi", "cities.megacity.name"),
			want: []string{`testdata/calib/case.yaml:8:11: parameters.psi.path: cities.megacity.name names no field: cities.megacity.name: a name identifies its element and cannot be set (set the whole list instead)`},
		},
		{
			name: "list field",
			yaml: edit("preferences.psi", "human_capital.gain_by_stage"),
			want: []string{`testdata/calib/case.yaml:8:11: parameters.psi.path: human_capital.gain_by_stage is not a number (it is a list)`},
		},
		{
			name: "block",
			yaml: edit("preferences.psi", "cities.megacity.school"),
			want: []string{`testdata/calib/case.yaml:8:11: parameters.psi.path: cities.megacity.school is not a number (it is a block of fields)`},
		},
		{
			name: "integer field",
			yaml: edit("preferences.psi", "time.burn_in"),
			want: []string{`testdata/calib/case.yaml:8:11: parameters.psi.path: time.burn_in holds an integer and cannot be fitted: the search proposes fractions`},
		},
		{
			name: "empty bounds",
			yaml: edit("[0.02, 0.4]", "[0.4, 0.4]"),
			want: []string{`testdata/calib/case.yaml:9:13: parameters.psi: bounds [0.4, 0.4] are empty`},
		},
		{
			name: "inverted bounds",
			yaml: edit("[0.02, 0.4]", "[0.4, 0.1]"),
			want: []string{`testdata/calib/case.yaml:9:13: parameters.psi: bounds [0.4, 0.1] are inverted; write [low, high]`},
		},
		{
			name: "bounds of three values",
			yaml: edit("[0.02, 0.4]", "[0.02, 0.1, 0.4]"),
			want: []string{`testdata/calib/case.yaml:9:13: parameters.psi.bounds: expected [low, high], got a list of 3 values`},
		},
		{
			name: "missing bounds",
			yaml: edit("    bounds: [0.02, 0.4]\n", ""),
			want: []string{`testdata/calib/case.yaml:7:5: parameters.psi.bounds: is required: [low, high]`},
		},
		{
			// sim's ranges apply at both ends of the bounds.
			name: "bound out of sim's range",
			yaml: edit("[0.02, 0.4]", "[-1, 0.4]"),
			want: []string{`testdata/calib/case.yaml:9:14: parameters.psi.bounds: at the low bound -1, preferences.psi: must be in [0, 100], got -1`},
		},
		{
			name: "bounds that break a sum",
			yaml: edit("preferences.psi", "regions.north.destinations.megacity"),
			want: []string{
				`testdata/calib/case.yaml:9:14: parameters.psi.bounds: at the low bound 0.02, regions.north.destinations: shares must sum to 1, they sum to 0.77`,
				`testdata/calib/case.yaml:9:20: parameters.psi.bounds: at the high bound 0.4, regions.north.destinations: shares must sum to 1, they sum to 1.15`,
			},
		},
		{
			name: "start outside bounds",
			yaml: edit("[0.02, 0.4]", "[0.02, 0.4]\n    start: 0.5"),
			want: []string{`testdata/calib/case.yaml:10:12: parameters.psi.start: 0.5 is outside bounds [0.02, 0.4]`},
		},
		{
			name: "neither path nor scale",
			yaml: edit("    path: preferences.psi\n", ""),
			want: []string{`testdata/calib/case.yaml:7:5: parameters.psi: needs path (one field set to the parameter) or scale (a list of fields multiplied by it)`},
		},
		{
			name: "both path and scale",
			yaml: edit("    path: preferences.psi\n", "    path: preferences.psi\n    scale: [preferences.kappa]\n"),
			want: []string{`testdata/calib/case.yaml:9:12: parameters.psi: give path (one field set to the parameter) or scale (fields multiplied by it), not both`},
		},
		{
			name: "empty scale",
			yaml: edit("    path: preferences.psi\n", "    scale: []\n"),
			want: []string{`testdata/calib/case.yaml:8:12: parameters.psi.scale: lists no paths`},
		},
		{
			name: "path listed twice in a scale",
			yaml: edit("    path: preferences.psi\n", "    scale: [preferences.kappa, preferences.kappa]\n"),
			want: []string{`testdata/calib/case.yaml:8:32: parameters.psi.scale[1]: preferences.kappa is listed twice (first at line 8)`},
		},
		{
			name: "path fitted by two parameters",
			yaml: second("  - name: both\n    scale: [preferences.kappa, preferences.psi]\n    bounds: [0.5, 2]\n"),
			want: []string{`testdata/calib/case.yaml:11:32: parameters.both.scale[1]: preferences.psi is already fitted by parameter "psi" (line 8)`},
		},
		{
			name: "duplicate parameter name",
			yaml: second("  - name: psi\n    path: preferences.kappa\n    bounds: [0, 1]\n"),
			want: []string{`testdata/calib/case.yaml:10:11: parameters: duplicate name "psi" (first at line 7)`},
		},
		{
			name: "unknown parameter key",
			yaml: edit("bounds:", "bound:"),
			want: []string{
				`testdata/calib/case.yaml:7:5: parameters.psi.bounds: is required: [low, high]`,
				`testdata/calib/case.yaml:9:5: parameters.psi: unknown key "bound" (did you mean "bounds"?)`,
			},
		},
		{
			name: "no parameters",
			yaml: edit("parameters:\n  - name: psi\n    path: preferences.psi\n    bounds: [0.02, 0.4]\n", "parameters: []\n"),
			want: []string{`testdata/calib/case.yaml:6:13: parameters: lists no parameters`},
		},

		// Targets.
		{
			name: "unknown target with suggestion",
			yaml: edit("lbc_total_2020", "lbc_totl_2020"),
			want: []string{`testdata/calib/case.yaml:11:11: targets: unknown target "lbc_totl_2020" (did you mean "lbc_total_2020"?)`},
		},
		{
			name: "unknown target",
			yaml: edit("lbc_total_2020", "happiness"),
			want: []string{`testdata/calib/case.yaml:11:11: targets: unknown target "happiness" (targets.yaml has: ` + strings.Join(append(append([]string(nil), designTargets...), laterTargets...), ", ") + `)`},
		},
		{
			name: "duplicate target",
			yaml: calibBase + "  - lbc_total_2020\n",
			want: []string{`testdata/calib/case.yaml:12:5: targets: duplicate target "lbc_total_2020" (first at line 11)`},
		},
		{
			name: "zero and negative weights",
			yaml: calibBase + "    weight: 0\n  - {name: depression_lbc, weight: -1}\n",
			want: []string{
				`testdata/calib/case.yaml:12:13: targets.lbc_total_2020.weight: must be > 0, got 0`,
				`testdata/calib/case.yaml:13:36: targets.depression_lbc.weight: must be > 0, got -1`,
			},
		},
		{
			name: "target of the wrong type",
			yaml: calibBase + "  - [a, b]\n",
			want: []string{`testdata/calib/case.yaml:12:5: targets[1]: expected a target's name, or a mapping with name and weight, got a list`},
		},
		{
			name: "no targets",
			yaml: edit("targets:\n  - name: lbc_total_2020\n", "targets: []\n"),
			want: []string{`testdata/calib/case.yaml:10:10: targets: lists no targets`},
		},
		{
			name: "years too few for the targets",
			yaml: edit("years: 5", "years: 3") + "  - score_gap_both_parents_away\n  - depression_lbc\n",
			want: []string{`testdata/calib/case.yaml:4:8: years: 3 years from 2020 end in 2022, before target "score_gap_both_parents_away" ends (2024): years must be at least 5`},
		},
		{
			name: "target before the start year",
			yaml: edit("baseline", "../parent.yaml\nset: {time.start_year: 2021}"),
			want: []string{`testdata/calib/case.yaml:12:11: targets.lbc_total_2020: target "lbc_total_2020" averages over 2020-2020, before time.start_year 2021 of the scenario`},
		},
		{
			name: "targets file missing",
			yaml: calibBase + "targets_file: none.yaml\n",
			want: []string{`testdata/calib/case.yaml:12:15: targets_file: testdata/calib/none.yaml: cannot read: no such file or directory`},
		},
		{
			name: "name not in the targets file",
			yaml: calibBase + "targets_file: small-targets.yaml\n",
			want: []string{`testdata/calib/case.yaml:11:11: targets: unknown target "lbc_total_2020" (testdata/calib/small-targets.yaml has: share)`},
		},
		{
			// Problems in the targets file are reported there; the names
			// are then left unchecked.
			name: "targets file with a problem",
			yaml: calibBase + "targets_file: bad-targets.yaml\n",
			want: []string{
				`testdata/calib/bad-targets.yaml:3:5: targets.share: has no value: a target needs the published figure`,
				`testdata/calib/bad-targets.yaml:7:5: targets.share: unknown key "vale" (did you mean "value"?)`,
			},
		},

		{
			// Problems of every part at once.
			name: "all at once",
			yaml: edit("years: 5", "years: 3", "preferences.psi", "preferences.pis", "[0.02, 0.4]", "[0.4, 0.1]", "lbc_total_2020", "score_gap_both_parents_away\n    weight: 0") + "method: simplex\n",
			want: []string{
				`testdata/calib/case.yaml:8:11: parameters.psi.path: preferences.pis names no field (did you mean preferences.psi?)`,
				`testdata/calib/case.yaml:9:13: parameters.psi: bounds [0.4, 0.1] are inverted; write [low, high]`,
				`testdata/calib/case.yaml:12:13: targets.score_gap_both_parents_away.weight: must be > 0, got 0`,
				`testdata/calib/case.yaml:13:9: method: unknown method "simplex" (methods: nelder-mead, cma-es)`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadCalibrationBytes("testdata/calib/case.yaml", []byte(tt.yaml), known)
			checkErrors(t, err, tt.want)
		})
	}
}

// TestLoadCalibrationFile checks the problems of reading the file itself.
func TestLoadCalibrationFile(t *testing.T) {
	_, err := LoadCalibration("", nil)
	checkErrors(t, err, []string{"no calibration file given"})
	_, err = LoadCalibration("testdata/calib/none.yaml", nil)
	checkErrors(t, err, []string{"testdata/calib/none.yaml: cannot read: no such file or directory"})
}

// TestValue reads numbers from testdata/parent.yaml (the values are its).
func TestValue(t *testing.T) {
	s, err := Load("testdata/parent.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		want float64
	}{
		{"preferences.psi", 0.2},
		{"cities.megacity.wage_yuan_month", 6000},
		{"cities.megacity.school.middle.admission", 0.2},
		{"regions.west.destinations.town", 0.6},
		{"time.years", 10}, // an integer
		{"mental_health.relative_risk[2]", s.Params.MentalHealth.RelativeRisk[2]},
	}
	for _, tt := range tests {
		got, err := s.Value(tt.path)
		if err != nil || got != tt.want {
			t.Errorf("Value(%s) = %g, %v; want %g", tt.path, got, err, tt.want)
		}
	}
	errs := []struct{ path, want string }{
		{"preferences.pis", "preferences.pis names no field (did you mean preferences.psi?)"},
		{"cities.town.exams.gaokao.rule", "cities.town.exams.gaokao.rule is not a number (it is a string)"},
		{"cities.town.school", "cities.town.school is not a number (it is a block of fields)"},
		{"regions.west.destinations.east", `regions.west.destinations.east names no field: regions.west.destinations has no entry "east"`},
		{"mental_health.relative_risk[7]", "mental_health.relative_risk[7] names no field: mental_health.relative_risk has 3 values, there is no [7]"},
	}
	for _, tt := range errs {
		if _, err := s.Value(tt.path); err == nil || err.Error() != tt.want {
			t.Errorf("Value(%s): got error %v, want %s", tt.path, err, tt.want)
		}
	}
}
