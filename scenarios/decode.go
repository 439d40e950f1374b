package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/hukousim/hukousim/sim"
)

// The decoder below replaces yaml's own Decode: it is driven by the `yaml`
// tags of sim.Params like yaml's, but it reports every problem (not just the
// first), with the dotted path of the field, and it records which node set
// each value so that range errors found later by sim's Validate can point
// back into the file.

// origin is the node that last set a field's value; seq orders the changes
// (file values first, then --set arguments, then reforms).
type origin struct {
	node *yaml.Node
	seq  int
}

// recorder maps dotted paths to the node that set them.
type recorder struct {
	at  map[string]origin
	seq int
}

func newRecorder(root *yaml.Node) *recorder {
	return &recorder{at: map[string]origin{"": {node: root}}}
}

func (r *recorder) set(path string, n *yaml.Node) {
	if r != nil {
		r.at[path] = origin{node: n, seq: r.seq}
	}
}

// clearInside forgets what set the parts of path: a list or map given whole
// replaces them.
func (r *recorder) clearInside(path string) {
	if r == nil {
		return
	}
	for p := range r.at {
		if p != path && isWithin(p, path) {
			delete(r.at, p)
		}
	}
}

// lookup returns the node to blame for a problem at path: the node that set
// the value, else the nearest enclosing block that the files mention (a
// default has no node of its own). A change made later inside path is the
// likelier culprit of a problem with the whole (one reform's share breaks a
// sum), so it wins over an older node for path itself.
func (r *recorder) lookup(path string) *yaml.Node {
	path = stripPseudo(path)
	best := r.at[""]
	for p := path; ; p = parentPath(p) {
		if o, ok := r.at[p]; ok {
			best = o
			break
		}
		if p == "" {
			break
		}
	}
	var inner origin
	innerPath, found := "", false
	for p, o := range r.at {
		if p == path || !isWithin(p, path) {
			continue
		}
		// Ties go to the smallest path so that map order never shows.
		if !found || o.seq > inner.seq || (o.seq == inner.seq && p < innerPath) {
			inner, innerPath, found = o, p, true
		}
	}
	if found && inner.seq > best.seq {
		return inner.node
	}
	return best.node
}

// parentPath drops the last element of a dotted path ("a.b[2]" -> "a.b").
func parentPath(p string) string {
	i := strings.LastIndexAny(p, ".[")
	if i < 0 {
		return ""
	}
	return p[:i]
}

func joinPath(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "." + name
}

// decoder lays YAML nodes over Go values. With rec nil it only checks.
type decoder struct {
	l   *loader
	rec *recorder
	// dated accepts a mapping of years to values for a numeric field (a
	// Series): in the parameters and --set, not in a reform.
	dated bool
}

// value decodes n into v (settable), reporting problems under path. It
// reports whether n was decoded without a problem.
func (d *decoder) value(n *yaml.Node, v reflect.Value, path string) bool {
	d.rec.set(path, n)
	switch v.Kind() {
	case reflect.Struct:
		return d.structure(n, v, path)
	case reflect.Slice:
		if isNamedList(v.Type()) {
			return d.namedList(n, v, path)
		}
		return d.list(n, v, path)
	case reflect.Map:
		return d.mapping(n, v, path)
	default:
		if k := v.Kind(); n.Kind == yaml.MappingNode && (k == reflect.Int || k == reflect.Float64) {
			return d.series(n, v, path)
		}
		x, ok := d.scalar(n, v.Type(), path)
		if ok {
			v.Set(x)
		}
		return ok
	}
}

