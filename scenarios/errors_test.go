package scenarios

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/hukousim/hukousim/sim"
)

// caseFile is the name the in-memory cases load under: in testdata, so that
// "extends: parent.yaml" finds testdata/parent.yaml.
const caseFile = "testdata/case.yaml"

// head starts a case that extends the valid fixture testdata/parent.yaml, so
// that the only problems are the ones the case adds. It is two lines long:
// a case's own lines start at line 3.
const head = "name: case\nextends: parent.yaml\n"

// TestErrors checks one case per class of problem: the whole message list,
// so the text, the path, the line and the column of each.
func TestErrors(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		sets []string
		want []string
	}{
		{
			// A misspelt top-level key: the key's position, no path (the top
			// level has none), and the near miss within 2 edits.
			name: "unknown top-level key with suggestion",
			yaml: head + "populaton: {households: 10}\n",
			want: []string{`testdata/case.yaml:3:1: unknown key "populaton" (did you mean "population"?)`},
		},
		{
			// A nested unknown key far from every field lists the allowed keys,
			// with the path of the block it is in.
			name: "unknown nested key lists the allowed keys",
			yaml: head + "time:\n  zzz: 1\n",
			want: []string{`testdata/case.yaml:4:3: time: unknown key "zzz" (allowed: start_year, years, burn_in)`},
		},
		{
			// Inside a named list element the path uses the element's name.
			name: "unknown key in a list element",
			yaml: head + "cities:\n  - name: megacity\n    school:\n      midle: {admission: 0.9}\n",
			want: []string{`testdata/case.yaml:6:7: cities.megacity.school: unknown key "midle" (did you mean "middle"?)`},
		},
		{
			// The second occurrence is the error; the message points back to
			// the first.
			name: "duplicate key",
			yaml: head + "time: {years: 5}\npolicy: {}\ntime: {years: 6}\n",
			want: []string{`testdata/case.yaml:5:1: duplicate key "time" (first at line 3)`},
		},
		{
			name: "duplicate key in a flow mapping",
			yaml: head + "regions:\n  - name: west\n    destinations: {megacity: 0.5, megacity: 0.5}\n",
			want: []string{`testdata/case.yaml:5:35: regions.west.destinations: duplicate key "megacity" (first at line 5)`},
		},
		{
			// Two elements of one list with the same name: reported at the
			// second name.
			name: "duplicate name in a list",
			yaml: head + "cities:\n  - name: town\n  - name: town\n",
			want: []string{`testdata/case.yaml:5:11: cities: duplicate name "town" (first at line 4)`},
		},
		{
			name: "list element without a name",
			yaml: head + "cities:\n  - tier: 2\n",
			want: []string{`testdata/case.yaml:4:5: cities[0].name: is required: list elements are named by it`},
		},
		{
			// A quoted number is a string, and a string is not a number.
			name: "string where a number is expected",
			yaml: head + "preferences: {psi: \"0.2\"}\n",
			want: []string{`testdata/case.yaml:3:20: preferences.psi: expected a number, got string "0.2"`},
		},
		{
			name: "non-integer for an int",
			yaml: head + "time: {years: 2.5}\n",
			want: []string{`testdata/case.yaml:3:15: time.years: expected an integer, got 2.5`},
		},
		{
			// An integral float is accepted for an int (households: 2e3 is
			// 2000), so only the fraction above is an error.
			name: "integral float for an int is fine",
			yaml: head + "population: {households: 2e3}\n",
			want: nil,
		},
		{
			name: "mapping where a list is expected",
			yaml: head + "cities: {megacity: {tier: 1}}\n",
			want: []string{`testdata/case.yaml:3:9: cities: expected a list, got a mapping`},
		},
		{
			name: "list where a block is expected",
			yaml: head + "time: [2020]\n",
			want: []string{`testdata/case.yaml:3:7: time: expected a mapping, got a list`},
		},
		{
			name: "number where a string is expected",
			yaml: head + "cities:\n  - name: town\n    exams: {gaokao: {rule: 3}}\n",
			want: []string{`testdata/case.yaml:5:28: cities.town.exams.gaokao.rule: expected a string, got 3`},
		},
		{
			name: "string outside its list",
			yaml: head + "cities:\n  - name: town\n    exams: {gaokao: {rule: sometimes}}\n",
			want: []string{`testdata/case.yaml:5:28: cities.town.exams.gaokao.rule: must be one of hukou, years, points, open, got "sometimes"`},
		},
		{
			// A file with nothing but comments is empty.
			name: "empty file",
			yaml: "# nothing here\n",
			want: []string{`testdata/case.yaml:1:1: empty file`},
		},
		{
			name: "empty input",
			yaml: "",
			want: []string{`testdata/case.yaml:1:1: empty file`},
		},
		{
			// The YAML library gives a line but no column; column 1 stands in.
			// For its parser errors the library counts lines from 0; the
			// line reported is the one the unclosed mapping opens on.
			name: "syntax error",
			yaml: head + "time: {years: 5\npolicy: {}\n",
			want: []string{`testdata/case.yaml:3:1: invalid yaml: did not find expected ',' or '}'`},
		},
		{
			// Issue 12, defect 9: an unclosed [ on line 6 was reported at 5:1.
			name: "unclosed flow sequence",
			yaml: head + "time:\n  years: 5\npreferences:\n  beta_h: [1, 2\n  psi: 0.1\n",
			want: []string{`testdata/case.yaml:6:1: invalid yaml: did not find expected ',' or ']'`},
		},
		{
			name: "a list item inside a mapping",
			yaml: head + "time:\n  years: 5\n- x\n",
			want: []string{`testdata/case.yaml:5:1: invalid yaml: did not find expected key`},
		},
		{
			name: "top level is not a mapping",
			yaml: "- a\n- b\n",
			want: []string{`testdata/case.yaml:1:1: expected a mapping of keys at the top level, got a list`},
		},
		{
			name: "more than one document",
			yaml: head + "---\nname: other\n",
			// The second document starts at its "---", on line 3.
			want: []string{`testdata/case.yaml:3:1: more than one yaml document (a scenario is one document)`},
		},
		{
			// Merge keys would bypass the merge rules of extends.
			name: "merge key",
			yaml: head + "time: &t {years: 5}\npolicy:\n  <<: *t\n",
			want: []string{`testdata/case.yaml:5:3: policy: merge keys (<<) are not supported; write the keys out, or use extends`},
		},
		{
			// Aliases are fine (expanded where used) ...
			name: "alias",
			yaml: head + "cities:\n  - &m {name: megacity, tier: 2}\nregions:\n  - name: west\n    destinations: {megacity: 0.4, town: 0.6}\n",
			want: nil,
		},
		{
			// ... but not an anchor whose value contains its own alias.
			name: "alias cycle",
			yaml: head + "policy: &p [*p]\n",
			want: []string{`testdata/case.yaml:3:13: alias *p refers to a node that contains it`},
		},
		{
			// The library gives no line for an unknown alias; the first use
			// of it is found in the text.
			name: "unknown alias",
			yaml: head + "policy: *nope\n",
			want: []string{`testdata/case.yaml:3:1: invalid yaml: unknown anchor 'nope' referenced`},
		},
		{
			// A path in a reform's set that names no field: at the key.
			name: "reform set path names no field",
			yaml: head + "reforms:\n  - year: 2025\n    set:\n      cities.megacity.school.midle.admission: 1\n",
			want: []string{`testdata/case.yaml:6:7: cities.megacity.school.midle.admission: unknown field "midle" in cities.megacity.school (did you mean "middle"?)`},
		},
		{
			name: "reform set path names no list element",
			yaml: head + "reforms:\n  - year: 2025\n    set: {cities.megacty.tier: 2}\n",
			want: []string{`testdata/case.yaml:5:11: cities.megacty.tier: no city named "megacty" (did you mean "megacity"?)`},
		},
		{
			name: "reform set path past a number",
			yaml: head + "reforms:\n  - year: 2025\n    set: {time.years.x: 2}\n",
			want: []string{`testdata/case.yaml:5:11: time.years.x: time.years is an integer and has no field "x"`},
		},
		{
			name: "reform set value of the wrong type",
			yaml: head + "reforms:\n  - year: 2025\n    set: {time.years: many}\n",
			want: []string{`testdata/case.yaml:5:23: time.years: expected an integer, got string "many"`},
		},
		{
			name: "duplicate path in a reform",
			yaml: head + "reforms:\n  - year: 2025\n    set:\n      time.years: 5\n      time.years: 6\n",
			want: []string{`testdata/case.yaml:7:7: reforms[0].set: duplicate key "time.years" (first at line 6)`},
		},
		{
			// parent.yaml starts in 2020 (time.start_year).
			name: "reform year before start_year",
			yaml: head + "reforms:\n  - year: 2019\n    set: {time.years: 5}\n",
			want: []string{`testdata/case.yaml:4:11: reforms[0].year: 2019 is before time.start_year 2020`},
		},
		{
			// Issue 12, defect 8: the refused year hid the check of the
			// reform's value.
			name: "reform year before start_year and a value out of range",
			yaml: head + "reforms:\n  - year: 2019\n    set: {preferences.psi: -5}\n",
			want: []string{
				`testdata/case.yaml:4:11: reforms[0].year: 2019 is before time.start_year 2020`,
				`testdata/case.yaml:5:28: preferences.psi: must be in [0, 100], got -5 (from 2019)`,
			},
		},
		{
			// Issue 12, defect 8: an unknown key hid the range checks of
			// the keys beside it, which decoded.
			name: "unknown key beside values out of range",
			yaml: head + "preferences:\n  alpah: 1\n  psi: -3\n  sigma: -1\n",
			want: []string{
				`testdata/case.yaml:4:3: preferences: unknown key "alpah" (did you mean "alpha"?)`,
				`testdata/case.yaml:5:8: preferences.psi: must be in [0, 100], got -3`,
				`testdata/case.yaml:6:10: preferences.sigma: must be in [1e-06, 100], got -1`,
			},
		},
		{
			name: "reform without year or set",
			yaml: head + "reforms:\n  - note: nothing\n",
			want: []string{
				`testdata/case.yaml:4:5: reforms[0].year: is required`,
				`testdata/case.yaml:4:5: reforms[0].set: is required: a mapping of paths to new values`,
			},
		},
		{
			name: "over_years below 1",
			yaml: head + "reforms:\n  - year: 2025\n    over_years: 0\n    set: {time.years: 5}\n",
			want: []string{`testdata/case.yaml:5:17: reforms[0].over_years: must be in [1, 200], got 0`},
		},
		{
			// Only numbers ramp.
			name: "ramp of a non-number",
			yaml: head + "reforms:\n  - year: 2025\n    over_years: 2\n    set: {cities.town.exams.gaokao.rule: open}\n",
			want: []string{`testdata/case.yaml:6:11: cities.town.exams.gaokao.rule: over_years 2 needs a number to ramp, but this field takes a string`},
		},
		{
			// A range problem found by sim's Validate points at the value.
			name: "value out of range in the file",
			yaml: head + "cities:\n  - name: megacity\n    school:\n      middle: {admission: 1.5}\n",
			want: []string{`testdata/case.yaml:6:27: cities.megacity.school.middle.admission: must be in [0, 1], got 1.5`},
		},
		{
			// ... at the reform's value when a reform sets it, with the year.
			name: "value out of range from a reform",
			yaml: head + "reforms:\n  - year: 2025\n    set: {cities.megacity.school.middle.admission: 1.5}\n",
			want: []string{`testdata/case.yaml:5:52: cities.megacity.school.middle.admission: must be in [0, 1], got 1.5 (from 2025)`},
		},
		{
			// A list value out of range: Validate's [i] path finds the element.
			name: "list element out of range",
			yaml: head + "mental_health:\n  relative_risk: [1, 2, 200]\n",
			want: []string{`testdata/case.yaml:4:25: mental_health.relative_risk[2]: must be in [0, 100], got 200`},
		},
		{
			// A cross-field rule: the shares of one region, at the map.
			name: "shares that do not sum to 1",
			yaml: head + "regions:\n  - name: east\n    destinations: {megacity: 0.5}\n",
			want: []string{`testdata/case.yaml:5:19: regions.east.destinations: shares must sum to 1, they sum to 0.8`},
		},
		{
			// Validate's pseudo-path "regions (weight)" falls back to the list
			// (the "-" of its first element in this file).
			name: "region weights that do not sum to 1",
			yaml: head + "regions:\n  - name: east\n    weight: 0.6\n",
			want: []string{`testdata/case.yaml:4:3: regions (weight): shares must sum to 1, they sum to 1.1`},
		},
		{
			// A default that breaks a rule has no node: the nearest block the
			// files mention is blamed. Here Validate blames
			// demography.entry_mother_age_min, left at its default (sim.DefaultParams,
			// above 18), for exceeding the maximum the file sets.
			name: "problem with a default points at the nearest block",
			yaml: head + "demography: {entry_mother_age_max: 18}\n",
			want: []string{fmt.Sprintf(`testdata/case.yaml:3:13: demography.entry_mother_age_min: must not exceed entry_mother_age_max (%g > 18)`, sim.DefaultParams().Demography.EntryAgeMin)},
		},
		{
			// No cities at all: nothing in any file, so file:1:1.
			name: "missing list points at the file",
			yaml: "name: alone\ntitle: Alone\nregions:\n  - name: west\n    weight: 1\n    destinations: {megacity: 1}\n",
			want: []string{
				`testdata/case.yaml:1:1: cities: needs at least one city`,
				`testdata/case.yaml:6:30: regions.west.destinations.megacity: names no city (cities are: )`,
			},
		},
		{
			// Every problem of a same-province map, each at its entry.
			name: "same-province shares",
			yaml: head + "regions:\n  - name: west\n    same_province: {lhasa: 0.5, town: 2}\n",
			want: []string{
				`testdata/case.yaml:5:28: regions.west.same_province.lhasa: names no city (cities are: megacity, town)`,
				`testdata/case.yaml:5:39: regions.west.same_province.town: must be in [0, 1], got 2`,
			},
		},
		{
			name: "name and title required",
			yaml: "time: {years: 5}\ncities: [{name: town}]\nregions: [{name: west, weight: 1, destinations: {town: 1}}]\n",
			want: []string{
				`testdata/case.yaml:1:1: name: is required`,
				`testdata/case.yaml:1:1: title: is required`,
			},
		},
		{
			name: "bad scenario name",
			yaml: "name: Case_1\nextends: parent.yaml\n",
			want: []string{`testdata/case.yaml:1:7: name: "Case_1" must be lowercase letters, digits and '-', starting with a letter or digit`},
		},
		{
			name: "extends a file that does not exist",
			yaml: "name: case\nextends: nowhere.yaml\n",
			want: []string{`testdata/case.yaml:2:10: extends: testdata/nowhere.yaml: cannot read: no such file or directory`},
		},
		{
			name: "extends a name that is neither embedded nor a file",
			yaml: "name: case\nextends: nowhere\n",
			want: []string{`testdata/case.yaml:2:10: extends: no embedded scenario or file named "nowhere" (embedded: ` + strings.Join(embeddedNames(), ", ") + `)`},
		},
		{
			// Problems of structure come together, sorted by line, with
			// the range problems outside the blocks that hold them.
			name: "all problems of structure at once",
			yaml: head + "time: {years: x}\npopulaton: {}\nreforms:\n  - year: y\n    set: {time.years: 2}\n",
			sets: []string{"cities.town.tier=9"},
			want: []string{
				`testdata/case.yaml:3:15: time.years: expected an integer, got string "x"`,
				`testdata/case.yaml:4:1: unknown key "populaton" (did you mean "population"?)`,
				`testdata/case.yaml:6:11: reforms[0].year: expected an integer, got string "y"`,
				`--set cities.town.tier=9: must be in [1, 5], got 9`,
			},
		},
		{
			// Problems of range come together, from the file, the reforms
			// and --set (last, in argument order).
			name: "all problems of range at once",
			yaml: head + "time: {years: 0}\nreforms:\n  - year: 2025\n    set: {cities.megacity.tier: 0}\n",
			sets: []string{"cities.town.tier=9", "x.y=1"},
			want: []string{
				`testdata/case.yaml:3:15: time.years: must be in [1, 200], got 0`,
				`testdata/case.yaml:6:33: cities.megacity.tier: must be in [1, 5], got 0 (from 2025)`,
				`--set cities.town.tier=9: must be in [1, 5], got 9`,
				`--set x.y=1: unknown field "x" (fields: time, population, preferences, wages, remittances, human_capital, mental_health, transitions, demography, prices, policy, observation, regions, cities)`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadBytes(caseFile, []byte(tt.yaml), tt.sets)
			checkErrors(t, err, tt.want)
		})
	}
}

