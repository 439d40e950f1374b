package output

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/hukousim/hukousim/output/i18n"
	"github.com/hukousim/hukousim/output/plot"
	"github.com/hukousim/hukousim/scenarios"
	"github.com/hukousim/hukousim/sim"
)

// WriteHeadline prints the short summary of a run of scenario name (its
// title, its simulated and real households): the first and last recorded
// years, each value a mean over replicates with its 95% interval.
func WriteHeadline(w io.Writer, name, title string, households int, realHouseholds float64, s *Summary, reps int, l i18n.Lang) {
	if len(s.Years) == 0 {
		return
	}
	y0, y1 := s.Years[0], s.Years[len(s.Years)-1]
	fmt.Fprintf(w, "%s%s%s\n", name, l.T("html.colon"), l.Text(title))
	real := fmt.Sprintf("%.3g million", realHouseholds/1e6)
	if l == i18n.ZH {
		real = Wan(realHouseholds)
	}
	fmt.Fprint(w, l.T("term.households", plot.Grouped(float64(households)), real, reps))
	if reps > 1 {
		fmt.Fprint(w, l.T("term.mean_ci"))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w)
	tw := newTable(w, true)
	if y0 == y1 { // one recorded year: one column
		fmt.Fprintf(tw, "\t%d\t\n", y1)
	} else {
		fmt.Fprintf(tw, "\t%d\t%d\t\n", y0, y1)
	}
	for _, h := range Headlines {
		fmt.Fprintf(tw, "%s\t", h.ShortIn(l))
		if y0 != y1 {
			fmt.Fprintf(tw, "%s\t", cell(l, s, h, y0))
		}
		fmt.Fprintf(tw, "%s\t\n", cell(l, s, h, y1))
	}
	tw.Flush()
}

func cell(l i18n.Lang, s *Summary, h Headline, year int) string {
	iv, ok := s.Get(h.Name, h.Group, year)
	value, ci := formatInterval(l, h, iv, ok)
	if ci == "" {
		return value
	}
	return value + " [" + ci + "]"
}

// PrintRun is what run prints once a run of sc is written to dir, in l:
// the headline table, the work done and the files.
func PrintRun(w io.Writer, sc *scenarios.Scenario, data *RunData, man *Manifest, dir string, l i18n.Lang) {
	pop := sc.Params.Population
	WriteHeadline(w, sc.Name, sc.Title, pop.Households, pop.RealHouseholds, data.Summary(), man.Replicates, l)
	micro := ""
	if man.MicrodataRows != nil {
		micro = l.T("term.microdata", *man.MicrodataRows)
	}
	fmt.Fprint(w, l.T("term.run_wrote", plot.Grouped(man.HouseholdYears), man.WallSeconds, dir, micro))
}

// smallRun is the size below which a run is noted as too small for
// numbers by sex, age or tier (the default is 20,000; docs/ODD.md, Known
// limitations, noise in small groups).
const smallRun = 5000

// SmallRunNote is a warning for a run of p too small for numbers by sex,
// age or city tier, whose intervals are wide (--households 500 gave
// intervals of ±190 pp without a word); "" for a run large enough.
func SmallRunNote(p *sim.Population) string {
	if p.Households >= smallRun {
		return ""
	}
	return fmt.Sprintf("%s simulated households: metrics by sex, age or city tier rest on few children, and their intervals are wide; the default, 20,000, keeps them to a few points",
		plot.Grouped(float64(p.Households)))
}

// LateReformNote says which of sc's reforms come after its last recorded
// year, and so change nothing in the run; "" if none does.
func LateReformNote(sc *scenarios.Scenario) string {
	t := sc.Params.Time
	last := t.StartYear + t.Years - 1
	var late []string
	need := 0
	for _, r := range sc.Reforms {
		if r.Year > last {
			late = append(late, strconv.Itoa(r.Year))
			need = max(need, r.Year-t.StartYear+1)
		}
	}
	if len(late) == 0 {
		return ""
	}
	late = slices.Compact(late)
	what := "the reform of " + late[0] + " comes"
	if len(late) > 1 {
		what = "the reforms of " + strings.Join(late, ", ") + " come"
	}
	return fmt.Sprintf("%s: %s after the last recorded year, %d, so this run does not see it; --years %d reaches it", sc.Name, what, last, need)
}
