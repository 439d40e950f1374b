package scenarios

import (
	"strings"
	"testing"
)

func TestDescribeReforms(t *testing.T) {
	s, err := Load("son-preference-shift", nil)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := s.DescribeReforms()
	if err != nil {
		t.Fatal(err)
	}
	// The baseline's own 2020 change (the sex ratio at birth), then the
	// shipped file's: from 2025, son_preference_scale 1 → 0.5 over 15 years.
	if len(cs) != 2 || cs[0].Path != "demography.srb_by_order" || cs[0].From != "[1.137, 1.303, 1.584]" || cs[0].To != "[1.113]" {
		t.Fatalf("got %+v, want the baseline's 2020 change then the reform", cs)
	}
	c := cs[1]
	if c.Year != 2025 || c.OverYears != 15 || c.Path != "policy.son_preference_scale" || c.From != "1" || c.To != "0.5" {
		t.Errorf("got %+v", c)
	}
	if got := c.String(); !strings.Contains(got, "multiplies every household's θ") || !strings.Contains(got, "1 → 0.5, step by step over 15 years") {
		t.Errorf("in words: %q", got)
	}
}

// A reform that sets a whole block (an exam rule) names the block it
// replaces, field by field.
func TestDescribeReformsBlock(t *testing.T) {
	s, err := Load("local-gaokao", nil)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := s.DescribeReforms()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.Path == "cities.megacity.exams.zhongkao" {
			if c.From != "{rule: points, school_years: 3, parent_years: 30}" || c.To != "{rule: years, school_years: 3, parent_years: 3}" {
				t.Errorf("megacity zhongkao: %q → %q", c.From, c.To)
			}
			if !strings.Contains(c.Doc, "end of middle school") {
				t.Errorf("doc %q", c.Doc)
			}
			return
		}
	}
	t.Fatal("no change to cities.megacity.exams.zhongkao")
}

func TestDiff(t *testing.T) {
	a, err := Load("baseline", nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load("baseline", []string{"cities.megacity.school.middle.admission=0.9", "regions.north.destinations.megacity=0.3", "regions.north.destinations.coastal-city=0.05"})
	if err != nil {
		t.Fatal(err)
	}
	got := Diff(&a.Params, &b.Params)
	want := []Change{
		{"regions.north.destinations.coastal-city", "destination shares by city name (the migration network; sum to 1)", "share", "0.1", "0.05"},
		{"regions.north.destinations.megacity", "destination shares by city name (the migration network; sum to 1)", "share", "0.25", "0.3"},
		{"cities.megacity.school.middle.admission", "policy admission of a non-hukou child to a public school", "probability", "0.7", "0.9"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d changes %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("change %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	if len(Diff(&a.Params, &a.Params)) != 0 {
		t.Error("a scenario differs from itself")
	}
}
