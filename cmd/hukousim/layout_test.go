package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// The repository's top level holds the project's entries and nothing else
// (README.md's layout): a stray copy of a scenario there, like the
// uncalibrated baseline once committed as "0.788", would be taken by
// `check` for the real one.
func TestRepositoryTopLevel(t *testing.T) {
	out, err := exec.Command("git", "-C", "../..", "ls-files").Output()
	if err != nil {
		t.Skipf("no git checkout to list: %v", err)
	}
	allowed := []string{".ci", ".gitignore", "CONTRIBUTING.md", "README.md", "cmd", "docs", "go.mod", "go.sum", "output", "scenarios", "sim"}
	for _, f := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		top, _, _ := strings.Cut(f, "/")
		if !slices.Contains(allowed, top) {
			t.Errorf("%s is tracked at the repository's top level, which holds only %v", f, allowed)
		}
	}
}
