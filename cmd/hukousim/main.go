// Command hukousim runs the hukousim model: rural Chinese households
// deciding, under hukou rules, which parents migrate and which children go
// with them, and what follows for the children.
//
// Run 'hukousim help' for its commands and 'hukousim help COMMAND' for a
// command's flags; README.md shows them at work, and docs/ODD.md documents
// the model they run.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/hukousim/hukousim/output/profile"
)

func main() {
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() { cancel(interrupted{<-sigs}) }()
	err := Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	signal.Stop(sigs)
	if errors.Is(err, context.Canceled) && context.Cause(ctx) != nil {
		err = context.Cause(ctx)
	}
	os.Exit(exitCode(err, os.Stderr))
}

// interrupted is a command stopped by a signal: the shell's exit status is
// 128 + its number (130 for Ctrl-C, 143 for SIGTERM).
type interrupted struct{ sig os.Signal }

func (e interrupted) Error() string {
	if e.sig == syscall.SIGTERM {
		return "stopped by SIGTERM"
	}
	return "interrupted"
}

// usageError is a mistake in the command line itself.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// errSilent is returned when the message was already printed.
var errSilent = errors.New("")

// exitCode prints err and maps it to an exit status: 0 success, 1 a failed
// run or invalid input, 2 a bad command line, 128 + the signal's number
// when stopped by one (130 Ctrl-C, 143 SIGTERM).
func exitCode(err error, stderr io.Writer) int {
	var ue usageError
	var sig interrupted
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errSilent):
		return 1
	case errors.As(err, &sig):
		fmt.Fprintf(stderr, "hukousim: %s; nothing was written under its final name\n", sig)
		if n, ok := sig.sig.(syscall.Signal); ok {
			return 128 + int(n)
		}
		return 130
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "hukousim: interrupted; nothing was written under its final name")
		return 130
	case errors.As(err, &ue), errors.Is(err, profile.ErrSameFile):
		if ue.msg == "" {
			ue.msg = err.Error()
		}
		fmt.Fprintf(stderr, "hukousim: %s\nRun 'hukousim help' for usage.\n", ue.msg)
		return 2
	default:
		fmt.Fprintf(stderr, "hukousim: %s\n", err)
		return 1
	}
}

const usage = `hukousim simulates rural Chinese households deciding, under hukou rules,
whether parents migrate and which children go with them or stay behind, and
follows the children's schooling, mental health and gaokao.

Usage:
  hukousim run [SCENARIO] [flags]   run a scenario; with no SCENARIO, the embedded baseline
  hukousim compare REF OTHER... [flags]
                                    compare runs (directories) or scenarios against a reference,
                                    with paired 95% intervals; writes compare.html
  hukousim validate [SCENARIO]      score a scenario against the published targets; exit 1 if any fails
  hukousim calibrate CALIBRATION.yaml
                                    fit parameters to the targets; writes the fitted scenario
  hukousim sweep SWEEP.yaml         run a sweep file's design (grid, Latin hypercube, Morris, Sobol),
                                    paired across points; resumable, in shards, or on Slurm (--slurm)
  hukousim merge DIR... --out DIR   merge the shards of a sweep
  hukousim serve [--addr HOST:PORT] the classroom page: sliders, predictions, runs that stream
  hukousim scenarios                list the embedded scenarios
  hukousim check SCENARIO [--set path=value ...]
                                    validate a scenario and print its resolved form
  hukousim explain PARAMETER|METRIC a parameter's unit, range, default and source, or a metric's definition
  hukousim version                  print version, commit and Go version (also --version)
  hukousim help [COMMAND]           this text, or a command's flags

SCENARIO is the name of an embedded scenario or a path to a YAML file.
Run 'hukousim COMMAND -h' for a command's flags.
`

// Run is the whole program, minus the process: it parses args, writes
// results to files and a summary to stdout, and returns what went wrong.
// A command asked for its usage (-h) prints it and returns flag.ErrHelp,
// which is success here, for every command at once.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if err := dispatch(ctx, args, stdout, stderr); !errors.Is(err, flag.ErrHelp) {
		return err
	}
	return nil
}

// commands are the commands by name, but help.
var commands = map[string]func(ctx context.Context, args []string, stdout, stderr io.Writer) error{
	"run": runCmd, "compare": compareCmd, "validate": validateCmd, "calibrate": calibrateCmd,
	"scenarios": scenariosCmd, "check": checkCmd, "explain": explainCmd,
	"sweep": sweepCmd, "merge": mergeCmd, "serve": serveCmd,
	"version": versionCmd, "-version": versionCmd, "--version": versionCmd,
}

// dispatch runs the command args[0] names.
func dispatch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return usagef("no command given")
	}
	cmd, rest := args[0], args[1:]
	if run, ok := commands[cmd]; ok {
		return run(ctx, rest, stdout, stderr)
	}
	switch cmd {
	case "help", "-h", "-help", "--help":
		switch {
		case len(rest) == 0:
			fmt.Fprint(stdout, usage)
			return nil
		case len(rest) > 1 || rest[0] == "help" || strings.HasPrefix(rest[0], "-"):
			return usagef("help takes one command: hukousim help COMMAND")
		}
		// hukousim help COMMAND is hukousim COMMAND -h.
		return Run(ctx, []string{rest[0], "-h"}, stdout, stderr)
	}
	return usagef("unknown command %q (commands: run, compare, validate, calibrate, sweep, merge, serve, scenarios, check, explain, version, help)", cmd)
}
