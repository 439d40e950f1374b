package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// source is where a node was written: a file, or a --set argument.
type source struct {
	file string // file name as reported
	set  string // the whole --set argument, when the node came from one
}

// loader holds the state of one Load: which source every node came from and
// the problems found so far. Nothing in it outlives the call.
type loader struct {
	srcOf    map[*yaml.Node]*source
	errs     errorSet
	reported map[string]bool // Validate problems already reported, by path and message
	series   []*seriesSrc    // the dated values of the parameters
	// badSeries are the fields whose dated values have a problem already
	// reported: the interpolated years between are not reported again.
	badSeries map[string]bool
	// seriesStarted and seriesDead are, by step owner, the dated values
	// whose first change has applied, and those a reform ended before it.
	seriesStarted, seriesDead map[int]bool
}

func newLoader() *loader {
	return &loader{srcOf: map[*yaml.Node]*source{}}
}

// errorAt records a problem at node n, about the field at path.
func (l *loader) errorAt(n *yaml.Node, path, format string, args ...any) {
	e := &Error{Path: path, Msg: fmt.Sprintf(format, args...)}
	l.locate(e, n)
	l.errs.add(e)
}

// locate fills in e's file, line and column (or --set argument) from n.
func (l *loader) locate(e *Error, n *yaml.Node) {
	if n == nil {
		return
	}
	src := l.srcOf[n]
	if src == nil {
		return
	}
	if src.set != "" {
		e.Set = src.set
		return
	}
	e.File, e.Line, e.Column = src.file, n.Line, n.Column
	if e.Line < 1 {
		e.Line, e.Column = 1, 1
	}
}

// yamlLine matches the library's error text, which has a line but no column.
var yamlLine = regexp.MustCompile(`(?s)^yaml: line (\d+): (.*)$`)

var unknownAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)

// parse reads one YAML document into a node tree with aliases expanded, every
// node registered as coming from src. It returns nil after recording a
// problem when the text is not one well-formed, non-empty document.
func (l *loader) parse(data []byte, src *source) (root *yaml.Node) {
	fail := func(line int, format string, args ...any) {
		e := &Error{File: src.file, Set: src.set, Line: line, Column: 1, Msg: fmt.Sprintf(format, args...)}
		if src.set != "" {
			e.File, e.Line, e.Column = "", 0, 0
		}
		l.errs.add(e)
	}
	// The YAML library reports problems by panicking internally and
	// recovering; anything that escapes is still bad input, not our bug, and
	// must not take the caller down.
	defer func() {
		if r := recover(); r != nil {
			fail(1, "invalid yaml: %v", r)
			root = nil
		}
	}()
	empty := "empty file"
	if src.set != "" {
		empty = "no value after '='"
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			fail(1, "%s", empty)
			return nil
		}
		line, msg := 1, err.Error()
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
			if strings.HasPrefix(msg, "did not find expected") {
				// The library's parser errors count lines from 0 (its
				// scanner errors from 1): an unclosed [ on line 6 comes as
				// "line 5". Past the last line (the end of the file) is
				// the last line.
				line = min(line+1, max(1, bytes.Count(bytes.TrimRight(data, "\n"), []byte("\n"))+1))
			}
		} else {
			msg = strings.TrimPrefix(msg, "yaml: ")
			if m := unknownAnchor.FindStringSubmatch(msg); m != nil {
				// The library gives no line for this one; the first use of
				// the alias is where it is.
				if i := bytes.Index(data, []byte("*"+m[1])); i >= 0 {
					line = 1 + bytes.Count(data[:i], []byte("\n"))
				}
			}
		}
		fail(line, "invalid yaml: %s", msg)
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		line := extra.Line
		if err != nil || line < 1 {
			line = 1
		}
		fail(line, "more than one yaml document (a scenario is one document)")
		return nil
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		fail(1, "%s", empty)
		return nil
	}
	x := &expander{l: l, src: src, budget: 20000 + 20*countNodes(doc.Content[0], 0)}
	root = x.expand(doc.Content[0])
	if x.failed {
		return nil
	}
	if root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null" && src.set == "" {
		fail(1, "empty file")
		return nil
	}
	return root
}

// countNodes counts the nodes written in the file (aliases not followed).
func countNodes(n *yaml.Node, depth int) int {
	if n == nil || depth > 10000 {
		return 0
	}
	c := 1
	for _, k := range n.Content {
		c += countNodes(k, depth+1)
	}
	return c
}

// expander copies a node tree, replacing every alias by a copy of its
// anchor's value, so that the rest of the package sees plain trees. The
// budget bounds the copy, since a few nested aliases can stand for billions
// of nodes, and an anchor that contains its own alias is a cycle.
type expander struct {
	l      *loader
	src    *source
	budget int
	active map[*yaml.Node]bool
	failed bool
}

func (x *expander) expand(n *yaml.Node) *yaml.Node {
	if x.failed {
		return nil
	}
	x.budget--
	if x.budget < 0 {
		x.fail(n, "too many aliases: the expanded document is too large")
		return nil
	}
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil || x.active[n.Alias] {
			x.fail(n, "alias *%s refers to a node that contains it", n.Value)
			return nil
		}
		c := x.expand(n.Alias)
		if c == nil {
			return nil
		}
		// Problems in an aliased value are reported where the alias is used.
		c.Line, c.Column = n.Line, n.Column
		return c
	}
	if x.active == nil {
		x.active = map[*yaml.Node]bool{}
	}
	x.active[n] = true
	defer delete(x.active, n)
	c := &yaml.Node{
		Kind: n.Kind, Style: n.Style, Tag: n.Tag, Value: n.Value,
		Line: n.Line, Column: n.Column,
	}
	x.l.srcOf[c] = x.src
	if len(n.Content) > 0 {
		c.Content = make([]*yaml.Node, len(n.Content))
		for i, k := range n.Content {
			if c.Content[i] = x.expand(k); c.Content[i] == nil {
				return nil
			}
		}
	}
	return c
}

func (x *expander) fail(n *yaml.Node, format string, args ...any) {
	if x.failed {
		return
	}
	x.failed = true
	e := &Error{Msg: fmt.Sprintf(format, args...)}
	if x.src.set != "" {
		e.Set = x.src.set
	} else {
		e.File, e.Line, e.Column = x.src.file, max(n.Line, 1), max(n.Column, 1)
	}
	x.l.errs.add(e)
}
