package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/hukousim/hukousim/output"
	"github.com/hukousim/hukousim/scenarios"
)

func scenariosCmd(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("scenarios", "scenarios [--lang en|zh]")
	lang := addLangFlag(fs, "the titles")
	pos, err := parseInterspersed(fs, args, stdout)
	if err != nil {
		return err
	}
	l, err := parseLang(*lang)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("scenarios takes no arguments")
	}
	var b strings.Builder
	for _, s := range scenarios.List() {
		fmt.Fprintf(&b, "%s\t%s\n", s.Name, l.Text(s.Title))
	}
	return output.PrintTable(stdout, b.String())
}

func checkCmd(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("check", "check SCENARIO [--set path=value ...]")
	var sets multiFlag
	fs.Var(&sets, "set", "override a scenario field, `path=value` (repeatable)")
	pos, err := parseInterspersed(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("check takes one scenario (a name or a path)")
	}
	sc, err := scenarios.Load(pos[0], sets)
	if err != nil {
		return err
	}
	b, err := sc.YAML()
	if err != nil {
		return err
	}
	_, err = stdout.Write(b)
	return err
}

func versionCmd(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("version", "version")
	pos, err := parseInterspersed(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("version takes no arguments")
	}
	fmt.Fprintf(stdout, "hukousim %s (commit %s, %s)\n", output.Version, output.Commit(), output.GoVersion())
	return nil
}
