package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// The packages import only the layers below them, as docs/ODD.md III.i
// (Implementation Details) lays out: the model never imports the loader
// or the outputs, the loader never the outputs, and nothing the commands.
func TestPackageLayers(t *testing.T) {
	const mod = "github.com/hukousim/hukousim/"
	allowed := map[string][]string{
		"sim/fmath":        nil,
		"sim/stats":        nil,
		"docs":             nil,
		"sim/rng":          {"sim/fmath"},
		"sim":              {"sim/fmath", "sim/rng", "sim/stats"},
		"sim/calibrate":    {"sim/fmath", "sim/rng", "sim/stats"},
		"sim/sensitivity":  {"sim/fmath"},
		"sim/sweep":        {"sim/sensitivity"},
		"sim/experiment":   {"sim", "sim/fmath", "sim/rng", "sim/stats"},
		"scenarios":        {"sim", "sim/calibrate", "sim/fmath", "sim/rng", "sim/stats", "sim/sweep", "sim/sensitivity"},
		"output/plot":      nil,
		"output/rundir":    nil,
		"output/profile":   nil,
		"output/report":    nil,
		"output/classroom": {"output", "output/i18n", "output/rundir", "scenarios", "sim", "sim/experiment"},
		"output/i18n":      nil,
		"output":           {"docs", "output/i18n", "output/plot", "output/profile", "output/report", "output/rundir", "scenarios", "sim", "sim/calibrate", "sim/experiment", "sim/fmath", "sim/rng", "sim/stats", "sim/sensitivity", "sim/sweep"},
	}
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Imports " "}}`, "../../...").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		pkg := strings.TrimPrefix(f[0], mod)
		if pkg == "cmd/hukousim" {
			continue // the commands may import every package
		}
		ok, known := allowed[pkg]
		if !known {
			t.Errorf("package %s has no layer in docs/ODD.md III.i; add it there and here", pkg)
			continue
		}
		for _, imp := range f[1:] {
			if dep, in := strings.CutPrefix(imp, mod); in && !slices.Contains(ok, dep) {
				t.Errorf("%s imports %s, against the layers of docs/ODD.md III.i", pkg, dep)
			}
		}
	}
}
