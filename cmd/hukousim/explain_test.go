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