// structure lays the keys of mapping n over the fields of struct v; fields
// not mentioned keep their value (a default, or the parent scenario's).
func (d *decoder) structure(n *yaml.Node, v reflect.Value, path string) bool {
	if isNull(n) {
		return true // an empty block ("policy:" with every line commented out)
	}
	if n.Kind != yaml.MappingNode {
		d.l.errorAt(n, path, "expected a mapping, got %s", describe(n))
		return false
	}
	fields := fieldsOf(v.Type())
	ok := true
	d.pairs(n, path, func(key, val *yaml.Node) {
		f, found := fieldByName(fields, key.Value)
		if !found {
			d.l.errorAt(key, path, "%s", unknownKey(key.Value, fieldNames(fields)))
			ok = false
			return
		}
		if !d.value(val, v.Field(f.index), joinPath(path, f.name)) {
			ok = false
		}
	})
	return ok
}

// pairs calls fn for each key of mapping n after checking that the key is a
// plain string that occurs once.
func (d *decoder) pairs(n *yaml.Node, path string, fn func(key, val *yaml.Node)) {
	first := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		if !d.checkKey(key, path, first) {
			continue
		}
		fn(key, val)
	}
}

// checkKey reports a key that is not a scalar, is a merge key, or repeats an
// earlier key of the same mapping.
func (d *decoder) checkKey(key *yaml.Node, path string, first map[string]*yaml.Node) bool {
	switch {
	case key.Kind != yaml.ScalarNode:
		d.l.errorAt(key, path, "keys must be plain strings, got %s", describe(key))
		return false
	case key.ShortTag() == "!!merge":
		d.l.errorAt(key, path, "merge keys (<<) are not supported; write the keys out, or use extends")
		return false
	}
	if prev, dup := first[key.Value]; dup {
		d.l.errorAt(key, path, "duplicate key %q (first at line %d)", key.Value, prev.Line)
		return false
	}
	first[key.Value] = key
	return true
}

// namedList decodes a list whose elements are named by their `name` field.
// The list replaces the old one; each element starts from the type's
// default (sim.DefaultCity, sim.DefaultRegion) and is laid over it.
func (d *decoder) namedList(n *yaml.Node, v reflect.Value, path string) bool {
	if n.Kind != yaml.SequenceNode {
		d.l.errorAt(n, path, "expected a list, got %s", describe(n))
		return false
	}
	d.rec.clearInside(path)
	elem := v.Type().Elem()
	out := reflect.MakeSlice(v.Type(), 0, len(n.Content))
	first := map[string]*yaml.Node{}
	ok := true
	for i, en := range n.Content {
		ipath := fmt.Sprintf("%s[%d]", path, i)
		if en.Kind != yaml.MappingNode {
			d.l.errorAt(en, ipath, "expected a mapping, got %s", describe(en))
			ok = false
			continue
		}
		nameNode := valueOf(en, "name")
		var name string
		switch {
		case nameNode == nil:
			d.l.errorAt(en, ipath+".name", "is required: list elements are named by it")
			ok = false
		case nameNode.Kind != yaml.ScalarNode || nameNode.ShortTag() != "!!str":
			// Decoding the element reports the wrong type.
		case nameNode.Value == "":
			d.l.errorAt(nameNode, ipath+".name", "must not be empty")
			ok = false
		default:
			name = nameNode.Value
			if prev, dup := first[name]; dup {
				d.l.errorAt(nameNode, path, "duplicate name %q (first at line %d)", name, prev.Line)
				ok = false
				continue
			}
			first[name] = nameNode
		}
		epath := ipath
		if name != "" {
			epath = joinPath(path, name)
		}
		x := newElem(elem)
		d.rec.set(ipath, en)
		if !d.value(en, x, epath) {
			ok = false
		}
		out = reflect.Append(out, x)
	}
	if out.Len() == 0 {
		out = reflect.Zero(v.Type()) // nil, so that written-out [] reads back equal
	}
	v.Set(out)
	return ok
}

// list decodes a plain list, which replaces the old one.
func (d *decoder) list(n *yaml.Node, v reflect.Value, path string) bool {
	if n.Kind != yaml.SequenceNode {
		d.l.errorAt(n, path, "expected a list, got %s", describe(n))
		return false
	}
	d.rec.clearInside(path)
	out := reflect.Zero(v.Type())
	if len(n.Content) > 0 {
		out = reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	}
	ok := true
	for i, en := range n.Content {
		if !d.value(en, out.Index(i), fmt.Sprintf("%s[%d]", path, i)) {
			ok = false
		}
	}
	v.Set(out)
	return ok
}

