package scenarios

import (
	"reflect"

	"go.yaml.in/yaml/v3"
)

// merge lays child over parent, both holding a value of type t, the way
// SCENARIO.md defines extends: mappings merge key by key, lists of named
// elements merge by name (a new name appends), everything else replaces.
// It works on nodes rather than decoded values so that every value keeps
// the position it was written at. Neither input is modified.
func (l *loader) merge(parent, child *yaml.Node, t reflect.Type) *yaml.Node {
	switch {
	case parent == nil:
		return child
	case child == nil:
		return parent
	}
	switch {
	case t.Kind() == reflect.Struct && isNull(child):
		return parent // an empty block in the child changes nothing
	case t.Kind() == reflect.Struct && both(parent, child, yaml.MappingNode):
		fs := fieldsOf(t)
		return l.mergeMappings(parent, child, func(key string) reflect.Type {
			if f, ok := fieldByName(fs, key); ok {
				return t.Field(f.index).Type
			}
			return nil
		})
	case t.Kind() == reflect.Map && both(parent, child, yaml.MappingNode):
		return l.mergeMappings(parent, child, func(string) reflect.Type { return t.Elem() })
	case isNamedList(t) && both(parent, child, yaml.SequenceNode):
		return l.mergeNamed(parent, child, t.Elem())
	}
	return child
}

func both(a, b *yaml.Node, k yaml.Kind) bool { return a.Kind == k && b.Kind == k }

// mergeMappings merges two mappings key by key: the parent's keys in their
// order (with the child's values where it has them), then the child's new
// keys. typeOf gives the type held under a key (nil: unknown, replace).
func (l *loader) mergeMappings(parent, child *yaml.Node, typeOf func(string) reflect.Type) *yaml.Node {
	out := l.shell(child)
	inChild := map[string]int{}
	for i := 0; i+1 < len(child.Content); i += 2 {
		if _, dup := inChild[child.Content[i].Value]; !dup {
			inChild[child.Content[i].Value] = i
		}
	}
	used := map[int]bool{}
	for i := 0; i+1 < len(parent.Content); i += 2 {
		key, val := parent.Content[i], parent.Content[i+1]
		if j, ok := inChild[key.Value]; ok && !used[j] {
			used[j] = true
			var merged *yaml.Node
			if t := typeOf(key.Value); t != nil {
				merged = l.merge(val, child.Content[j+1], t)
			} else {
				merged = child.Content[j+1]
			}
			out.Content = append(out.Content, child.Content[j], merged)
			continue
		}
		out.Content = append(out.Content, key, val)
	}
	for j := 0; j+1 < len(child.Content); j += 2 {
		if !used[j] {
			out.Content = append(out.Content, child.Content[j], child.Content[j+1])
		}
	}
	return out
}

// mergeNamed merges two lists of named elements by name.
func (l *loader) mergeNamed(parent, child *yaml.Node, elem reflect.Type) *yaml.Node {
	out := l.shell(child)
	out.Content = append(out.Content, parent.Content...)
	index := map[string]int{}
	for i, e := range out.Content {
		if name := nameOf(e); name != "" {
			if _, dup := index[name]; !dup {
				index[name] = i
			}
		}
	}
	for _, e := range child.Content {
		name := nameOf(e)
		if i, ok := index[name]; ok && name != "" {
			out.Content[i] = l.merge(out.Content[i], e, elem)
			continue
		}
		if name != "" {
			index[name] = len(out.Content)
		}
		out.Content = append(out.Content, e)
	}
	return out
}

// shell is an empty copy of a mapping or sequence node that reports at the
// same place as n.
func (l *loader) shell(n *yaml.Node) *yaml.Node {
	c := &yaml.Node{Kind: n.Kind, Tag: n.Tag, Style: n.Style, Line: n.Line, Column: n.Column}
	l.srcOf[c] = l.srcOf[n]
	return c
}

// nameOf returns the name of a list element node, "" if it has none.
func nameOf(e *yaml.Node) string {
	if e.Kind != yaml.MappingNode {
		return ""
	}
	if n := valueOf(e, "name"); n != nil && n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str" {
		return n.Value
	}
	return ""
}
