package scenarios

import (
	"bytes"
	"context"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hukousim/hukousim/sim"
)

// laterTargets are the names of the targets added after the design's ten,
// in the embedded file's order: the boys' half of the girls' jump finding,
// the dropout level, and the levels of issue 11 (item 7).
var laterTargets = []string{"boys_jump_at_junior_high_cutoff", "junior_high_dropout", "both_parents_away_share_of_lbc", "megacity_children_left_behind"}

// designTargets are the names of the design's targets.yaml
// (shared/design/targets.yaml), in its order.
var designTargets = []string{
	"lbc_total_2020",
	"lbc_share_of_all_children_2020",
	"boys_share_of_lbc",
	"girls_left_behind_at_junior_high_cutoff",
	"remittance_gap_daughters",
	"depression_nonlbc",
	"depression_lbc",
	"suicidal_ideation_lbc",
	"score_gap_both_parents_away",
	"migrant_children_in_public_schools",
}

// engineMetrics reports whether the engine produces a metric of that name,
// from one year of a tiny baseline run.
func engineMetrics(t *testing.T) func(string) bool {
	t.Helper()
	s, err := Load("baseline", []string{"population.households=20", "time.burn_in=0"})
	if err != nil {
		t.Fatal(err)
	}
	m, err := sim.New(&s.Params, nil, sim.Config{Seed: 1, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Step(context.Background()); err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, v := range m.Metrics() {
		names[v.Name] = true
	}
	return func(name string) bool { return names[name] }
}

// TestTargetsEmbedded loads the shipped targets: the design's ten, each
// with a metric the engine produces.
func TestTargetsEmbedded(t *testing.T) {
	ts, err := LoadTargetsChecked("", engineMetrics(t))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tg := range ts {
		names = append(names, tg.Name)
	}
	// The design's ten targets, in its order, then those added later.
	if want := append(append([]string(nil), designTargets...), laterTargets...); !slices.Equal(names, want) {
		t.Errorf("names:\n%v\nwant:\n%v", names, want)
	}
	first := Target{
		Name: "lbc_total_2020", Metric: "lbc", FirstYear: 2020, LastYear: 2020, Scale: 1,
		Value: 66.93e6, Low: 63.6e6, High: 70.3e6,
		Population: "children aged 0-17 with one or both parents migrant and not living with them",
		Source:     "NBS, UNICEF, UNFPA (2023), Population Status of Children in China in 2020: Facts and Figures (66.93 M; 41.77 M in rural areas, 25.16 M in urban areas)",
		Definition: "left-behind children of rural-hukou households in 2020 (real-world count)",
	}
	if !reflect.DeepEqual(ts[0], first) {
		t.Errorf("first target:\n%+v\nwant:\n%+v", ts[0], first)
	}
	gap := ts[8]
	if gap.Metric != "h_gap_both_away" || gap.FirstYear != 2020 || gap.LastYear != 2024 || gap.Scale != 39.894228040143268 || gap.Low != -7.5 || gap.High != -3.5 {
		t.Errorf("score gap: %+v", gap)
	}
	if _, err := LoadTargets(""); err != nil {
		t.Errorf("LoadTargets: %v", err)
	}
}

// TestTargetsYAML checks that the embedded bytes are the file's, and that
// the caller cannot change them.
func TestTargetsYAML(t *testing.T) {
	disk, err := os.ReadFile("targets.yaml")
	if err != nil {
		t.Fatal(err)
	}
	b := TargetsYAML()
	if !bytes.Equal(b, disk) {
		t.Fatal("TargetsYAML differs from targets.yaml")
	}
	b[0] ^= 0xff
	if !bytes.Equal(TargetsYAML(), disk) {
		t.Error("TargetsYAML returns the embedded slice itself")
	}
}

// TestTargetsNotAScenario checks that the targets file, embedded beside the
// scenarios, is not one of them.
func TestTargetsNotAScenario(t *testing.T) {
	if slices.Contains(embeddedNames(), "targets") {
		t.Errorf("embeddedNames lists targets: %v", embeddedNames())
	}
	for _, info := range List() {
		if info.Name == "targets" {
			t.Error("List lists targets")
		}
	}
	if _, err := Load("targets", nil); err == nil {
		t.Error("Load(targets) loads the targets file as a scenario")
	}
}

// TestLoadTargetsFile reads a targets file from disk.
func TestLoadTargetsFile(t *testing.T) {
	ts, err := LoadTargets("testdata/calib/small-targets.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := []Target{{
		Name: "share", Metric: "lbc_share", Group: "tier=1", FirstYear: 2021, LastYear: 2022, Scale: 2,
		Value: 0.5, Low: 0.4, High: 0.6, Source: "made up for a test",
	}}
	if !reflect.DeepEqual(ts, want) {
		t.Errorf("got\n%+v\nwant\n%+v", ts, want)
	}
	_, err = LoadTargets("testdata/calib/none.yaml")
	checkErrors(t, err, []string{`testdata/calib/none.yaml: cannot read: no such file or directory`})
}

// targetBase is one valid target; the error cases edit it. Its lines:
//
//	1 targets:
//	2   - name: a
//	3     value: 0.3
//	4     band: [0.2, 0.4]
//	5     model: {metric: lbc, years: [2020, 2020]}
//	6     source: somewhere
const targetBase = `targets:
  - name: a
    value: 0.3
    band: [0.2, 0.4]
    model: {metric: lbc, years: [2020, 2020]}
    source: somewhere
`

// TestTargetErrors checks one case per class of problem in a targets file:
// the message, the path, the line and the column of each.
func TestTargetErrors(t *testing.T) {
	edit := func(pairs ...string) string { return strings.NewReplacer(pairs...).Replace(targetBase) }
	known := func(m string) bool { return m == "lbc" }
	tests := []struct {
		name string
		yaml string
		want []string
	}{
		{"valid", targetBase, nil},
		{
			// The misspelt key leaves the target without a value, too.
			name: "unknown key with suggestion",
			yaml: edit("value:", "valeu:"),
			want: []string{
				`testdata/calib/case.yaml:2:5: targets.a: has no value: a target needs the published figure`,
				`testdata/calib/case.yaml:3:5: targets.a: unknown key "valeu" (did you mean "value"?)`,
			},
		},
		{
			name: "unknown key in model",
			yaml: edit("years: [2020, 2020]", "years: [2020, 2020], sacle: 2"),
			want: []string{`testdata/calib/case.yaml:5:47: targets.a.model: unknown key "sacle" (did you mean "scale"?)`},
		},
		{
			name: "unknown top-level key",
			yaml: "target: []\n",
			want: []string{
				`testdata/calib/case.yaml:1:1: unknown key "target" (did you mean "targets"?)`,
				`testdata/calib/case.yaml:1:1: targets: is required: a list of targets`,
			},
		},
		{
			name: "duplicate key",
			yaml: targetBase + "    value: 2\n",
			want: []string{`testdata/calib/case.yaml:7:5: targets.a: duplicate key "value" (first at line 3)`},
		},
		{
			name: "duplicate name",
			yaml: targetBase + strings.TrimPrefix(targetBase, "targets:\n"),
			want: []string{`testdata/calib/case.yaml:7:11: targets: duplicate name "a" (first at line 2)`},
		},
		{
			name: "malformed name",
			yaml: edit("name: a", "name: Lbc 2020"),
			want: []string{`testdata/calib/case.yaml:2:11: targets[0].name: "Lbc 2020" must be lowercase letters, digits, '_' and '-', starting with a letter or digit`},
		},
		{
			name: "missing name",
			yaml: edit("  - name: a\n    value", "  - value"),
			want: []string{`testdata/calib/case.yaml:2:5: targets[0].name: is required`},
		},
		{
			name: "no value",
			yaml: edit("    value: 0.3\n", ""),
			want: []string{`testdata/calib/case.yaml:2:5: targets.a: has no value: a target needs the published figure`},
		},
		{
			name: "null value",
			yaml: edit("value: 0.3", "value:"),
			want: []string{`testdata/calib/case.yaml:3:11: targets.a: has no value: a target needs the published figure`},
		},
		{
			name: "string value",
			yaml: edit("value: 0.3", `value: "0.3"`),
			want: []string{`testdata/calib/case.yaml:3:12: targets.a.value: expected a number, got string "0.3"`},
		},
		{
			name: "value not finite",
			yaml: edit("value: 0.3", "value: .nan"),
			want: []string{`testdata/calib/case.yaml:3:12: targets.a.value: expected a finite number, got .nan`},
		},
		{
			name: "inverted band",
			yaml: edit("[0.2, 0.4]", "[0.3, 0.2]"),
			want: []string{`testdata/calib/case.yaml:4:11: targets.a: band [0.3, 0.2] is inverted; write [low, high]`},
		},
		{
			name: "empty band",
			yaml: edit("[0.2, 0.4]", "[0.3, 0.3]"),
			want: []string{`testdata/calib/case.yaml:4:11: targets.a: band [0.3, 0.3] is empty`},
		},
		{
			name: "band of one value",
			yaml: edit("[0.2, 0.4]", "[0.3]"),
			want: []string{`testdata/calib/case.yaml:4:11: targets.a.band: expected [low, high], got a list of 1 value`},
		},
		{
			name: "band not a list",
			yaml: edit("[0.2, 0.4]", "0.3"),
			want: []string{`testdata/calib/case.yaml:4:11: targets.a.band: expected [low, high], got 0.3`},
		},
		{
			name: "band of strings",
			yaml: edit("[0.2, 0.4]", "[low, 0.4]"),
			want: []string{`testdata/calib/case.yaml:4:12: targets.a.band[0]: expected a number, got string "low"`},
		},
		{
			name: "missing band",
			yaml: edit("    band: [0.2, 0.4]\n", ""),
			want: []string{`testdata/calib/case.yaml:2:5: targets.a.band: is required: [low, high], the range the model must reach`},
		},
		{
			name: "missing source",
			yaml: edit("    source: somewhere\n", ""),
			want: []string{`testdata/calib/case.yaml:2:5: targets.a.source: is required: where the published figure comes from`},
		},
		{
			name: "empty source",
			yaml: edit("source: somewhere", `source: ""`),
			want: []string{`testdata/calib/case.yaml:6:13: targets.a.source: is required: where the published figure comes from`},
		},
		{
			name: "source not a string",
			yaml: edit("source: somewhere", "source: [a, b]"),
			want: []string{`testdata/calib/case.yaml:6:13: targets.a.source: expected a string, got a list`},
		},
		{
			name: "missing model",
			yaml: edit("    model: {metric: lbc, years: [2020, 2020]}\n", ""),
			want: []string{`testdata/calib/case.yaml:2:5: targets.a.model: is required: {metric, group, years, scale}`},
		},
		{
			name: "model not a mapping",
			yaml: edit("{metric: lbc, years: [2020, 2020]}", "lbc"),
			want: []string{`testdata/calib/case.yaml:5:12: targets.a.model: expected a mapping, got string "lbc"`},
		},
		{
			name: "missing metric",
			yaml: edit("metric: lbc, ", ""),
			want: []string{`testdata/calib/case.yaml:5:12: targets.a.model.metric: is required: the name of a series of metrics.csv`},
		},
		{
			name: "unknown metric",
			yaml: edit("metric: lbc", "metric: lbcc"),
			want: []string{`testdata/calib/case.yaml:5:21: targets.a.model.metric: unknown metric "lbcc": the engine produces no such series`},
		},
		{
			name: "missing years",
			yaml: edit(", years: [2020, 2020]", ""),
			want: []string{`testdata/calib/case.yaml:5:12: targets.a.model.years: is required: [first, last], the years averaged`},
		},
		{
			name: "inverted years",
			yaml: edit("[2020, 2020]", "[2024, 2020]"),
			want: []string{`testdata/calib/case.yaml:5:33: targets.a.model: years [2024, 2020] are inverted; write [first, last]`},
		},
		{
			name: "fractional year",
			yaml: edit("[2020, 2020]", "[2020, 2020.5]"),
			want: []string{`testdata/calib/case.yaml:5:40: targets.a.model.years[1]: expected an integer, got 2020.5`},
		},
		{
			name: "zero scale",
			yaml: edit("years: [2020, 2020]", "years: [2020, 2020], scale: 0"),
			want: []string{`testdata/calib/case.yaml:5:54: targets.a.model.scale: must not be 0`},
		},
		{
			name: "no targets",
			yaml: "targets: []\n",
			want: []string{`testdata/calib/case.yaml:1:10: targets: lists no targets`},
		},
		{
			name: "targets not a list",
			yaml: "targets: {a: 1}\n",
			want: []string{`testdata/calib/case.yaml:1:10: targets: expected a list of targets, got a mapping`},
		},
		{
			name: "target not a mapping",
			yaml: "targets:\n  - 3\n",
			want: []string{`testdata/calib/case.yaml:2:5: targets[0]: expected a mapping, got 3`},
		},
		{
			name: "top level not a mapping",
			yaml: "- a\n",
			want: []string{`testdata/calib/case.yaml:1:1: expected a mapping of keys at the top level, got a list`},
		},
		{
			name: "two documents",
			yaml: targetBase + "---\ntargets: []\n",
			want: []string{`testdata/calib/case.yaml:7:1: more than one yaml document (a targets file is one document)`},
		},
		{
			name: "invalid yaml",
			yaml: "targets: [\n",
			want: []string{`testdata/calib/case.yaml:1:1: invalid yaml: did not find expected node content`},
		},
		{
			// Every problem of a target at once, sorted by position.
			name: "all at once",
			yaml: "targets:\n  - name: b\n    value:\n    band: [0.4, 0.1]\n    model: {metric: nope, years: [2021, 2020], scale: 0}\n",
			want: []string{
				`testdata/calib/case.yaml:2:5: targets.b.source: is required: where the published figure comes from`,
				`testdata/calib/case.yaml:3:11: targets.b: has no value: a target needs the published figure`,
				`testdata/calib/case.yaml:4:11: targets.b: band [0.4, 0.1] is inverted; write [low, high]`,
				`testdata/calib/case.yaml:5:21: targets.b.model.metric: unknown metric "nope": the engine produces no such series`,
				`testdata/calib/case.yaml:5:34: targets.b.model: years [2021, 2020] are inverted; write [first, last]`,
				`testdata/calib/case.yaml:5:55: targets.b.model.scale: must not be 0`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadTargetsBytes("testdata/calib/case.yaml", []byte(tt.yaml), known)
			checkErrors(t, err, tt.want)
		})
	}
	// Without a checker, any metric goes.
	if _, err := loadTargetsBytes("x.yaml", []byte(edit("metric: lbc", "metric: anything")), nil); err != nil {
		t.Errorf("no checker: %v", err)
	}
}
