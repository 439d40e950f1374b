package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
)

// Help and version answer the ways users ask for them (issue 12, defect
// 10): --version, version -h, help COMMAND, and no empty "Flags:" for a
// command without flags.
func TestHelpAndVersion(t *testing.T) {
	for _, c := range []struct {
		args       []string
		want, not  string
		code       int
		wantStderr string
	}{
		{args: []string{"--version"}, want: "hukousim "},
		{args: []string{"-version"}, want: "hukousim "},
		{args: []string{"version", "-h"}, want: "Usage: hukousim version", not: "Flags:"},
		{args: []string{"scenarios", "-h"}, want: "Usage: hukousim scenarios [--lang en|zh]\n\nFlags:\n  --lang string\n    \tlanguage of the titles"},
		{args: []string{"help", "run"}, want: "Usage: hukousim run"},
		{args: []string{"help", "compare"}, want: "\n  --reps int\n"},
		{args: []string{"help"}, want: "hukousim help [COMMAND]"},
		{args: []string{"help", "nosuch"}, code: 2, wantStderr: `unknown command "nosuch"`},
		{args: []string{"help", "run", "compare"}, code: 2, wantStderr: "help takes one command"},
		{args: []string{"version", "extra"}, code: 2, wantStderr: "version takes no arguments"},
	} {
		stdout, _, err := run(t, c.args...)
		var e bytes.Buffer
		if code := exitCode(err, &e); code != c.code {
			t.Errorf("%v: exit %d (%s), want %d", c.args, code, e.String(), c.code)
		}
		if !strings.Contains(stdout, c.want) || (c.not != "" && strings.Contains(stdout, c.not)) {
			t.Errorf("%v: stdout %q, want %q and not %q", c.args, stdout, c.want, c.not)
		}
		if !strings.Contains(e.String(), c.wantStderr) {
			t.Errorf("%v: stderr %q, want %q", c.args, e.String(), c.wantStderr)
		}
	}
}

// A signal's exit status is the shell's, 128 + its number, and the message
// says what was and was not written.
func TestInterruptedExit(t *testing.T) {
	for _, c := range []struct {
		sig  interrupted
		code int
		msg  string
	}{
		{interrupted{os.Interrupt}, 130, "hukousim: interrupted; nothing was written under its final name"},
		{interrupted{syscall.SIGTERM}, 143, "hukousim: stopped by SIGTERM; nothing was written under its final name"},
	} {
		var e bytes.Buffer
		if code := exitCode(fmt.Errorf("run: %w", c.sig), &e); code != c.code || strings.TrimSpace(e.String()) != c.msg {
			t.Errorf("%v: exit %d, %q; want %d, %q", c.sig.sig, code, e.String(), c.code, c.msg)
		}
	}
}
