// Package profile writes the CPU and heap profiles of a command
// (--cpuprofile, --memprofile) for go tool pprof: each file is written
// under a temporary name and put in place only when the command finishes,
// and an existing file is replaced only when asked (docs/ODD.md III.i).
package profile

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

// Flags are --cpuprofile and --memprofile, for go tool pprof.
type Flags struct {
	cpu, mem *string
}

// AddFlags adds --cpuprofile and --memprofile to fs.
func AddFlags(fs *flag.FlagSet) *Flags {
	return &Flags{
		cpu: fs.String("cpuprofile", "", "write a CPU profile of the simulation and the writing of its files to `FILE`, for go tool pprof (--force replaces an existing file)"),
		mem: fs.String("memprofile", "", "write a heap profile, taken at the end, to `FILE`, for go tool pprof (--force replaces an existing file)"),
	}
}

// ErrSameFile is a command line that asks for both profiles in one file.
var ErrSameFile = errors.New("--cpuprofile and --memprofile are the same file")

// Check refuses, before anything runs, a profile that would replace a file
// without force, or one file asked for twice.
func (p *Flags) Check(force bool) error {
	if *p.cpu != "" && *p.mem != "" && filepath.Clean(*p.cpu) == filepath.Clean(*p.mem) {
		return fmt.Errorf("%w, %s", ErrSameFile, *p.cpu)
	}
	for _, f := range []struct{ flag, path string }{{"--cpuprofile", *p.cpu}, {"--memprofile", *p.mem}} {
		if f.path == "" {
			continue
		}
		fi, err := os.Stat(f.path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if dir := filepath.Dir(f.path); !isDir(dir) {
				return fmt.Errorf("%s: cannot write %s: directory %s does not exist", f.flag, f.path, dir)
			}
		case err != nil:
			return fmt.Errorf("%s: %w", f.flag, err)
		case fi.IsDir():
			return fmt.Errorf("%s: %s is a directory", f.flag, f.path)
		case !force:
			return fmt.Errorf("%s: %s already exists; choose another file or pass --force to replace it", f.flag, f.path)
		}
	}
	return nil
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// Profiler writes the profiles of one command. Each is written to a
// hidden temporary file beside its final name, created at the start (so a
// path that cannot be written fails before the simulation, not after), and
// only a command that gets to finish puts it under its name: a failed or
// interrupted one leaves nothing (Discard).
type Profiler struct {
	force    bool
	cpu, mem *profileFile // nil when not asked for
	cpuOn    bool
}

// profileFile is one profile being written.
type profileFile struct {
	flag, path string
	tmp        *os.File // nil once closed
	tmpName    string   // "" once in place or removed
}

// Start checks the files (see Check), creates their temporaries and starts
// the CPU profile, if asked for. A deferred Discard must follow.
func (p *Flags) Start(force bool) (*Profiler, error) {
	if err := p.Check(force); err != nil {
		return nil, err
	}
	pr := &Profiler{force: force}
	var err error
	if *p.cpu != "" {
		if pr.cpu, err = createBeside("--cpuprofile", *p.cpu); err != nil {
			return nil, err
		}
	}
	if *p.mem != "" {
		if pr.mem, err = createBeside("--memprofile", *p.mem); err != nil {
			pr.Discard()
			return nil, err
		}
	}
	if pr.cpu != nil {
		if err := pprof.StartCPUProfile(pr.cpu.tmp); err != nil {
			pr.Discard()
			return nil, fmt.Errorf("--cpuprofile: %w", err)
		}
		pr.cpuOn = true
	}
	return pr, nil
}

// Finish ends the CPU profile, writes the heap profile after a garbage
// collection, and puts both under their names. Without force, a file that
// appeared there meanwhile is not replaced.
func (pr *Profiler) Finish() error {
	if pr.cpuOn {
		pprof.StopCPUProfile()
		pr.cpuOn = false
	}
	if pr.mem != nil {
		runtime.GC() // the heap profile shows the live heap as of the last collection
		if err := pprof.Lookup("heap").WriteTo(pr.mem.tmp, 0); err != nil {
			return fmt.Errorf("--memprofile: %w", err)
		}
	}
	for _, p := range []*profileFile{pr.cpu, pr.mem} {
		if p == nil {
			continue
		}
		err := p.tmp.Close()
		p.tmp = nil
		if err == nil {
			err = place(p.tmpName, p.path, pr.force)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", p.flag, err)
		}
		p.tmpName = ""
	}
	return nil
}

// Discard stops profiling, if still on, and removes the temporary files of
// the profiles not yet in place.
func (pr *Profiler) Discard() {
	if pr.cpuOn {
		pprof.StopCPUProfile()
		pr.cpuOn = false
	}
	for _, p := range []*profileFile{pr.cpu, pr.mem} {
		if p == nil {
			continue
		}
		if p.tmp != nil {
			p.tmp.Close()
			p.tmp = nil
		}
		if p.tmpName != "" {
			os.Remove(p.tmpName)
			p.tmpName = ""
		}
	}
}

// createBeside creates a hidden temporary file in path's directory, to be
// renamed to path.
func createBeside(flag, path string) (*profileFile, error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-")
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%s: cannot write %s: directory %s does not exist", flag, path, dir)
	case err != nil:
		return nil, fmt.Errorf("%s: cannot write %s: %v", flag, path, errors.Unwrap(err))
	}
	return &profileFile{flag: flag, path: path, tmp: f, tmpName: f.Name()}, nil
}

// place renames tmp to path. Without force it never replaces a file: it
// links tmp to path, which fails if path exists, and only where hard links
// are not supported falls back to looking first.
func place(tmp, path string, force bool) error {
	if err := os.Chmod(tmp, 0o644); err != nil { // CreateTemp makes files only the owner can read
		return fmt.Errorf("cannot write %s: %v", path, errors.Unwrap(err))
	}
	if !force {
		err := os.Link(tmp, path)
		switch {
		case err == nil:
			os.Remove(tmp) // the profile is in place; a stray temporary would be harmless
			return nil
		case errors.Is(err, fs.ErrExist):
			return fmt.Errorf("%s already exists; choose another file or pass --force to replace it", path)
		}
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("%s already exists; choose another file or pass --force to replace it", path)
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("cannot write %s: %v", path, errors.Unwrap(err))
	}
	return nil
}