// mapping decodes a map keyed by string (destination shares), which
// replaces the old one.
func (d *decoder) mapping(n *yaml.Node, v reflect.Value, path string) bool {
	if n.Kind != yaml.MappingNode {
		d.l.errorAt(n, path, "expected a mapping, got %s", describe(n))
		return false
	}
	d.rec.clearInside(path)
	out := reflect.Zero(v.Type())
	ok := true
	d.pairs(n, path, func(key, val *yaml.Node) {
		x := reflect.New(v.Type().Elem()).Elem()
		if !d.value(val, x, joinPath(path, key.Value)) {
			ok = false
			return
		}
		if out.IsNil() {
			out = reflect.MakeMap(v.Type())
		}
		out.SetMapIndex(reflect.ValueOf(key.Value).Convert(v.Type().Key()), x)
	})
	v.Set(out)
	return ok
}

// scalar converts a scalar node to a value of type t.
func (d *decoder) scalar(n *yaml.Node, t reflect.Type, path string) (reflect.Value, bool) {
	bad := func() (reflect.Value, bool) {
		d.l.errorAt(n, path, "expected %s, got %s", kindNoun(t), describe(n))
		return reflect.Value{}, false
	}
	if n.Kind != yaml.ScalarNode {
		return bad()
	}
	x, err := scalarOf(n)
	if err != nil {
		d.l.errorAt(n, path, "invalid value: %s", strings.TrimPrefix(err.Error(), "yaml: "))
		return reflect.Value{}, false
	}
	out := reflect.New(t).Elem()
	switch t.Kind() {
	case reflect.Float64:
		f, isNum := asFloat(x)
		if !isNum {
			return bad()
		}
		if f == 0 {
			f = 0 // -0 would print as "-0", which reads back as the integer 0
		}
		out.SetFloat(f)
	case reflect.Int:
		i, isInt := asInt(x)
		if !isInt {
			if f, isNum := asFloat(x); isNum {
				d.l.errorAt(n, path, "expected an integer, got %s", formatFloat(f))
				return reflect.Value{}, false
			}
			return bad()
		}
		if out.OverflowInt(i) {
			d.l.errorAt(n, path, "integer %d is too large", i)
			return reflect.Value{}, false
		}
		out.SetInt(i)
	case reflect.Bool:
		b, isBool := x.(bool)
		if !isBool {
			return bad()
		}
		out.SetBool(b)
	case reflect.String:
		s, isStr := x.(string)
		if !isStr || n.ShortTag() != "!!str" {
			return bad()
		}
		out.SetString(s)
	default:
		panic("scenarios: field of unsupported type " + t.String())
	}
	return out, true
}

// scalarOf resolves a scalar the way the YAML library does (tags, number
// syntaxes, .inf), so that files mean what any YAML tool says they mean.
func scalarOf(n *yaml.Node) (x any, err error) {
	switch n.ShortTag() {
	case "!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp":
	default:
		return nil, fmt.Errorf("unsupported tag %s", n.ShortTag())
	}
	err = n.Decode(&x)
	return x, err
}

func asFloat(x any) (float64, bool) {
	switch x := x.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint64:
		return float64(x), true
	}
	return 0, false
}

// asInt accepts integers, and floats that hold one exactly (households:
// 2e5 is a natural way to write 200000).
func asInt(x any) (int64, bool) {
	switch x := x.(type) {
	case int:
		return int64(x), true
	case int64:
		return x, true
	case uint64:
		if x <= math.MaxInt64 {
			return int64(x), true
		}
	case float64:
		if x == math.Trunc(x) && math.Abs(x) <= 1<<53 {
			return int64(x), true
		}
	}
	return 0, false
}

