package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// RunDir is a run directory being written. Files go into a hidden sibling
// directory, which Commit renames to the final name; Abort removes it. An
// interrupted run therefore leaves no file under a final name.
type RunDir struct {
	final     string
	tmp       string
	force     bool
	committed bool
}

// Create starts a run directory at path. An existing path is an error unless
// force is set, in which case it is replaced at Commit (and only then).
func Create(path string, force bool) (*RunDir, error) {
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
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(path)+".partial-")
	if err != nil {
		return nil, fmt.Errorf("output: cannot write in %s: %w", parent, err)
	}
	return &RunDir{final: path, tmp: tmp, force: force}, nil
}

// Path is the final path of the directory.
func (d *RunDir) Path() string { return d.final }

// WriteFile writes one file of the directory through write, under a
// temporary name first.
func (d *RunDir) WriteFile(name string, write func(f *os.File) error) error {
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
func (d *RunDir) Commit() error {
	if d.force {
		if _, err := os.Stat(d.final); err == nil {
			old := d.tmp + ".old"
			if err := os.Rename(d.final, old); err != nil {
				return fmt.Errorf("output: cannot replace %s: %w", d.final, err)
			}
			defer os.RemoveAll(old)
		}
	}
	if err := os.Chmod(d.tmp, 0o755); err != nil { // MkdirTemp makes it private
		return fmt.Errorf("output: %w", err)
	}
	if err := os.Rename(d.tmp, d.final); err != nil {
		return fmt.Errorf("output: cannot move the run into %s: %w", d.final, err)
	}
	d.committed = true
	return nil
}

// Close removes everything written unless the directory was committed: a
// deferred Close leaves nothing behind when a command fails or is
// interrupted.
func (d *RunDir) Close() {
	if !d.committed {
		d.Abort()
	}
}

// Abort removes everything written so far.
func (d *RunDir) Abort() { os.RemoveAll(d.tmp) }

// Sub is a view of the directory that writes under prefix (a relative
// path), for runs nested in a comparison's directory. It is committed and
// aborted with its parent.
func (d *RunDir) Sub(prefix string) *RunDir {
	return &RunDir{final: filepath.Join(d.final, prefix), tmp: filepath.Join(d.tmp, prefix)}
}
