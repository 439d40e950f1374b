package scenarios

import (
	"reflect"
	"strings"
	"testing"

	"github.com/hukousim/hukousim/sim"
)

// TestSet checks that --set reaches every kind of field, on
// testdata/parent.yaml (whose values the comments cite).
func TestSet(t *testing.T) {
	def := sim.DefaultParams()
	megacityMiddle := sim.DefaultCity().School.Middle
	megacityMiddle.Admission, megacityMiddle.PublicFeeYuanYear = 0.6, 100
	tests := []struct {
		name string
		sets []string
		got  func(p *sim.Params) any
		want any
	}{
		{"int field", []string{"time.years=7"},
			func(p *sim.Params) any { return p.Time.Years }, 7},
		// Later arguments win.
		{"in order", []string{"time.years=7", "time.years=8"},
			func(p *sim.Params) any { return p.Time.Years }, 8},
		{"int written as float", []string{"population.households=2e3"},
			func(p *sim.Params) any { return p.Population.Households }, 2000},
		{"field of a list element", []string{"cities.megacity.school.middle.admission=0.9"},
			func(p *sim.Params) any { return p.Cities[0].School.Middle.Admission }, 0.9},
		{"text", []string{"cities.town.exams.gaokao.rule=open"},
			func(p *sim.Params) any { return p.Cities[1].Exams.Gaokao.Rule }, "open"},
		// Two map entries (one alone would break the sum of shares).
		{"map entries", []string{"regions.west.destinations.megacity=0.3", "regions.west.destinations.town=0.7"},
			func(p *sim.Params) any { return p.Regions[0].Destinations }, map[string]float64{"megacity": 0.3, "town": 0.7}},
		// A map given whole replaces.
		{"whole map", []string{"regions.west.destinations={megacity: 0.5, town: 0.5}"},
			func(p *sim.Params) any { return p.Regions[0].Destinations }, map[string]float64{"megacity": 0.5, "town": 0.5}},
		{"plain list", []string{"human_capital.gain_by_stage=[0, 0.1, 0.1, 0.1]"},
			func(p *sim.Params) any { return p.HumanCapital.GainByStage }, []float64{0, 0.1, 0.1, 0.1}},
		// Only the third relative risk changes; the others keep their
		// defaults.
		{"list element by index", []string{"mental_health.relative_risk[2]=3"},
			func(p *sim.Params) any { return p.MentalHealth.RelativeRisk }, append(def.MentalHealth.RelativeRisk[:2:2], 3)},
		// A mapping laid over a block sets only its keys: parent.yaml's fee
		// of 100 stays, and so do the defaults of the other fields.
		{"block overlay", []string{"cities.megacity.school={middle: {admission: 0.6}}"},
			func(p *sim.Params) any { return p.Cities[0].School.Middle }, megacityMiddle},
		// Spaces around '=' are fine.
		{"spaces", []string{" time.burn_in = 3 "},
			func(p *sim.Params) any { return p.Time.BurnIn }, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Load("testdata/parent.yaml", tt.sets)
			if err != nil {
				t.Fatal(err)
			}
			if got := tt.got(&s.Params); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			// The override is baked into the resolved form.
			again := roundTrip(t, s)
			if got := tt.got(&again.Params); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("after YAML and reload: got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestSetBeforeReforms checks that --set changes the base parameters: a
// reform that sets the same field still changes it in its year.
func TestSetBeforeReforms(t *testing.T) {
	s, err := Load("testdata/parent.yaml", []string{"cities.megacity.school.middle.admission=0.9"})
	if err != nil {
		t.Fatal(err)
	}
	epochs, err := s.Epochs()
	if err != nil {
		t.Fatal(err)
	}
	// parent.yaml's reform sets 0.5 in 2022.
	if len(epochs) != 1 || epochs[0].Year != 2022 || epochs[0].Params.Cities[0].School.Middle.Admission != 0.5 {
		t.Errorf("epochs %v, want one in 2022 with admission 0.5", years(epochs))
	}
	if s.Params.Cities[0].School.Middle.Admission != 0.9 {
		t.Errorf("base admission %g, want 0.9", s.Params.Cities[0].School.Middle.Admission)
	}
}

// TestSetErrors checks the message for each way a --set can be wrong.
func TestSetErrors(t *testing.T) {
	fields := "time, population, preferences, wages, remittances, human_capital, mental_health, transitions, demography, prices, policy, observation, regions, cities"
	tests := []struct {
		set  string
		want string
	}{
		{"time.yeras=7", `--set time.yeras=7: unknown field "yeras" in time (did you mean "years"?)`},
		{"tiem.years=7", `--set tiem.years=7: unknown field "tiem" (did you mean "time"?)`},
		{"foo=1", `--set foo=1: unknown field "foo" (fields: ` + fields + `)`},
		{"cities.nowhere.tier=2", `--set cities.nowhere.tier=2: no city named "nowhere" (cities: megacity, town)`},
		{"cities.megacity.name=x", `--set cities.megacity.name=x: cities.megacity.name: a name identifies its element and cannot be set (set the whole list instead)`},
		{"cities[0].tier=2", `--set cities[0].tier=2: cities elements are named, not numbered: write cities.<name>`},
		{"mental_health.relative_risk[5]=1", `--set mental_health.relative_risk[5]=1: mental_health.relative_risk has 3 values, there is no [5]`},
		{"mental_health.relative_risk.x=1", `--set mental_health.relative_risk.x=1: mental_health.relative_risk is a list: name one value as mental_health.relative_risk[i]`},
		{"regions.west.destinations.megacity.x=1", `--set regions.west.destinations.megacity.x=1: regions.west.destinations.megacity is a number and has no field "x"`},
		{"time..years=1", `--set time..years=1: invalid path "time..years": empty element`},
		{"time.years=abc", `--set time.years=abc: expected an integer, got string "abc"`},
		{"mental_health.relative_risk=1", `--set mental_health.relative_risk=1: expected a list, got 1`},
		{"time.years=[1,", `--set time.years=[1,: invalid yaml: did not find expected node content`},
		{"time.years", `--set time.years: expected path=value`},
		{"time.years=", `--set time.years=: no value after '='`},
		// A value in range that breaks a rule across fields: the path of the
		// rule is shown since it differs from the argument's.
		{"regions.west.destinations.megacity=0.9", `--set regions.west.destinations.megacity=0.9: regions.west.destinations: shares must sum to 1, they sum to 1.5`},
		{"cities.megacity.school.middle.admission=1.5", `--set cities.megacity.school.middle.admission=1.5: must be in [0, 1], got 1.5`},
	}
	for _, tt := range tests {
		t.Run(tt.set, func(t *testing.T) {
			_, err := Load("testdata/parent.yaml", []string{tt.set})
			checkErrors(t, err, []string{tt.want})
		})
	}
	// Several bad arguments: reported in argument order, after the files.
	_, err := Load("testdata/parent.yaml", []string{"time.years=0", "a=1"})
	if err == nil || !strings.HasPrefix(err.Error(), "--set time.years=0:") || !strings.Contains(err.Error(), "\n--set a=1:") {
		t.Errorf("got %v", err)
	}
}
