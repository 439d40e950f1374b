package main

import (
	"context"
	"io"

	"github.com/hukousim/hukousim/output"
)

// explainCmd prints a parameter's or a metric's entry from docs/ODD.md's
// Parameters and Observation tables (embedded in the binary): one source
// for the document and the command.
func explainCmd(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("explain", "explain PARAMETER|METRIC\n\nPrints a scenario parameter's meaning, unit, range, default, baseline value and source, or a metric's groups and definition, from docs/ODD.md. A parameter is named by its scenario path (cities.megacity.school.middle.admission, or cities[].school.middle.admission).")
	lang := addLangFlag(fs, "the meaning, unit or definition")
	pos, err := parseInterspersed(fs, args, stdout)
	if err != nil {
		return err
	}
	l, err := parseLang(*lang)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("explain takes one parameter path or metric name")
	}
	return output.Explain(stdout, pos[0], l)
}
