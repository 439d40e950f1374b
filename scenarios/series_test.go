package scenarios

import (
	"reflect"
	"strings"
	"testing"
)

// Series values at, between and outside their years: interpolated
// linearly between, held outside.
func TestSeriesAt(t *testing.T) {
	s := Series{Points: []SeriesPoint{{2010, 100}, {2014, 200}, {2015, 150}}}
	for _, c := range []struct {
		year int
		want float64
	}{
		{2000, 100}, {2010, 100}, // before and at the first year: the first value
		{2011, 125}, {2013, 175}, // between: 100 + 100·(y−2010)/4
		{2014, 200}, {2015, 150}, // at a year: its value
		{2016, 150}, {2100, 150}, // after the last: the last value
	} {
		if got := s.at(c.year); got != c.want {
			t.Errorf("at(%d) = %v, want %v", c.year, got, c.want)
		}
	}
}

// The fixture's series give each year its value in the epochs; the start
// year's is in Params (and so in the burn-in); the 2025 reform ends the
// income series; the resolved form keeps the series and reads back equal.
func TestSeries(t *testing.T) {
	s, err := Load("testdata/series.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Params.Regions[0].RuralIncomeYuanYear; got != 19000 {
		t.Errorf("start year (2020) income %v, want 19000 (18000 + 500·2)", got)
	}
	if got := s.Params.Policy.GirlsCCTMinAgeYears; got != 12 {
		t.Errorf("start year CCT age %d, want 12", got)
	}
	epochs, err := s.Epochs()
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		year   int
		income float64
		age    int
	}
	want := []row{
		{2021, 19500, 11}, // 12 − 2/3 = 11.33 → 11
		{2022, 20000, 11}, // 10.67 → 11: no change of age, a change of income
		{2023, 20750, 10}, // 20000 + 3000/4
		{2024, 21500, 10},
		{2025, 21000, 10}, // the reform (the series would give 22250), and no later step
	}
	var got []row
	for _, e := range epochs {
		got = append(got, row{e.Year, e.Params.Regions[0].RuralIncomeYuanYear, e.Params.Policy.GirlsCCTMinAgeYears})
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("epochs:\n got %v\nwant %v", got, want)
	}
	again := roundTrip(t, s)
	if len(again.Series) != 2 || again.Series[0].Path != "policy.girls_cct_min_age_years" || again.Series[1].Path != "regions.west.rural_income_yuan_year" {
		t.Errorf("series read back: %+v", again.Series)
	}
}

// --set replaces a series with a value, or gives a field dated values.
func TestSeriesSet(t *testing.T) {
	s, err := Load("testdata/series.yaml", []string{"regions.west.rural_income_yuan_year=30000", "regions.east.rural_income_yuan_year={2020: 1000, 2030: 2000}"})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Series) != 2 || s.Series[0].Path != "policy.girls_cct_min_age_years" || s.Series[1].Path != "regions.east.rural_income_yuan_year" {
		t.Fatalf("series after --set: %+v", s.Series)
	}
	if got := s.Params.Regions[0].RuralIncomeYuanYear; got != 30000 {
		t.Errorf("west income %v, want 30000", got)
	}
	epochs, _ := s.Epochs()
	if got := epochs[0].Params.Regions[1].RuralIncomeYuanYear; epochs[0].Year != 2021 || got != 1100 {
		t.Errorf("east income in %d: %v, want 1100 in 2021", epochs[0].Year, got)
	}
}

