package output

import (
	"fmt"
	"io"
	"math"
	"text/tabwriter"
)

// WriteHeadline prints the short summary of a run of scenario name (its
// title, its simulated and real households): the first and last recorded
// years, each value a mean over replicates with its 95% interval.
func WriteHeadline(w io.Writer, name, title string, households int, realHouseholds float64, s *Summary, reps int) {
	if len(s.Years) == 0 {
		return
	}
	y0, y1 := s.Years[0], s.Years[len(s.Years)-1]
	fmt.Fprintf(w, "%s: %s\n", name, title)
	fmt.Fprintf(w, "%s simulated households standing for %.3g million; %d replicate(s)", Grouped(float64(households)), realHouseholds/1e6, reps)
	if reps > 1 {
		fmt.Fprint(w, "; mean [95% interval]")
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "\t%d\t%d\t\n", y0, y1)
	for _, h := range Headlines {
		fmt.Fprintf(tw, "%s\t%s\t%s\t\n", h.Short, cell(s, h, y0), cell(s, h, y1))
	}
	tw.Flush()
}

func cell(s *Summary, h Headline, year int) string {
	iv, ok := s.Get(h.Name, h.Group, year)
	if !ok || math.IsNaN(iv.Mean) {
		return "n/a"
	}
	if math.IsNaN(iv.Low) {
		return h.Unit.Format(iv.Mean)
	}
	lo, hi := h.Unit.Clamp(iv.Low, iv.High)
	return fmt.Sprintf("%s [%s, %s]", h.Unit.Format(iv.Mean), h.Unit.Format(lo), h.Unit.Format(hi))
}
