package scenarios

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/hukousim/hukousim/sim"
)

// Leaf is one value of the parameters, named by its dotted path, with the
// meaning and unit of its field (from sim's struct tags).
type Leaf struct {
	Path, Value, Doc, Unit string
}

// Flatten lists every value of p in field order: list elements by name, map
// entries by sorted key, plain lists whole.
func Flatten(p *sim.Params) []Leaf {
	var out []Leaf
	flatten(reflect.ValueOf(p).Elem(), "", &out)
	return out
}

func flatten(v reflect.Value, path string, out *[]Leaf) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := strings.Split(f.Tag.Get("yaml"), ",")[0]
		fp := join(path, name)
		fv := v.Field(i)
		doc, unit := f.Tag.Get("doc"), f.Tag.Get("unit")
		switch {
		case fv.Kind() == reflect.Struct:
			flatten(fv, fp, out)
		case fv.Kind() == reflect.Slice && fv.Type().Elem().Kind() == reflect.Struct:
			for j := 0; j < fv.Len(); j++ {
				el := fv.Index(j)
				flatten(el, join(fp, el.FieldByName("Name").String()), out)
			}
		case fv.Kind() == reflect.Slice:
			parts := make([]string, fv.Len())
			for j := range parts {
				parts[j] = scalarText(fv.Index(j))
			}
			*out = append(*out, Leaf{fp, "[" + strings.Join(parts, ", ") + "]", doc, unit})
		case fv.Kind() == reflect.Map:
			keys := make([]string, 0, fv.Len())
			for _, k := range fv.MapKeys() {
				keys = append(keys, k.String())
			}
			sort.Strings(keys)
			for _, k := range keys {
				*out = append(*out, Leaf{join(fp, k), scalarText(fv.MapIndex(reflect.ValueOf(k))), doc, unit})
			}
		case name == "name":
			// Names are part of the paths, not values.
		default:
			*out = append(*out, Leaf{fp, scalarText(fv), doc, unit})
		}
	}
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// Change is a value that differs between two parameter sets ("" where the
// path does not exist on one side, e.g. a city only one of them has).
type Change struct {
	Path, Doc, Unit, From, To string
}

// Diff lists the values that differ between a and b, in a's order, then
// the paths only b has.
func Diff(a, b *sim.Params) []Change {
	la, lb := Flatten(a), Flatten(b)
	inB := make(map[string]Leaf, len(lb))
	for _, l := range lb {
		inB[l.Path] = l
	}
	var out []Change
	seen := map[string]bool{}
	for _, l := range la {
		seen[l.Path] = true
		r, ok := inB[l.Path]
		if !ok || r.Value != l.Value {
			out = append(out, Change{l.Path, l.Doc, l.Unit, l.Value, r.Value})
		}
	}
	for _, l := range lb {
		if !seen[l.Path] {
			out = append(out, Change{l.Path, l.Doc, l.Unit, "", l.Value})
		}
	}
	return out
}

// ReformChange is one assignment of a reform in words: the field's meaning,
// the value in force before the reform's year and the new value.
type ReformChange struct {
	Year, OverYears int
	Note            string
	Path, Doc, Unit string
	From, To        string
}

// DescribeReforms lists every assignment of every reform with the value it
// replaces.
func (s *Scenario) DescribeReforms() ([]ReformChange, error) {
	eps, err := s.Epochs()
	if err != nil {
		return nil, err
	}
	before := func(year int) *sim.Params {
		p := &s.Params
		for _, e := range eps {
			if e.Year < year {
				p = e.Params
			}
		}
		return p
	}
	var out []ReformChange
	for _, r := range s.Reforms {
		leaves := Flatten(before(r.Year))
		old := map[string]Leaf{}
		for _, l := range leaves {
			old[l.Path] = l
		}
		for _, a := range r.Set {
			c := ReformChange{Year: r.Year, OverYears: r.OverYears, Note: r.Note, Path: a.Path, To: a.Value}
			if l, ok := old[a.Path]; ok {
				c.Doc, c.Unit, c.From = l.Doc, l.Unit, l.Value
			} else if d, u, ok := fieldDoc(a.Path); ok {
				c.Doc, c.Unit = d, u
				c.From = blockValue(leaves, a.Path)
			}
			out = append(out, c)
		}
	}
	return out, nil
}

// blockValue writes the leaves under a block's path as one flow mapping,
// keys relative to the block, in the order of the fields ("" if none):
// the value a reform that sets the whole block replaces.
func blockValue(leaves []Leaf, path string) string {
	var kv []string
	for _, l := range leaves {
		if rest, ok := strings.CutPrefix(l.Path, path+"."); ok {
			kv = append(kv, rest+": "+l.Value)
		}
	}
	if len(kv) == 0 {
		return ""
	}
	return "{" + strings.Join(kv, ", ") + "}"
}

// fieldDoc finds the meaning and unit of the field a path names, for paths
// that are not leaves (a block, or a new map entry).
func fieldDoc(path string) (doc, unit string, ok bool) {
	p := sim.DefaultParams()
	p.Regions = []sim.Region{sim.DefaultRegion()}
	p.Cities = []sim.City{sim.DefaultCity()}
	segs := strings.Split(path, ".")
	t := reflect.TypeOf(p)
	for i := 0; i < len(segs); i++ {
		if t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Struct {
			t = t.Elem() // the segment is an element's name
			continue
		}
		if t.Kind() == reflect.Map {
			return doc, unit, true
		}
		if t.Kind() != reflect.Struct {
			return "", "", false
		}
		found := false
		for j := 0; j < t.NumField(); j++ {
			f := t.Field(j)
			if strings.Split(f.Tag.Get("yaml"), ",")[0] == strings.SplitN(segs[i], "[", 2)[0] {
				doc, unit, t, found = f.Tag.Get("doc"), f.Tag.Get("unit"), f.Type, true
				break
			}
		}
		if !found {
			return "", "", false
		}
	}
	return doc, unit, true
}

// String is the change in words, e.g. "cities.megacity.school.middle.admission
// (policy admission of a non-hukou child to a public school): 0.2 → 1".
func (c ReformChange) String() string {
	s := c.Path
	if c.Doc != "" {
		s += " (" + c.Doc + ")"
	}
	from := c.From
	if from == "" {
		from = "unset"
	}
	s += fmt.Sprintf(": %s → %s", from, c.To)
	if c.OverYears > 1 {
		s += fmt.Sprintf(", step by step over %d years", c.OverYears)
	}
	return s
}
