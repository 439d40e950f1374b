package main

import (
	"bytes"
	"strings"
	"testing"
)

// explain prints docs/ODD.md's entry for a parameter (by its concrete or
// generic path) or a metric, and suggests a near name for a typo (issue
// 12: help from the tool itself).
func TestExplain(t *testing.T) {
	for _, c := range []struct {
		name string
		want []string
	}{
		{"cities.megacity.school.middle.admission", []string{"parameter cities[].school.middle.admission", "probability", "[0, 1]", "Beijing"}},
		{"preferences.psi_couple", []string{"utility/year", "0.214 in the baseline", "calibrated", "dated:    may be given as dated values"}},
		{"lbc_share_all", []string{"metric lbc_share_all", "rural_hukou_share"}},
		{"lb_prob_siblings", []string{"sex, siblings, tier", "with-brothers"}},
		// A count is defined as a count, not as the share beside it.
		{"lbc", []string{"definition:  left-behind children: children 0–17 living in the village"}},
		// A metric recorded by two sets of groups has both definitions.
		{"dropout_rate", []string{"groups:      sex, age (12-14, 15), place", "; or age (12-14, 15), tier", "by the parents' destination tier"}},
	} {
		stdout, _, err := run(t, "explain", c.name)
		if err != nil {
			t.Errorf("explain %s: %v", c.name, err)
		}
		for _, w := range c.want {
			if !strings.Contains(stdout, w) {
				t.Errorf("explain %s lacks %q:\n%s", c.name, w, stdout)
			}
		}
	}
	// In Chinese: meaning, unit and definition translated, the source a
	// citation as written; and the scenarios by their Chinese titles.
	for name, want := range map[string][]string{
		"cities.megacity.school.middle.admission": {"参数 cities[].school.middle.admission", "含义：公办学校对非本地户籍儿童的政策录取率（12–14 岁）", "单位：概率", "Beijing"},
		"lbc_share_girls":                         {"指标 lbc_share_girls", "定义：农村户籍女孩中留守的比例"},
	} {
		stdout, _, err := run(t, "explain", name, "--lang", "zh")
		for _, w := range want {
			if err != nil || !strings.Contains(stdout, w) {
				t.Errorf("explain %s --lang zh lacks %q (%v):\n%s", name, w, err, stdout)
			}
		}
	}
	if stdout, _, _ := run(t, "scenarios", "--lang", "zh"); !strings.Contains(stdout, "2020 年前后的中国（基准）") {
		t.Errorf("scenarios --lang zh:\n%s", stdout)
	}
	_, _, err := run(t, "explain", "preferences.psy")
	var e bytes.Buffer
	if exitCode(err, &e) != 1 || !strings.Contains(e.String(), `did you mean "preferences.psi"?`) {
		t.Errorf("a typo: %q", e.String())
	}
}

// Every metric a run writes can be explained: docs/ODD.md's Observation
// table covers them all.
func TestExplainEveryMetric(t *testing.T) {
	rows := readCSV(t, "testdata/golden-metrics.csv")
	seen := map[string]bool{}
	for _, r := range rows[1:] {
		if seen[r[2]] {
			continue
		}
		seen[r[2]] = true
		if _, _, err := run(t, "explain", r[2]); err != nil {
			t.Errorf("explain %s: %v", r[2], err)
		}
	}
}
