package scenarios

import (
	"fmt"
	"sort"
	"strings"
)

// Error is one problem in a scenario, located in a file or in a --set
// argument.
type Error struct {
	File   string // file name as given (embedded files by base name); "" for --set
	Line   int    // 1-based; 0 when the problem has no line (a file that cannot be read)
	Column int    // 1-based
	Set    string // the --set argument the problem comes from, "" otherwise
	// Flag is the command-line flag the Set stands for, when a command
	// made the --set from one of its own flags ("--years 0"): the error
	// then names the flag the user typed, not the --set.
	Flag string
	Path string // dotted field path, "" when the problem is not about one field
	Msg  string
}

func (e *Error) Error() string {
	var b strings.Builder
	switch {
	case e.Flag != "":
		b.WriteString(e.Flag)
	case e.Set != "":
		b.WriteString("--set ")
		b.WriteString(e.Set)
		// The argument already names its own path; repeat the path only when
		// the problem is elsewhere (a sum of shares the override broke).
		setPath, _, _ := strings.Cut(e.Set, "=")
		if e.Path != "" && e.Path != strings.TrimSpace(setPath) {
			b.WriteString(": ")
			b.WriteString(e.Path)
		}
	case e.Line > 0:
		fmt.Fprintf(&b, "%s:%d:%d", e.File, e.Line, e.Column)
		if e.Path != "" {
			b.WriteString(": ")
			b.WriteString(e.Path)
		}
	default:
		b.WriteString(e.File)
		if e.Path != "" {
			if e.File != "" {
				b.WriteString(": ")
			}
			b.WriteString(e.Path)
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ErrorList is every problem found in a scenario, sorted by file, line and
// column, with problems from --set arguments last in argument order.
type ErrorList []*Error

// Error lists one problem per line.
func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap lets errors.As reach a single problem.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// errorSet collects problems, dropping exact repeats: the same node is
// decoded once per file and again after the merge of an extends chain.
type errorSet struct {
	list ErrorList
	seen map[string]bool
	sets map[string]int // --set argument -> its position on the command line
}

func (s *errorSet) add(e *Error) {
	key := fmt.Sprintf("%s\x00%d\x00%d\x00%s\x00%s\x00%s", e.File, e.Line, e.Column, e.Set, e.Path, e.Msg)
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	if s.seen[key] {
		return
	}
	s.seen[key] = true
	s.list = append(s.list, e)
}

// result returns the sorted list, or nil (an untyped nil error) when empty.
func (s *errorSet) result() error {
	if len(s.list) == 0 {
		return nil
	}
	l := append(ErrorList(nil), s.list...)
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if (a.Set != "") != (b.Set != "") {
			return a.Set == ""
		}
		if a.Set != "" {
			return s.sets[a.Set] < s.sets[b.Set]
		}
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	return l
}

// pathsOverlap reports whether one dotted path is the other or lies inside
// it.
func pathsOverlap(a, b string) bool {
	return isWithin(a, b) || isWithin(b, a)
}

// isWithin reports whether path inner equals outer or names something inside
// it (a field, a list element or a map entry).
func isWithin(inner, outer string) bool {
	if inner == outer {
		return true
	}
	if !strings.HasPrefix(inner, outer) {
		return false
	}
	c := inner[len(outer)]
	return c == '.' || c == '['
}

// stripPseudo turns Validate's "regions (weight)" into "regions".
func stripPseudo(path string) string {
	if i := strings.Index(path, " ("); i >= 0 {
		return path[:i]
	}
	return path
}