// TestCycle loads a file that extends itself through another.
func TestCycle(t *testing.T) {
	_, err := Load("testdata/cycle_a.yaml", nil)
	// cycle_b.yaml line 4 closes the cycle; the message names the chain.
	checkErrors(t, err, []string{
		`testdata/cycle_b.yaml:4:10: extends: cycle: testdata/cycle_a.yaml extends testdata/cycle_b.yaml extends testdata/cycle_a.yaml`,
	})
}

// TestLoadRef checks how Load tells names from paths.
func TestLoadRef(t *testing.T) {
	if _, err := Load("baseline", nil); err != nil {
		t.Errorf("embedded name: %v", err)
	}
	if _, err := Load("testdata/parent.yaml", nil); err != nil {
		t.Errorf("path: %v", err)
	}
	_, err := Load("no-such-scenario", nil)
	checkErrors(t, err, []string{`no-such-scenario: no embedded scenario or file named "no-such-scenario" (embedded: ` + strings.Join(embeddedNames(), ", ") + `)`})
	// A near miss gets a suggestion (issue 12, defect 10).
	_, err = Load("open-school", nil)
	checkErrors(t, err, []string{`open-school: no embedded scenario or file named "open-school"; did you mean "open-schools"? (embedded: ` + strings.Join(embeddedNames(), ", ") + `)`})
	_, err = Load("testdata/none.yaml", nil)
	checkErrors(t, err, []string{`testdata/none.yaml: cannot read: no such file or directory`})
	_, err = Load("testdata", nil)
	checkErrors(t, err, []string{`testdata: cannot read: not a regular file`})
}

// TestErrorListType checks that problems come as an ErrorList of *Error.
func TestErrorListType(t *testing.T) {
	_, err := LoadBytes("x.yaml", []byte("name: x\ntitle: x\nextends: baseline\npopulaton: {}\n"), nil)
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 1 {
		t.Fatalf("got %T %v, want an ErrorList of one", err, err)
	}
	// The example message of the brief, exactly.
	e := list[0]
	if e.File != "x.yaml" || e.Line != 4 || e.Column != 1 || e.Error() != `x.yaml:4:1: unknown key "populaton" (did you mean "population"?)` {
		t.Errorf("got %+v", e)
	}
}

// checkErrors compares the lines of err with want (nil: no error).
func checkErrors(t *testing.T, err error, want []string) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Fatalf("unexpected error:\n%v", err)
		}
		return
	}
	if err == nil {
		t.Fatalf("no error, want:\n%s", strings.Join(want, "\n"))
	}
	got := strings.Split(err.Error(), "\n")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
