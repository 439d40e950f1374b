package output

import (
	"fmt"
	"io"
	"regexp"
	"strconv"

	"github.com/hukousim/hukousim/docs"
	"github.com/hukousim/hukousim/scenarios"
)

// Explain prints to w a parameter's or a metric's entry from docs/ODD.md's
// Parameters and Observation tables (embedded in the binary, docs.Tables):
// one source for the document and the command. An unknown name is an
// error with the closest known one.
func Explain(w io.Writer, name string) error {
	params, metrics := docs.Tables()
	if row, ok := params[genericPath(name)]; ok && len(row) == 7 {
		fmt.Fprintf(w, "parameter %s\n  meaning:  %s\n  unit:     %s\n  range:    %s\n  default:  %s (the engine's), %s in the baseline\n  source:   %s\n",
			genericPath(name), row[5], row[3], row[4], row[1], row[2], row[6])
		if _, err := strconv.ParseFloat(row[1], 64); err == nil {
			fmt.Fprintf(w, "  dated:    may be given as dated values, {YEAR: value, ...}, interpolated between the years (docs/ODD.md, Scenario files, Dated inputs)\n")
		}
		return nil
	}
	if row, ok := metrics[name]; ok && len(row) == 3 {
		groups := row[1]
		if groups == "" {
			groups = "none"
		}
		fmt.Fprintf(w, "metric %s (in metrics.csv)\n  groups:      %s\n  definition:  %s\n", name, groups, row[2])
		return nil
	}
	var all []string
	for k := range params {
		all = append(all, k)
	}
	for k := range metrics {
		all = append(all, k)
	}
	hint := ""
	if c := scenarios.Closest(genericPath(name), all); c != "" {
		hint = fmt.Sprintf("; did you mean %q?", c)
	}
	return fmt.Errorf("no parameter or metric named %q in docs/ODD.md%s", name, hint)
}

// listItem matches a named element of the cities or regions list in a
// scenario path.
var listItem = regexp.MustCompile(`^(cities|regions)\.[^.\[]+\.`)

// genericPath writes a list element's name as [] (cities.megacity.x →
// cities[].x), the form of the Parameters table.
func genericPath(p string) string {
	return listItem.ReplaceAllString(p, "$1[].")
}
