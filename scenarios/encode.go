package scenarios

import (
	"bytes"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// YAML writes the resolved form of s: name, title, description, every field
// of the parameters (defaults included, in struct order, map keys sorted,
// numbers in their shortest exact form) and the reforms. It runs standalone,
// and loading it gives back s exactly.
func (s *Scenario) YAML() (out []byte, err error) {
	root := &yaml.Node{Kind: yaml.MappingNode}
	add := func(key string, val *yaml.Node) {
		root.Content = append(root.Content, strNode(key), val)
	}
	add("name", strNode(s.Name))
	add("title", strNode(s.Title))
	add("description", strNode(s.Description))
	params := encodeValue(reflect.ValueOf(s.Params))
	for _, sr := range s.Series {
		t, problem := resolvePath(reflect.ValueOf(&s.Params).Elem(), sr.Path)
		if problem != "" {
			return nil, fmt.Errorf("scenarios: dated values of %s: %s", sr.Path, problem)
		}
		m := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
		for _, p := range sr.Points {
			v := reflect.ValueOf(p.Value)
			if t.typ().Kind() == reflect.Int {
				v = reflect.ValueOf(int(p.Value))
			}
			m.Content = append(m.Content, plainNode(strconv.Itoa(p.Year)), plainNode(scalarText(v)))
		}
		if !replaceAt(params, sr.Path, m) {
			return nil, fmt.Errorf("scenarios: dated values of %s: no such field to write them at", sr.Path)
		}
	}
	root.Content = append(root.Content, params.Content...)
	if len(s.Reforms) > 0 {
		list := &yaml.Node{Kind: yaml.SequenceNode}
		for _, r := range s.Reforms {
			set := &yaml.Node{Kind: yaml.MappingNode}
			for _, a := range r.Set {
				v, err := flowNode(a.Value)
				if err != nil {
					return nil, fmt.Errorf("scenarios: reform of %d: %s: %w", r.Year, a.Path, err)
				}
				set.Content = append(set.Content, strNode(a.Path), v)
			}
			list.Content = append(list.Content, &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
				strNode("year"), plainNode(strconv.Itoa(r.Year)),
				strNode("over_years"), plainNode(strconv.Itoa(max(r.OverYears, 1))),
				strNode("note"), strNode(r.Note),
				strNode("set"), set,
			}})
		}
		add("reforms", list)
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, fmt.Errorf("scenarios: writing %s: %w", s.Name, err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("scenarios: writing %s: %w", s.Name, err)
	}
	return buf.Bytes(), nil
}

// encodeValue builds the node of a parameter value: blocks as block
// mappings, except small ones of numbers; plain lists and maps inline
// ([0, 0.05, 0.03, 0.02], {megacity: 0.4, town: 0.6}); named lists as lists
// of blocks.
func encodeValue(v reflect.Value) *yaml.Node {
	switch v.Kind() {
	case reflect.Struct:
		n := &yaml.Node{Kind: yaml.MappingNode}
		fs := fieldsOf(v.Type())
		small := len(fs) <= 3 // time, a Beta, rural teachers by stage: one line each
		for _, f := range fs {
			fv := v.Field(f.index)
			small = small && fv.Kind() != reflect.Struct && fv.Kind() != reflect.Slice && fv.Kind() != reflect.Map
			n.Content = append(n.Content, strNode(f.name), encodeValue(fv))
		}
		if small {
			n.Style = yaml.FlowStyle
		}
		return n
	case reflect.Slice:
		n := &yaml.Node{Kind: yaml.SequenceNode}
		if !isNamedList(v.Type()) {
			n.Style = yaml.FlowStyle
		}
		for i := range v.Len() {
			n.Content = append(n.Content, encodeValue(v.Index(i)))
		}
		return n
	case reflect.Map:
		n := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
		for _, k := range sortedKeys(v) {
			n.Content = append(n.Content, strNode(k), encodeValue(v.MapIndex(reflect.ValueOf(k))))
		}
		return n
	case reflect.String:
		return strNode(v.String())
	default:
		return plainNode(scalarText(v))
	}
}

// strNode is a string scalar; the encoder quotes it when it would otherwise
// read back as something else ("true", "2020").
func strNode(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

// plainNode is a scalar written as is (numbers and booleans).
func plainNode(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Value: s}
}