// Every bad dated value is reported once, at its own line and column with
// its year; the years interpolated from it are not reported again; fields
// that shape the run refuse dated values; a reform cannot set them.
func TestSeriesErrors(t *testing.T) {
	const file = `name: bad
title: Bad series
extends: baseline
population:
  households: {2010: 1000, 2012: 5}
policy:
  son_preference_scale: {2010: 1, x: 2, 2008: 3}
mental_health:
  onset: {2020: 0.1, 2025: -0.5, 2030: 0.1}
reforms:
  - year: 2030
    set:
      cities.megacity.school.middle.admission: {2031: 1}
`
	_, err := LoadBytes("bad.yaml", []byte(file), nil)
	if err == nil {
		t.Fatal("loads")
	}
	msg := err.Error()
	for _, want := range []string{
		"bad.yaml:5:15: population.households: cannot take dated values: it is fixed for the whole run\n",
		"bad.yaml:7:35: policy.son_preference_scale: expected a year (an integer) as the key of a dated value, got string \"x\"\n",
		"bad.yaml:7:41: policy.son_preference_scale: year 2008 is out of order: it follows 2010; give the years in increasing order\n",
		"bad.yaml:9:28: mental_health.onset: must be in [0, 1], got -0.5 (in 2025)\n",
		"bad.yaml:13:48: cities.megacity.school.middle.admission: expected a number, got a mapping: dated values are given in the parameters, not in a reform",
	} {
		if !strings.Contains(msg+"\n", want) {
			t.Errorf("missing %q in:\n%s", want, msg)
		}
	}
	if n := strings.Count(msg, "mental_health.onset"); n != 1 {
		t.Errorf("the bad value reported %d times (the interpolated years too?), want once:\n%s", n, msg)
	}
	const dup = "name: d\ntitle: D\nextends: baseline\npolicy:\n  son_preference_scale: {2010: 1, 2010: 2}\n"
	if _, err := LoadBytes("dup.yaml", []byte(dup), nil); err == nil || !strings.Contains(err.Error(), "year 2010 is given twice") {
		t.Errorf("a year given twice: %v", err)
	}
	const zero = "name: z\ntitle: Z\nextends: baseline\npopulation:\n  rural_children: {2020: 1.6e8, 2025: 0}\n"
	if _, err := LoadBytes("zero.yaml", []byte(zero), nil); err == nil || !strings.Contains(err.Error(), "dated values must be above 0") {
		t.Errorf("a 0 among the child population's dated values: %v", err)
	}
}

// Shares that must sum to 1 are checked year by year with every dated
// share at its value of that year: two that move together load, one that
// moves alone is reported once, in the first year it breaks the sum.
func TestSeriesShares(t *testing.T) {
	const together = `name: s
title: S
extends: baseline
regions:
  - name: central
    destinations: {megacity: {2020: 0.25, 2030: 0.20}, coastal-city: {2020: 0.30, 2030: 0.35}}
`
	if _, err := LoadBytes("together.yaml", []byte(together), nil); err != nil {
		t.Errorf("shares moving together: %v", err)
	}
	alone := strings.Replace(together, "coastal-city: {2020: 0.30, 2030: 0.35}", "coastal-city: 0.30", 1)
	_, err := LoadBytes("alone.yaml", []byte(alone), nil)
	if err == nil || strings.Count(err.Error(), "\n") != 0 || !strings.Contains(err.Error(), "alone.yaml:6:49: regions.central.destinations: shares must sum to 1, they sum to 0.95 (in 2030)") {
		t.Errorf("a share moving alone: %v; want one problem, at its 2030 value", err)
	}
}

// Dated values that a reform ends before their first change would do
// nothing; they are refused, where a reform that ends them later (the
// history's sex ratios in 2020) is not.
func TestSeriesEndedBeforeTheyStart(t *testing.T) {
	const dead = `name: dead
title: Dead
extends: baseline
demography:
  srb_by_order: [{2020: 1.113, 2030: 1.06}, 1.12, 1.15]
`
	_, err := LoadBytes("dead.yaml", []byte(dead), nil)
	if err == nil || !strings.Contains(err.Error(), "dead.yaml:5:18: demography.srb_by_order[0]: these dated values never take effect: the reform of 2020 sets demography.srb_by_order before their first change (2021)") {
		t.Errorf("dated values a start-year reform ends: %v", err)
	}
	if _, err := Load("history", nil); err != nil {
		t.Errorf("history, whose dated ratios the 2020 reform ends after they change: %v", err)
	}
}

// datedTag reads sim's `dated` tag through named lists, plain-list indices
// and map entries.
func TestDatedTag(t *testing.T) {
	for path, want := range map[string]string{
		"time.start_year":                        "no",
		"population.real_households":             "no",
		"population.rural_children":              "positive",
		"prices.wage_index":                      "",
		"regions.central.rural_income_yuan_year": "",
		"regions.central.destinations.megacity":  "",
		"demography.srb_by_order[1]":             "",
		"no.such.path":                           "",
	} {
		if got := datedTag(path); got != want {
			t.Errorf("datedTag(%s) = %q, want %q", path, got, want)
		}
	}
}
