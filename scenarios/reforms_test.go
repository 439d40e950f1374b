package scenarios

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

// TestRamps checks the values in force each year in testdata/ramp.yaml
// (which extends parent.yaml: admission 0.5 from 2022, town tier 5, west's
// destinations megacity 0.4 and town 0.6).
func TestRamps(t *testing.T) {
	s, err := Load("testdata/ramp.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	epochs, err := s.Epochs()
	if err != nil {
		t.Fatal(err)
	}
	// ramp is old + (new-old)*(i+1)/n, as Reform.OverYears documents.
	ramp := func(old, new float64, i, n int) float64 { return old + (new-old)*float64(i+1)/float64(n) }
	type row struct {
		year      int
		admission float64 // cities.megacity.school.middle.admission
		tier      int     // cities.town.tier
		west      map[string]float64
	}
	parentWest := map[string]float64{"megacity": 0.4, "town": 0.6}
	want := []row{
		// parent.yaml's reform.
		{2022, 0.5, 5, parentWest},
		// First steps of the 2024 ramps: 0.5 -> 0.9 and 5 -> 1 over 4 years.
		{2024, ramp(0.5, 0.9, 0, 4), 4, parentWest},
		// Second steps, and the first of the 2025 ramps over 2 years.
		{2025, ramp(0.5, 0.9, 1, 4), 3, map[string]float64{"megacity": ramp(0.4, 0.6, 0, 2), "town": ramp(0.6, 0.4, 0, 2)}},
		// The 2026 reform sets the tier back to 5 and ends its ramp; the
		// destination ramps reach their ends.
		{2026, ramp(0.5, 0.9, 2, 4), 5, map[string]float64{"megacity": 0.6, "town": 0.4}},
		// The admission ramp ends exactly at 0.9; the tier stays at 5.
		{2027, 0.9, 5, map[string]float64{"megacity": 0.6, "town": 0.4}},
	}
	if len(epochs) != len(want) {
		t.Fatalf("epoch years %v, want %d epochs", years(epochs), len(want))
	}
	for i, w := range want {
		e := epochs[i]
		p := e.Params
		if e.Year != w.year {
			t.Errorf("epoch %d: year %d, want %d", i, e.Year, w.year)
		}
		if got := p.Cities[0].School.Middle.Admission; math.Abs(got-w.admission) > 1e-12 {
			t.Errorf("%d: admission %v, want %v", w.year, got, w.admission)
		}
		if got := p.Cities[1].Tier; got != w.tier {
			t.Errorf("%d: town tier %d, want %d", w.year, got, w.tier)
		}
		for k, v := range w.west {
			if got := p.Regions[0].Destinations[k]; math.Abs(got-v) > 1e-12 {
				t.Errorf("%d: west destination %s %v, want %v", w.year, k, got, v)
			}
		}
	}
	if got := s.Reforms[1].OverYears; got != 4 {
		t.Errorf("over_years of the 2024 reform = %d, want 4", got)
	}
	if got := s.Reforms[0].OverYears; got != 1 {
		t.Errorf("over_years defaults to 1, got %d", got)
	}
}

// TestEpochsDoNotAlias checks that epochs, the base parameters and the
// results of separate calls share no slices or maps.
func TestEpochsDoNotAlias(t *testing.T) {
	s, err := Load("testdata/ramp.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	first, _ := s.Epochs()
	second, _ := s.Epochs()
	before := *cloneParams(first[1].Params)
	base := *cloneParams(&s.Params)
	first[0].Params.Cities[0].HousingPerChildYuanYear[0] = -1
	first[0].Params.Regions[0].Destinations["megacity"] = -1
	first[0].Params.Demography.FamilySize[0] = -1
	if !reflect.DeepEqual(*first[1].Params, before) {
		t.Error("changing one epoch changed the next")
	}
	if !reflect.DeepEqual(s.Params, base) {
		t.Error("changing an epoch changed the base parameters")
	}
	if second[0].Params.Cities[0].HousingPerChildYuanYear[0] == -1 {
		t.Error("two calls share parameters")
	}
}

// TestReformCanonicalValues checks how assignments are written back: in the
// canonical form the resolved YAML uses.
func TestReformCanonicalValues(t *testing.T) {
	s, err := LoadBytes(caseFile, []byte(head+`reforms:
  - year: 2030
    set:
      cities.megacity.school.middle.admission: 9e-1
      regions.west.destinations: {town: 0.60, megacity: .4}
      cities.megacity.school: {high: {admission: 0.5}, primary: {seats_multiple: 2}}
      human_capital.gain_by_stage: [0, 5e-2, 0.03, 0.02]
      cities.town.exams.gaokao.rule: open
      population.households: 1.5e3
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	got := s.Reforms[len(s.Reforms)-1].Set
	want := []Assignment{
		{"cities.megacity.school.middle.admission", "0.9"},
		// Map keys sorted.
		{"regions.west.destinations", "{megacity: 0.4, town: 0.6}"},
		// A block lists only the keys given, in struct order.
		{"cities.megacity.school", "{primary: {seats_multiple: 2}, high: {admission: 0.5}}"},
		{"human_capital.gain_by_stage", "[0, 0.05, 0.03, 0.02]"},
		{"cities.town.exams.gaokao.rule", "open"},
		{"population.households", "1500"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// TestEpochsOfHandBuiltScenario checks Epochs on a Scenario not from Load:
// it validates what it builds.
func TestEpochsOfHandBuiltScenario(t *testing.T) {
	s, err := Load("testdata/parent.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Reforms = append(s.Reforms, Reform{Year: 2030, Set: []Assignment{{"cities.town.tier", "9"}}})
	_, err = s.Epochs()
	checkErrors(t, err, []string{`<parent reforms>:1:1: cities.town.tier: must be in [1, 5], got 9 (from 2030)`})

	s.Reforms = []Reform{{Year: 2030, Set: []Assignment{{"cities.town.tier", "2"}}}}
	epochs, err := s.Epochs()
	if err != nil || len(epochs) != 1 || epochs[0].Params.Cities[1].Tier != 2 {
		t.Errorf("got %v, %v", epochs, err)
	}
	var none Scenario
	if epochs, err := none.Epochs(); err != nil || len(epochs) != 0 {
		t.Errorf("no reforms: got %v, %v", epochs, err)
	}
}

// Single-year figures show the first recorded year, or the last when a
// reform comes later, so that they show it.
func TestFigureYear(t *testing.T) {
	for _, c := range []struct {
		ref  string
		want int
	}{
		{"baseline", 2020},     // no reform: the 2020 census year
		{"open-schools", 2039}, // reform in 2025; 20 years from 2020
	} {
		s, err := Load(c.ref, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.FigureYear(); got != c.want {
			t.Errorf("%s: figure year %d, want %d", c.ref, got, c.want)
		}
		if got, err := s.CheckFigureYear(0); got != c.want || err != nil {
			t.Errorf("%s: CheckFigureYear(0) = %d, %v", c.ref, got, err)
		}
		if got, err := s.CheckFigureYear(2030); got != 2030 || err != nil {
			t.Errorf("%s: CheckFigureYear(2030) = %d, %v", c.ref, got, err)
		}
		if _, err := s.CheckFigureYear(2040); err == nil || err.Error() != "must be a recorded year, 2020 to 2039, got 2040" {
			t.Errorf("%s: CheckFigureYear(2040): %v", c.ref, err)
		}
	}
}

// A shorthand flag is a --set of its field: a bad value is reported
// against the flag as typed, and a --set of the same field conflicts.
func TestLoadShorthand(t *testing.T) {
	years := Shorthand{Flag: "--years", Path: "time.years", Value: 500}
	_, err := LoadShorthand("baseline", nil, years)
	if err == nil || !strings.Contains(err.Error(), "--years 500") {
		t.Errorf("--years 500: %v", err)
	}
	years.Value = 3
	if _, err := LoadShorthand("baseline", []string{"time.years=4"}, years); err == nil || !strings.Contains(err.Error(), "both set time.years") {
		t.Errorf("--years with --set time.years: %v", err)
	}
	s, err := LoadShorthand("baseline", nil, years, Shorthand{Flag: "--households", Path: "population.households"})
	if err != nil || s.Params.Time.Years != 3 {
		t.Errorf("--years 3: %v, %d years", err, s.Params.Time.Years)
	}
}
