package rundir

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// A run killed with no chance to clean up (kill -9) leaves its hidden
// partial directory; the next run to the same place removes it, and says
// so, but leaves alone one whose owner still runs (issue 12, defect 7).
func TestCreateRemovesWhatKilledRunsLeft(t *testing.T) {
	parent := t.TempDir()
	final := filepath.Join(parent, "r")
	mk := func(name, owner string) string {
		p := filepath.Join(parent, name)
		if err := os.MkdirAll(p, 0o700); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(p, "metrics.csv"), []byte("half written"), 0o644)
		if owner != "" {
			os.WriteFile(filepath.Join(p, ownerFile), []byte(owner), 0o644)
		}
		return p
	}
	dead := mk(".r.partial-111", "2147483646")              // no such process
	noOwner := mk(".r.partial-222", "")                     // killed before it wrote its owner
	oldOnly := mk(".r.partial-333.old", "")                 // a replacement killed after its first rename
	live := mk(".r.partial-444", strconv.Itoa(os.Getpid())) // still being written
	other := mk(".q.partial-555", "2147483646")             // another run's: not ours to touch
	rd, err := Create(final, false)
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	got := rd.Removed()
	slices.Sort(got)
	if want := []string{dead, noOwner, oldOnly}; !slices.Equal(got, want) {
		t.Errorf("removed %v, want %v", got, want)
	}
	for _, p := range []string{live, other} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed: %v", p, err)
		}
	}
	// The new run's own partial directory names its owner until Commit.
	if err := rd.WriteFile("x.txt", func(f *os.File) error { _, err := f.WriteString("x"); return err }); err != nil {
		t.Fatal(err)
	}
	if err := rd.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(final, ownerFile)); err == nil {
		t.Errorf("the committed run keeps its %s", ownerFile)
	}
}

// A directory that another command put in place while this one ran is
// not replaced, and the message says what happened.
func TestCommitDoesNotReplaceANewcomer(t *testing.T) {
	path := filepath.Join(t.TempDir(), "run")
	d, err := Create(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := os.Mkdir(path, 0o755); err != nil { // the other command
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(path, "theirs"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err == nil || !strings.Contains(err.Error(), "appeared while this run was being written") {
		t.Errorf("commit over a newcomer: %v", err)
	}
	if _, err := os.Stat(filepath.Join(path, "theirs")); err != nil {
		t.Errorf("the newcomer's file: %v", err)
	}
}

// A default output name taken by a run of the same second gets a suffix
// (a second run no longer fails on a name the user never chose).
func TestFree(t *testing.T) {
	base := filepath.Join(t.TempDir(), "baseline-20261204-120000")
	if got := free(base); got != base {
		t.Errorf("free: %s, want %s", got, base)
	}
	for _, want := range []string{base + "-2", base + "-3"} {
		if err := os.Mkdir(free(base), 0o755); err != nil { // takes base, then base-2
			t.Fatal(err)
		}
		if got := free(base); got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	}
}
