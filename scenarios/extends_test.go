package scenarios

import (
	"reflect"
	"testing"

	"github.com/hukousim/hukousim/sim"
)

// TestExtendsMerge checks each merge rule of SCENARIO.md on
// testdata/child.yaml, which extends testdata/parent.yaml.
func TestExtendsMerge(t *testing.T) {
	s, err := Load("testdata/child.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	p := s.Params
	def := sim.DefaultParams()
	checks := []struct {
		what      string
		got, want any
	}{
		// name and title from the child; description inherited from the parent.
		{"name", s.Name, "child"},
		{"title", s.Title, "Child fixture"},
		{"description", s.Description, "Two regions, two cities, one reform."},
		// Mappings merge key by key: years from the child, the rest of time
		// from the parent.
		{"time", p.Time, sim.Time{StartYear: 2020, Years: 15, BurnIn: 5}},
		// A block only the parent gives is kept whole.
		{"population.households", p.Population.Households, 1000},
		{"preferences.psi", p.Preferences.Psi, 0.2},
		// A block neither gives keeps the defaults.
		{"wages", p.Wages, def.Wages},
		// A plain list replaces.
		{"demography.family_size", p.Demography.FamilySize, []float64{0.4, 0.4, 0.1, 0.1}},
		// Named lists merge by name, new names appended in the child's order.
		{"region names", names(p.Regions), []string{"west", "east", "south"}},
		{"city names", names(p.Cities), []string{"megacity", "town", "county"}},
		// Inside a merged element, fields the child does not give are the
		// parent's.
		{"regions.west.rural_income_yuan_year", p.Regions[0].RuralIncomeYuanYear, 18000.0},
		{"regions.west.weight", p.Regions[0].Weight, 0.5},
		// A map merges key by key: megacity replaced, town kept, county added.
		{"regions.west.destinations", p.Regions[0].Destinations, map[string]float64{"megacity": 0.3, "town": 0.6, "county": 0.1}},
		// Deep inside a named element: admission from the child, the fee and
		// the tier from the parent, the wage too.
		{"cities.megacity.school.middle.admission", p.Cities[0].School.Middle.Admission, 0.3},
		{"cities.megacity.school.middle.public_fee_yuan_year", p.Cities[0].School.Middle.PublicFeeYuanYear, 100.0},
		{"cities.megacity.tier", p.Cities[0].Tier, 1},
		{"cities.megacity.wage_yuan_month", p.Cities[0].WageYuanMonth, 6000.0},
		// A new element starts from sim.DefaultCity.
		{"cities.county", p.Cities[2], withTier(sim.DefaultCity(), "county", 4)},
		// Reforms concatenate, the parent's first, whatever their years.
		{"reform notes", notes(s.Reforms), []string{"parent reform", "child reform"}},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
		}
	}

	// The epochs come in year order: the child's 2021 reform first.
	epochs, err := s.Epochs()
	if err != nil {
		t.Fatal(err)
	}
	if got := years(epochs); !reflect.DeepEqual(got, []int{2021, 2022}) {
		t.Fatalf("epoch years %v, want [2021 2022]", got)
	}
	if got := epochs[0].Params.Cities[2].Tier; got != 3 {
		t.Errorf("2021: cities.county.tier = %d, want 3", got)
	}
	if got := epochs[1].Params.Cities[0].School.Middle.Admission; got != 0.5 {
		t.Errorf("2022: admission = %g, want 0.5 (parent's reform)", got)
	}
	if got := epochs[1].Params.Cities[2].Tier; got != 3 {
		t.Errorf("2022: cities.county.tier = %d, want 3 (still in force)", got)
	}
}

// TestExtendsChain checks a chain of two extends, with ./ in the path, and
// inheritance of title and description across it.
func TestExtendsChain(t *testing.T) {
	s, err := Load("testdata/grandchild.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "grandchild" || s.Title != "Child fixture" {
		t.Errorf("name, title = %q, %q; want grandchild, Child fixture", s.Name, s.Title)
	}
	if s.Params.Population.Households != 500 || s.Params.Time.Years != 15 {
		t.Errorf("households %d, years %d; want 500 (grandchild), 15 (child)",
			s.Params.Population.Households, s.Params.Time.Years)
	}
	if len(s.Reforms) != 2 {
		t.Errorf("%d reforms, want 2 (parent's and child's)", len(s.Reforms))
	}
}

// TestExtendsEmbedded checks that a file on disk extends an embedded
// scenario by name, and changes only what it gives.
func TestExtendsEmbedded(t *testing.T) {
	s, err := Load("testdata/embedded_child.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	base, err := Load("baseline", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := base.Params
	want.Policy.GaokaoBonusPoints = 10
	if !reflect.DeepEqual(s.Params, want) {
		t.Errorf("params differ from baseline's with gaokao_bonus_points 10")
	}
	if !reflect.DeepEqual(s.Reforms, base.Reforms) {
		t.Errorf("reforms differ from baseline's")
	}
	// LoadBytes resolves the same extends.
	s2, err := LoadBytes("elsewhere.yaml", []byte("name: x\ntitle: X\nextends: baseline\npolicy: {gaokao_bonus_points: 10}\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s2.Params, want) {
		t.Errorf("LoadBytes: params differ")
	}
}

func names[T sim.Region | sim.City](xs []T) []string {
	var out []string
	for _, x := range xs {
		switch x := any(x).(type) {
		case sim.Region:
			out = append(out, x.Name)
		case sim.City:
			out = append(out, x.Name)
		}
	}
	return out
}

func notes(rs []Reform) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Note)
	}
	return out
}

func years(es []sim.Epoch) []int {
	var out []int
	for _, e := range es {
		out = append(out, e.Year)
	}
	return out
}

func withTier(c sim.City, name string, tier int) sim.City {
	c.Name, c.Tier = name, tier
	return c
}
