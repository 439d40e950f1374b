package main

import (
	"fmt"
	"io"
	"math"
	"text/tabwriter"

	"github.com/hukousim/hukousim/output"
	"github.com/hukousim/hukousim/scenarios"
)

// headline prints the short summary of a run: the first and last recorded
// years, each value a mean over replicates with its 95% interval.
func headline(w io.Writer, sc *scenarios.Scenario, s *output.Summary, reps int) {
	if len(s.Years) == 0 {
		return
	}
	y0, y1 := s.Years[0], s.Years[len(s.Years)-1]
	fmt.Fprintf(w, "%s: %s\n", sc.Name, sc.Title)
	fmt.Fprintf(w, "%d simulated households standing for %.3g million; %d replicate(s)", sc.Params.Population.Households, sc.Params.Population.RealHouseholds/1e6, reps)
	if reps > 1 {
		fmt.Fprint(w, "; mean [95% interval]")
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "\t%d\t%d\t\n", y0, y1)
	row := func(label, name, group string, f func(float64) string) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t\n", label, cell(s, name, group, y0, f), cell(s, name, group, y1, f))
	}
	millions := func(x float64) string { return fmt.Sprintf("%.1f M", x/1e6) }
	pct := func(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) }
	pp := func(x float64) string { return fmt.Sprintf("%+.1f pp", 100*x) }
	signed := func(x float64) string { return fmt.Sprintf("%+.1f%%", 100*x) }
	row("left-behind children", "lbc", "", millions)
	row("  share of all children", "lbc_share", "", pct)
	row("  of girls", "lbc_share_girls", "", pct)
	row("  of boys", "lbc_share_boys", "", pct)
	row("  boys among them", "lbc_boys_share", "", pct)
	row("girls' extra jump at 12", "daughter_lb_jump_age12", "", pp)
	row("remittances, daughters vs sons", "remit_gap_daughters", "", signed)
	row("depression, both parents home", "depression_nonlbc", "", pct)
	row("  one parent away", "depression_lbc_one", "", pct)
	row("  both parents away", "depression_lbc_both", "", pct)
	row("college at 18, girls left behind", "college_rate", "sex=girl;ever_left_behind=yes", pct)
	row("  girls never left behind", "college_rate", "sex=girl;ever_left_behind=no", pct)
	row("  boys left behind", "college_rate", "sex=boy;ever_left_behind=yes", pct)
	row("  boys never left behind", "college_rate", "sex=boy;ever_left_behind=no", pct)
	tw.Flush()
}

func cell(s *output.Summary, name, group string, year int, f func(float64) string) string {
	iv, ok := s.Get(name, group, year)
	if !ok || math.IsNaN(iv.Mean) {
		return "n/a"
	}
	if math.IsNaN(iv.Low) {
		return f(iv.Mean)
	}
	return fmt.Sprintf("%s [%s, %s]", f(iv.Mean), f(iv.Low), f(iv.High))
}
