package sim

import (
	"math"
	"testing"
)

// The metrics of docs/ODD.md II.x (Observation) from a year's totals built by hand,
// each expected value worked out in a comment.
func TestMetricsFromHandBuiltTotals(t *testing.T) {
	p := testParams()
	m := &Model{c: compile(p), scale: 10, year: p.Time.StartYear}
	a := &m.cur
	a.children, a.lbc = 200, 50
	// Children of migrant parents (choice probabilities), tier 1:
	// girls 40/100 left behind at 11, 50/100 at 12; boys 30/100 and 31/100.
	a.migProb[1][11][0] = [2]float64{100, 40}
	a.migProb[1][12][0] = [2]float64{100, 50}
	a.migProb[0][11][0] = [2]float64{100, 30}
	a.migProb[0][12][0] = [2]float64{100, 31}
	a.remit[remDaughters] = [2]float64{900, 10} // mean 90
	a.remit[remSons] = [2]float64{1000, 10}     // mean 100
	a.mh[mhNonLBC] = [3]float64{20, 4, 2}
	a.mh[mhLBCOne] = [3]float64{10, 3, 1}
	a.mh[mhLBCBoth] = [3]float64{10, 4, 3}
	a.hGap[0] = [2]float64{-2, 10} // both away: mean −0.2
	a.hGap[1] = [2]float64{1, 10}  // village, both parents: mean 0.1
	a.migPublic = [2]float64{86, 100}
	a.restrictProb = [2][2]float64{{100, 30}, {100, 36}}

	got := map[string]float64{}
	for _, v := range m.Metrics() {
		got[v.Name+"|"+v.Group] = v.Value
	}
	want := map[string]float64{
		"lbc|":       500,  // 50 × scale 10
		"lbc_share|": 0.25, // 50 / 200
		// (0.50 − 0.40) − (0.31 − 0.30) = 0.09
		"daughter_lb_jump_age12|":       0.09,
		"daughter_lb_jump_age12|tier=1": 0.09,
		"lb_jump_age12|sex=girl":        0.10,
		"lb_jump_age12|sex=boy":         0.01,
		// 0.36 / 0.30 − 1 = 0.2
		"daughter_lb_gap_restrictive|":   0.2,
		"remit_gap_daughters|":           -0.1, // 90 / 100 − 1
		"depression_nonlbc|":             0.2,  // 4 / 20
		"depression_lbc_one|":            0.3,  // 3 / 10
		"depression_lbc_both|":           0.4,  // 4 / 10
		"depression_lbc|":                0.35, // (3 + 4) / (10 + 10)
		"ideation_lbc|":                  0.2,  // (1 + 3) / 20
		"ideation_nonlbc|":               0.1,  // 2 / 20
		"h_gap_both_away|":               -0.3, // −0.2 − 0.1
		"migrant_public_share|":          0.86,
		"lb_prob_by_age|sex=girl;age=12": 0.5,
	}
	for k, w := range want {
		g, ok := got[k]
		if !ok {
			t.Errorf("no metric %s", k)
			continue
		}
		if math.Abs(g-w) > 1e-12 {
			t.Errorf("%s = %g, want %g", k, g, w)
		}
	}
	// An empty denominator is NaN, not 0.
	if v := got["daughter_lb_jump_age12|tier=2"]; !math.IsNaN(v) {
		t.Errorf("jump at a tier with no children = %g, want NaN", v)
	}
}

// MetricNames knows the metrics a run produces and no others: targets
// are checked against it before a run.
func TestMetricNames(t *testing.T) {
	known := MetricNames(testParams())
	for _, n := range []string{"lbc", "lbc_share", "lb_prob_by_age", "dropout_junior_high"} {
		if !known(n) {
			t.Errorf("%s: not known", n)
		}
	}
	if known("lbc_shares") || known("") {
		t.Error("a name no run produces is known")
	}
}
