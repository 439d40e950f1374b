package scenarios

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// The shipped scenarios. Every one is also a test fixture (see Check).
//
//go:embed *.yaml
var embedded embed.FS

// Info describes an embedded scenario.
type Info struct {
	Name        string // what Load accepts
	Title       string
	Description string
}

// List returns the embedded scenarios sorted by name. One that does not load
// is listed with the problem as its description (Check reports it fully).
func List() []Info {
	var infos []Info
	for _, name := range embeddedNames() {
		s, err := Load(name, nil)
		if err != nil {
			first, _, _ := strings.Cut(err.Error(), "\n")
			infos = append(infos, Info{Name: name, Description: "does not load: " + first})
			continue
		}
		infos = append(infos, Info{Name: name, Title: s.Title, Description: s.Description})
	}
	return infos
}

// Check loads every embedded scenario and returns all their problems,
// including a name that differs from the file's (Load finds an embedded
// scenario by its file name).
func Check() error {
	var errs ErrorList
	for _, name := range embeddedNames() {
		s, err := Load(name, nil)
		var list ErrorList
		switch {
		case errors.As(err, &list):
			errs = append(errs, list...)
		case err != nil:
			errs = append(errs, &Error{File: name + ".yaml", Msg: err.Error()})
		case s.Name != name:
			errs = append(errs, &Error{File: name + ".yaml", Line: 1, Column: 1, Path: "name",
				Msg: fmt.Sprintf("%q differs from the file name %q", s.Name, name)})
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// notScenarios are the embedded YAML files that are not scenarios (the
// calibration targets, see targets.go).
var notScenarios = map[string]bool{"targets": true}

// embeddedNames lists the embedded scenarios by name, sorted.
func embeddedNames() []string {
	entries, _ := fs.ReadDir(embedded, ".")
	var names []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".yaml"); ok && !e.IsDir() && !notScenarios[n] {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

func isEmbedded(name string) bool {
	if !fs.ValidPath(name+".yaml") || strings.Contains(name, "/") || notScenarios[name] {
		return false
	}
	_, err := fs.Stat(embedded, name+".yaml")
	return err == nil
}

// fileRef is a scenario file: embedded, or on disk.
type fileRef struct {
	name     string // as reported in messages: the embedded file's name, or the path
	embedded bool
}

// key identifies the file, to detect a cycle of extends.
func (f fileRef) key() string {
	if f.embedded {
		return "embedded:" + f.name
	}
	if abs, err := filepath.Abs(f.name); err == nil {
		return "file:" + abs
	}
	return "file:" + filepath.Clean(f.name)
}

// looksLikePath reports whether ref must be a path rather than a scenario
// name.
func looksLikePath(ref string) bool {
	ext := strings.ToLower(filepath.Ext(ref))
	return strings.ContainsAny(ref, `/\`) || strings.ContainsRune(ref, filepath.Separator) ||
		ext == ".yaml" || ext == ".yml"
}

// refFromArg resolves Load's argument.
func refFromArg(ref string) (fileRef, error) {
	if ref == "" {
		return fileRef{}, errors.New("no scenario given")
	}
	if !looksLikePath(ref) {
		if isEmbedded(ref) {
			return fileRef{name: ref + ".yaml", embedded: true}, nil
		}
		if _, err := os.Stat(ref); err != nil {
			return fileRef{}, noScenario(ref)
		}
	}
	return fileRef{name: ref}, nil
}

// noScenario is the error for a name that is neither an embedded scenario
// nor a file: with the nearest embedded name when one is a near miss, and
// the list of all.
func noScenario(name string) error {
	hint := ""
	if c := closest(name, embeddedNames()); c != "" {
		hint = fmt.Sprintf("; did you mean %q?", c)
	}
	return fmt.Errorf("no embedded scenario or file named %q%s (embedded: %s)", name, hint, strings.Join(embeddedNames(), ", "))
}

// extends resolves the value of an extends key in file f: an embedded name,
// or a path relative to f's directory (for an embedded file, among the
// embedded files).
func (f fileRef) extends(v string) (fileRef, error) {
	if !looksLikePath(v) && isEmbedded(v) {
		return fileRef{name: v + ".yaml", embedded: true}, nil
	}
	if f.embedded {
		p := path.Clean(path.Join(path.Dir(f.name), v))
		if !fs.ValidPath(p) {
			return fileRef{}, fmt.Errorf("no embedded scenario %q", v)
		}
		if _, err := fs.Stat(embedded, p); err != nil {
			return fileRef{}, fmt.Errorf("no embedded scenario %q", v)
		}
		return fileRef{name: p, embedded: true}, nil
	}
	p := v
	if !filepath.IsAbs(p) {
		p = filepath.Join(filepath.Dir(f.name), v)
	}
	if _, err := os.Stat(p); err != nil && !looksLikePath(v) {
		return fileRef{}, noScenario(v)
	}
	return fileRef{name: p}, nil
}

// maxFileBytes bounds what Load reads: scenarios are a few kilobytes, and a
// path to a huge file should fail, not exhaust memory.
const maxFileBytes = 8 << 20

func (f fileRef) read() ([]byte, error) {
	if f.embedded {
		return fs.ReadFile(embedded, f.name)
	}
	file, err := os.Open(f.name)
	if err != nil {
		return nil, fmt.Errorf("cannot read: %w", unwrapPathError(err))
	}
	defer file.Close()
	st, err := file.Stat()
	if err != nil {
		return nil, fmt.Errorf("cannot read: %w", unwrapPathError(err))
	}
	if !st.Mode().IsRegular() {
		// Devices and pipes could block or never end.
		return nil, errors.New("cannot read: not a regular file")
	}
	data, err := io.ReadAll(io.LimitReader(file, maxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read: %w", unwrapPathError(err))
	}
	if len(data) > maxFileBytes {
		return nil, fmt.Errorf("cannot read: larger than %d bytes", maxFileBytes)
	}
	return data, nil
}

// unwrapPathError drops the path from an *fs.PathError: messages name the
// file already.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
