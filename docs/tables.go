package docs

import (
	"regexp"
	"strings"
	"sync"
)

// Tables are the Parameters table (path → its 7 cells) and the
// Observation table of metrics (each name → its 3 cells: names, groups,
// definition) of docs/ODD.md, with markdown's backticks and bold marks
// taken off. They are read once (a report asks for a unit per change);
// the maps are shared, to read, not to change.
func Tables() (params, metrics map[string][]string) { return tables() }

var tables = sync.OnceValues(readTables)

func readTables() (params, metrics map[string][]string) {
	params, metrics = map[string][]string{}, map[string][]string{}
	var table map[string][]string
	names := regexp.MustCompile("`([^`]+)`")
	for _, line := range strings.Split(ODD, "\n") {
		switch {
		case strings.HasPrefix(line, "| path | default | baseline |"):
			table = params
			continue
		case strings.HasPrefix(line, "| metric | group | definition |"):
			table = metrics
			continue
		case !strings.HasPrefix(line, "|"):
			table = nil
			continue
		}
		if table == nil || strings.HasPrefix(line, "| ---") {
			continue
		}
		// Cells split at the pipes markdown does not escape (\|).
		raw := strings.Split(strings.ReplaceAll(strings.Trim(strings.TrimSpace(line), "|"), `\|`, "\x00"), "|")
		cells := make([]string, len(raw))
		for i, c := range raw {
			c = strings.NewReplacer("\x00", "|", "`", "", "**", "").Replace(c)
			cells[i] = strings.TrimSpace(c)
		}
		for _, m := range names.FindAllStringSubmatch(raw[0], -1) {
			if prev, twice := table[m[1]]; twice && len(prev) == 3 && len(cells) == 3 {
				// A metric recorded by two sets of groups has a row for
				// each: both definitions, each with its groups.
				table[m[1]] = []string{cells[0], prev[1] + "; or " + cells[1],
					"by " + prev[1] + ": " + prev[2] + ". By " + cells[1] + ": " + cells[2]}
				continue
			}
			table[m[1]] = cells
		}
	}
	return params, metrics
}
