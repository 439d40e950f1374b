package main

import (
	"errors"

	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/hukousim/hukousim/output/i18n"
)

// multiFlag collects a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(s string) error { *m = append(*m, s); return nil }

// has reports whether a --set gives path.
func (m multiFlag) has(path string) bool {
	for _, s := range m {
		if p, _, _ := strings.Cut(s, "="); strings.TrimSpace(p) == path {
			return true
		}
	}
	return false
}

// parseInterspersed parses flags that may stand before or after the
// positional arguments (hukousim run baseline --seed 3), and returns the
// positional ones. -h prints the flags to out and returns flag.ErrHelp.
func parseInterspersed(fs *flag.FlagSet, args []string, out io.Writer) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(out)
			fs.Usage()
			return nil, flag.ErrHelp
		}
		if err != nil {
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func newFlagSet(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: hukousim %s\n", synopsis)
		n := 0
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n > 0 { // a command without flags prints no empty "Flags:"
			fmt.Fprint(fs.Output(), "\nFlags:\n")
			printFlags(fs)
		}
	}
	return fs
}

// printFlags is flag.PrintDefaults with the flags written as every message
// writes them, --name (the flag package accepts both).
func printFlags(fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		line := "  --" + f.Name
		if name != "" {
			line += " " + name
		}
		line += "\n    \t" + strings.ReplaceAll(usage, "\n", "\n    \t")
		if f.DefValue != "" && f.DefValue != "0" && f.DefValue != "false" {
			line += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		fmt.Fprintln(fs.Output(), line)
	})
}

// scenarioArg is the one scenario a command takes, the baseline if none.
func scenarioArg(cmd string, pos []string) (string, error) {
	switch len(pos) {
	case 0:
		return "baseline", nil
	case 1:
		return pos[0], nil
	}
	return "", usagef("%s takes one scenario, got %d: %s", cmd, len(pos), strings.Join(pos, " "))
}

// parseLang reads --lang; given empty, it is refused rather than read as
// English.
func parseLang(s string) (i18n.Lang, error) {
	if strings.TrimSpace(s) == "" {
		return i18n.EN, usagef("--lang needs a language: en or zh")
	}
	l, err := i18n.Parse(s)
	if err != nil {
		return l, usagef("--lang: %v", err)
	}
	return l, nil
}

// addLangFlag adds --lang, the language of what: the pages, figures and
// the terminal's summary by default (errors and progress stay in
// English).
func addLangFlag(fs *flag.FlagSet, what ...string) *string {
	w := "report.html, compare.html, sweep.html, the figures and the summary printed at the end"
	if len(what) > 0 {
		w = what[0]
	}
	return fs.String("lang", "en", "language of "+w+": en or zh (Simplified Chinese)")
}