// describe names what a node holds, for "expected X, got Y" messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
	default:
		return "an alias"
	}
	v := n.Value
	if utf8.RuneCountInString(v) > 40 {
		v = string([]rune(v)[:40]) + "..."
	}
	switch n.ShortTag() {
	case "!!str":
		return "string " + strconv.Quote(v)
	case "!!null":
		return "null"
	case "!!timestamp":
		return "date " + v
	case "!!int", "!!float", "!!bool":
		return v
	}
	return n.ShortTag() + " " + strconv.Quote(v)
}

// kindNoun names what a Go type expects.
func kindNoun(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Float64:
		return "a number"
	case reflect.Int:
		return "an integer"
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "a string"
	case reflect.Slice:
		if isNamedList(t) {
			return "a list of named elements"
		}
		return "a list"
	case reflect.Map, reflect.Struct:
		return "a mapping"
	}
	return t.String()
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// valueOf returns the value of key in mapping n (the first, if repeated).
func valueOf(n *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Kind == yaml.ScalarNode && k.Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// field is a struct field as scenario files name it.
type field struct {
	name  string
	index int
}

func fieldsOf(t reflect.Type) []field {
	fs := make([]field, 0, t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" || !f.IsExported() {
			continue
		}
		fs = append(fs, field{name: name, index: i})
	}
	return fs
}

func fieldByName(fs []field, name string) (field, bool) {
	for _, f := range fs {
		if f.name == name {
			return f, true
		}
	}
	return field{}, false
}

func fieldNames(fs []field) []string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.name
	}
	return names
}

// isNamedList reports whether t is a list of structs named by a `name`
// field (regions, cities), merged and addressed by name.
func isNamedList(t reflect.Type) bool {
	if t.Kind() != reflect.Slice || t.Elem().Kind() != reflect.Struct {
		return false
	}
	f, ok := t.Elem().FieldByName("Name")
	return ok && f.Type.Kind() == reflect.String && strings.HasPrefix(f.Tag.Get("yaml"), "name")
}

// newElem is the value a new list element starts from.
func newElem(t reflect.Type) reflect.Value {
	v := reflect.New(t).Elem()
	switch t {
	case reflect.TypeFor[sim.Region]():
		v.Set(reflect.ValueOf(sim.DefaultRegion()))
	case reflect.TypeFor[sim.City]():
		v.Set(reflect.ValueOf(sim.DefaultCity()))
	}
	return v
}

// elemNoun names one element of a named list in messages ("city").
func elemNoun(t reflect.Type) string {
	return strings.ToLower(t.Elem().Name())
}

// unknownKey says what is wrong with key: the near miss if there is one,
// else every key allowed there.
func unknownKey(key string, allowed []string) string {
	if s := closest(key, allowed); s != "" {
		return fmt.Sprintf("unknown key %q (did you mean %q?)", key, s)
	}
	return fmt.Sprintf("unknown key %q (allowed: %s)", key, strings.Join(allowed, ", "))
}

// closest returns the option nearest to s by edit distance (a swap of two
// neighbouring letters counting as one edit), if within 2 edits.
// Closest is the option nearest s within two edits, or "" (for the
// commands' "did you mean" hints).
func Closest(s string, options []string) string { return closest(s, options) }

func closest(s string, options []string) string {
	best, bestD := "", 3
	for _, o := range options {
		if d := editDistance(s, o); d < bestD {
			best, bestD = o, d
		}
	}
	return best
}

// editDistance is the optimal string alignment distance between a and b,
// by rune.
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	if len(x) > 64 || len(y) > 64 {
		if a == b {
			return 0
		}
		return 3 // long strings are never near misses worth the quadratic cost
	}
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}

// sortedKeys returns the keys of a map with string keys, sorted.
func sortedKeys(m reflect.Value) []string {
	keys := make([]string, 0, m.Len())
	for _, k := range m.MapKeys() {
		keys = append(keys, k.String())
	}
	sort.Strings(keys)
	return keys
}
