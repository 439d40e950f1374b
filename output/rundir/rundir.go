// Package rundir writes a directory of results that appears under its
// name only when complete: files go into a hidden sibling, which Commit
// renames; an interrupted or failed command leaves nothing under a final
// name, and a later one removes what a killed one left (docs/ODD.md III.i).
package rundir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Dir is a run directory being written. Files go into a hidden sibling
// directory, which Commit renames to the final name; Abort removes it. An
// interrupted run therefore leaves no file under a final name.
type Dir struct {
	final     string
	tmp       string
	force     bool
	committed bool
	removed   []string
}

// Create starts a run directory at path. An existing path is an error unless
// force is set, in which case it is replaced at Commit (and only then).
func Create(path string, force bool) (*Dir, error) {
	path = filepath.Clean(path)
	if fi, err := os.Stat(path); err == nil {
		if !force {
			return nil, fmt.Errorf("output: %s already exists; choose another --out or pass --force to replace it", path)
		}
		if !fi.IsDir() {
			return nil, fmt.Errorf("output: %s exists and is not a directory; will not replace it", path)
		}
		if _, err := os.Stat(filepath.Join(path, "manifest.json")); err != nil {
			return nil, fmt.Errorf("output: %s is not a hukousim run directory (no manifest.json); will not replace it even with --force", path)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("output: %w", err)
	}
	parent := filepath.Dir(path)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output: cannot create %s: %w", parent, err)
	}
	removed := removeStale(parent, "."+filepath.Base(path)+".partial-")
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(path)+".partial-")
	if err != nil {
		return nil, fmt.Errorf("output: cannot write in %s: %w", parent, err)
	}
	// The owner's process id, so that a later run can tell a directory
	// left by a killed run from one still being written.
	if err := os.WriteFile(filepath.Join(tmp, ownerFile), []byte(strconv.Itoa(os.Getpid())), 0o644); err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("output: cannot write in %s: %w", parent, err)
	}
	return &Dir{final: path, tmp: tmp, force: force, removed: removed}, nil
}

// ownerFile holds the process id of the run writing a partial directory;
// Commit removes it.
const ownerFile = ".owner"

// removeStale removes the hidden partial directories (and the .old ones
// of an interrupted replacement) that a run to the same place left when it
// was killed without a chance to clean up (kill -9, a power cut): those
// whose owner process is gone, or that name no owner. A directory whose
// owner still runs is left alone. It returns the paths removed.
func removeStale(parent, prefix string) []string {
	matches, _ := filepath.Glob(filepath.Join(parent, prefix+"*"))
	var removed []string
	for _, m := range matches {
		dir := strings.TrimSuffix(m, ".old")
		if b, err := os.ReadFile(filepath.Join(dir, ownerFile)); err == nil {
			if pid, err := strconv.Atoi(string(b)); err == nil && processAlive(pid) {
				continue
			}
		} else if dir != m {
			// An .old directory whose partial sibling has gone: the
			// replacement was interrupted after its rename.
			if _, err := os.Stat(dir); err == nil {
				continue
			}
		}
		if os.RemoveAll(m) == nil {
			removed = append(removed, m)
		}
	}
	return removed
}

// Removed lists the directories left by killed runs that Create removed.
func (d *Dir) Removed() []string { return d.removed }

// Path is the final path of the directory.
func (d *Dir) Path() string { return d.final }

// WriteFile writes one file of the directory through write, under a
// temporary name first.
func (d *Dir) WriteFile(name string, write func(f *os.File) error) error {
	p := filepath.Join(d.tmp, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	f, err := os.CreateTemp(filepath.Dir(p), "."+filepath.Base(p)+".tmp-")
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	werr := write(f)
	if werr == nil {
		werr = f.Chmod(0o644) // CreateTemp makes files only the owner can read
	}
	cerr := f.Close()
	if werr == nil {
		werr = cerr
	}
	if werr != nil {
		os.Remove(f.Name())
		return fmt.Errorf("output: writing %s: %w", name, werr)
	}
	if err := os.Rename(f.Name(), p); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

// Commit moves the finished directory to its final name, replacing an old
// run directory there if force was given.
func (d *Dir) Commit() error {
	if d.force {
		if _, err := os.Stat(d.final); err == nil {
			old := d.tmp + ".old"
			if err := os.Rename(d.final, old); err != nil {
				return fmt.Errorf("output: cannot replace %s: %w", d.final, err)
			}
			defer os.RemoveAll(old)
		}
	}
	if err := os.Remove(filepath.Join(d.tmp, ownerFile)); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if err := os.Chmod(d.tmp, 0o755); err != nil { // MkdirTemp makes it private
		return fmt.Errorf("output: %w", err)
	}
	if err := os.Rename(d.tmp, d.final); err != nil {
		if _, serr := os.Stat(d.final); serr == nil {
			// Another command created it while this one ran.
			return fmt.Errorf("output: %s appeared while this run was being written (another run to the same place?); nothing was replaced, choose another --out", d.final)
		}
		return fmt.Errorf("output: cannot move the run into %s: %w", d.final, err)
	}
	d.committed = true
	return nil
}

// Close removes everything written unless the directory was committed: a
// deferred Close leaves nothing behind when a command fails or is
// interrupted.
func (d *Dir) Close() {
	if !d.committed {
		d.Abort()
	}
}

// Abort removes everything written so far.
func (d *Dir) Abort() { os.RemoveAll(d.tmp) }

// Sub is a view of the directory that writes under prefix (a relative
// path), for runs nested in a comparison's directory. It is committed and
// aborted with its parent.
func (d *Dir) Sub(prefix string) *Dir {
	return &Dir{final: filepath.Join(d.final, prefix), tmp: filepath.Join(d.tmp, prefix)}
}

// Same reports whether a and b are one directory path.
func Same(a, b string) bool {
	x, err1 := filepath.Abs(a)
	y, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && filepath.Clean(x) == filepath.Clean(y)
}

// Default is the directory out names, or by default runs/STEM-TIMESTAMP
// (the time now), with -2, -3… when a run of the same second has taken
// that name: a default never collides with a run the user did not ask to
// replace.
func Default(out, stem string) string {
	if out != "" {
		return out
	}
	return free(filepath.Join("runs", stem+"-"+time.Now().Format("20060102-150405")))
}

// free is base, or base-2, base-3… if base exists.
func free(base string) string {
	name := base
	for i := 2; ; i++ {
		if _, err := os.Lstat(name); errors.Is(err, fs.ErrNotExist) {
			return name
		}
		name = fmt.Sprintf("%s-%d", base, i)
	}
}