// flowNode parses a canonical value back into a node written inline.
func flowNode(text string) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		return nil, err
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return nil, fmt.Errorf("invalid value %q", text)
	}
	n := doc.Content[0]
	var flow func(*yaml.Node)
	flow = func(n *yaml.Node) {
		n.Line, n.Column = 0, 0
		n.HeadComment, n.LineComment, n.FootComment = "", "", ""
		if n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode {
			n.Style = yaml.FlowStyle
		}
		for _, c := range n.Content {
			flow(c)
		}
	}
	flow(n)
	return n, nil
}

// scalarText writes a number or boolean in canonical form.
func scalarText(v reflect.Value) string {
	switch v.Kind() {
	case reflect.Float64:
		return formatFloat(v.Float())
	case reflect.Int:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.String:
		return quote(v.String())
	}
	panic("scenarios: field of unsupported type " + v.Type().String())
}

// formatFloat is the shortest text that reads back as exactly x, in YAML's
// spelling of the non-finite values.
func formatFloat(x float64) string {
	switch {
	case math.IsNaN(x):
		return ".nan"
	case math.IsInf(x, 1):
		return ".inf"
	case math.IsInf(x, -1):
		return "-.inf"
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// render writes the value x that node n set, as a canonical YAML flow value
// (Assignment.Value). Blocks list only the keys n gives, since a mapping
// laid over a block leaves the other fields alone; lists, maps and scalars
// are written whole from their decoded value.
func render(n *yaml.Node, x reflect.Value) string {
	switch x.Kind() {
	case reflect.Struct:
		if n != nil && n.Kind != yaml.MappingNode {
			return "{}" // a null block, which changes nothing
		}
		var parts []string
		for _, f := range fieldsOf(x.Type()) {
			var c *yaml.Node
			if n != nil {
				if c = valueOf(n, f.name); c == nil {
					continue // not given: not changed
				}
			}
			parts = append(parts, quote(f.name)+": "+render(c, x.Field(f.index)))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case reflect.Slice:
		parts := make([]string, x.Len())
		for i := range parts {
			var c *yaml.Node
			if isNamedList(x.Type()) && n != nil && n.Kind == yaml.SequenceNode && i < len(n.Content) {
				c = n.Content[i]
			}
			parts[i] = render(c, x.Index(i))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case reflect.Map:
		var parts []string
		for _, k := range sortedKeys(x) {
			parts = append(parts, quote(k)+": "+render(nil, x.MapIndex(reflect.ValueOf(k))))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	default:
		return scalarText(x)
	}
}

// plainWord is what may be written unquoted in a flow value.
var plainWord = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_-]*$`)

// quote writes a string so that it reads back as the same string: plain
// when it is a simple word that YAML takes as a string, else double-quoted
// (Go's escapes are all valid YAML escapes for valid UTF-8).
func quote(s string) string {
	if plainWord.MatchString(s) {
		var n yaml.Node
		if yaml.Unmarshal([]byte(s), &n) == nil && len(n.Content) == 1 &&
			n.Content[0].ShortTag() == "!!str" && n.Content[0].Value == s {
			return s
		}
	}
	return strconv.Quote(s)
}

// replaceAt replaces the value at path (as in Assignment) in the encoded
// parameters n with val, and reports whether the path was found.
func replaceAt(n *yaml.Node, path string, val *yaml.Node) bool {
	segs := strings.Split(path, ".")
	for i, seg := range segs {
		name, index, hasIndex, ok := splitIndex(seg)
		if !ok {
			return false
		}
		var next **yaml.Node
		switch n.Kind {
		case yaml.MappingNode:
			for j := 0; j+1 < len(n.Content); j += 2 {
				if n.Content[j].Value == name {
					next = &n.Content[j+1]
					break
				}
			}
		case yaml.SequenceNode: // a named list
			for k, e := range n.Content {
				for j := 0; j+1 < len(e.Content); j += 2 {
					if e.Content[j].Value == "name" && e.Content[j+1].Value == name {
						next = &n.Content[k]
					}
				}
			}
		}
		if next == nil {
			return false
		}
		if hasIndex {
			if (*next).Kind != yaml.SequenceNode || index >= len((*next).Content) {
				return false
			}
			next = &(*next).Content[index]
		}
		if i == len(segs)-1 {
			*next = val
			n.Style = 0 // a block: dated values make a line too long to read inline
			return true
		}
		n = *next
	}
	return false
}
