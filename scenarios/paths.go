package scenarios

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// target is the place in the parameters that a dotted path names: a field,
// an element of a plain list, or an entry of a map (which need not exist
// yet: setting regions.x.destinations.newcity adds a share).
type target struct {
	path string        // canonical form of the path
	v    reflect.Value // the field or element; for a map entry, the map
	key  string        // the map key, for a map entry
	ent  bool          // whether the target is a map entry
}

func (t target) typ() reflect.Type {
	if t.ent {
		return t.v.Type().Elem()
	}
	return t.v.Type()
}

// get returns a copy of the current value (the zero value for a map entry
// that does not exist yet).
func (t target) get() reflect.Value {
	x := reflect.New(t.typ()).Elem()
	if t.ent {
		if old := t.v.MapIndex(reflect.ValueOf(t.key)); old.IsValid() {
			deepCopy(x, old)
		}
		return x
	}
	deepCopy(x, t.v)
	return x
}

func (t target) set(x reflect.Value) {
	if t.ent {
		if t.v.IsNil() {
			t.v.Set(reflect.MakeMap(t.v.Type()))
		}
		t.v.SetMapIndex(reflect.ValueOf(t.key), x)
		return
	}
	t.v.Set(x)
}

// resolvePath finds the target of path in root (an addressable sim.Params).
// A path names struct fields by their yaml names, list elements by their
// name (cities.megacity), plain list elements by index
// (mental_health.relative_risk[2]) and map entries by key. The problem, if
// any, is returned as a message.
func resolvePath(root reflect.Value, path string) (target, string) {
	if path == "" {
		return target{}, "empty path"
	}
	segs := strings.Split(path, ".")
	cur, at := root, ""
	for i, seg := range segs {
		if seg == "" {
			return target{}, fmt.Sprintf("invalid path %q: empty element", path)
		}
		last := i == len(segs)-1
		switch {
		case cur.Kind() == reflect.Struct:
			name, index, hasIndex, ok := splitIndex(seg)
			if !ok {
				return target{}, fmt.Sprintf("invalid path element %q (a list index is written name[i])", seg)
			}
			fs := fieldsOf(cur.Type())
			f, found := fieldByName(fs, name)
			if !found {
				return target{}, unknownField(name, at, fieldNames(fs))
			}
			if name == "name" && at != "" {
				return target{}, fmt.Sprintf("%s: a name identifies its element and cannot be set (set the whole list instead)", joinPath(at, name))
			}
			cur, at = cur.Field(f.index), joinPath(at, name)
			if hasIndex {
				if cur.Kind() != reflect.Slice || isNamedList(cur.Type()) {
					if isNamedList(cur.Type()) {
						return target{}, fmt.Sprintf("%s elements are named, not numbered: write %s.<name>", at, at)
					}
					return target{}, fmt.Sprintf("%s is not a list", at)
				}
				if index >= cur.Len() {
					return target{}, fmt.Sprintf("%s has %d values, there is no [%d]", at, cur.Len(), index)
				}
				cur, at = cur.Index(index), fmt.Sprintf("%s[%d]", at, index)
			}
		case cur.Kind() == reflect.Slice && isNamedList(cur.Type()):
			j := -1
			names := make([]string, cur.Len())
			for k := range cur.Len() {
				names[k] = cur.Index(k).FieldByName("Name").String()
				if names[k] == seg {
					j = k
				}
			}
			if j < 0 {
				msg := fmt.Sprintf("no %s named %q", elemNoun(cur.Type()), seg)
				if s := closest(seg, names); s != "" {
					return target{}, msg + fmt.Sprintf(" (did you mean %q?)", s)
				}
				return target{}, msg + fmt.Sprintf(" (%s: %s)", at, strings.Join(names, ", "))
			}
			cur, at = cur.Index(j), joinPath(at, seg)
		case cur.Kind() == reflect.Slice:
			return target{}, fmt.Sprintf("%s is a list: name one value as %s[i]", at, at)
		case cur.Kind() == reflect.Map:
			if !last {
				return target{}, fmt.Sprintf("%s is %s and has no field %q", joinPath(at, seg), kindNoun(cur.Type().Elem()), segs[i+1])
			}
			return target{path: joinPath(at, seg), v: cur, key: seg, ent: true}, ""
		default:
			return target{}, fmt.Sprintf("%s is %s and has no field %q", at, kindNoun(cur.Type()), seg)
		}
	}
	return target{path: at, v: cur}, ""
}

// splitIndex splits "relative_risk[2]" into its name and index.
func splitIndex(seg string) (name string, index int, hasIndex, ok bool) {
	open := strings.IndexByte(seg, '[')
	if open < 0 {
		return seg, 0, false, !strings.ContainsRune(seg, ']')
	}
	if !strings.HasSuffix(seg, "]") || open == 0 {
		return "", 0, false, false
	}
	n, err := strconv.Atoi(seg[open+1 : len(seg)-1])
	if err != nil || n < 0 {
		return "", 0, false, false
	}
	return seg[:open], n, true, true
}

func unknownField(name, in string, allowed []string) string {
	where := ""
	if in != "" {
		where = " in " + in
	}
	if s := closest(name, allowed); s != "" {
		return fmt.Sprintf("unknown field %q%s (did you mean %q?)", name, where, s)
	}
	return fmt.Sprintf("unknown field %q%s (fields: %s)", name, where, strings.Join(allowed, ", "))
}

// deepCopy copies src into dst (settable, same type), copying slices and
// maps so that the two never share memory: epochs are handed to the engine
// and must not change under each other.
func deepCopy(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Struct:
		for i := range src.NumField() {
			if dst.Field(i).CanSet() {
				deepCopy(dst.Field(i), src.Field(i))
			}
		}
	case reflect.Slice:
		if src.IsNil() {
			dst.Set(reflect.Zero(src.Type()))
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := range src.Len() {
			deepCopy(s.Index(i), src.Index(i))
		}
		dst.Set(s)
	case reflect.Map:
		if src.IsNil() {
			dst.Set(reflect.Zero(src.Type()))
			return
		}
		m := reflect.MakeMapWithSize(src.Type(), src.Len())
		it := src.MapRange()
		for it.Next() {
			v := reflect.New(src.Type().Elem()).Elem()
			deepCopy(v, it.Value())
			m.SetMapIndex(it.Key(), v)
		}
		dst.Set(m)
	default:
		dst.Set(src)
	}
}
