package scenarios

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/hukousim/hukousim/sim"
)

// fileParts is one scenario file split into its top-level parts.
type fileParts struct {
	ref     fileRef
	src     *source
	root    *yaml.Node
	name    *yaml.Node // value nodes of the keys, nil when absent
	title   *yaml.Node
	desc    *yaml.Node
	extends *yaml.Node
	params  *yaml.Node // a mapping of the keys that are fields of sim.Params
	reforms []reformSrc
}

// reformSrc is a reform as written, with the nodes to blame for problems.
type reformSrc struct {
	index    int // in its file's list, or in Scenario.Reforms
	node     *yaml.Node
	year     int
	over     int
	note     string
	yearNode *yaml.Node
	overNode *yaml.Node
	sets     []setSrc
}

type setSrc struct {
	path  string
	key   *yaml.Node
	value *yaml.Node
}

// topKeys are the keys of a scenario file besides the fields of sim.Params.
var topKeys = [...]string{"name", "title", "description", "extends", "reforms"}

var nameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// maxExtends bounds an extends chain; real chains have two or three links.
const maxExtends = 64

// load runs the whole pipeline for the file f holding data.
func (l *loader) load(f fileRef, data []byte, sets []string) (*Scenario, error) {
	chain := l.chain(f, data)
	if chain == nil {
		return nil, l.errs.result()
	}
	top := chain[len(chain)-1]

	// Check every file on its own: merging would hide a key or a name given
	// twice in one file. Range and cross-field checks still run, so that
	// every problem is reported at once, but not inside a block that holds
	// a structural problem: there they would only be a cascade of problems
	// with the defaults standing in for what failed to decode.
	check := decoder{l: l, dated: true}
	for _, fp := range chain {
		scratch := sim.DefaultParams()
		check.value(fp.params, reflect.ValueOf(&scratch).Elem(), "")
	}
	structural := len(l.errs.list)

	s := &Scenario{}
	var merged *yaml.Node
	var reforms []reformSrc
	for _, fp := range chain {
		merged = l.merge(merged, fp.params, reflect.TypeFor[sim.Params]())
		reforms = append(reforms, fp.reforms...)
		// The child's name, title and description replace the parent's.
		if fp.name != nil {
			s.Name = fp.name.Value
		}
		if fp.title != nil {
			s.Title = fp.title.Value
		}
		if fp.desc != nil {
			s.Description = fp.desc.Value
		}
	}
	rootPos := l.node(top.src) // file:1:1 stands for everything not in a file
	rec := newRecorder(rootPos)
	s.Params = sim.DefaultParams()
	// Every node of the merged tree was checked above against the same
	// type, so this pass only records where each value came from.
	d := decoder{l: l, rec: rec, dated: true}
	d.value(merged, reflect.ValueOf(&s.Params).Elem(), "")

	if s.Name == "" {
		l.errorAt(rootPos, "name", "is required")
	} else if !nameRE.MatchString(s.Name) {
		l.errorAt(nameNode(chain), "name", "%q must be lowercase letters, digits and '-', starting with a letter or digit", s.Name)
	}
	if strings.TrimSpace(s.Title) == "" {
		l.errorAt(rootPos, "title", "is required")
	}

	l.applySets(&s.Params, sets, rec)
	l.startSeries(&s.Params, rec)
	s.Series = l.scenarioSeries()
	l.validate(&s.Params, rec, 0)
	_, assigned := l.schedule(&s.Params, reforms, l.seriesSteps(&s.Params), rec)
	for i, r := range reforms {
		s.Reforms = append(s.Reforms, Reform{Year: r.year, OverYears: r.over, Note: r.note, Set: assigned[i]})
	}
	l.dropCascades(structural)
	if err := l.errs.result(); err != nil {
		return nil, err
	}
	return s, nil
}

// dropCascades removes the problems found after the first n (the
// structural ones) that lie inside a block holding a structural problem, or
// in the region and city lists when either holds one (they name each other,
// so a broken list cascades into the other).
func (l *loader) dropCascades(n int) {
	if n == 0 {
		return
	}
	var blocks []string
	for _, e := range l.errs.list[:n] {
		if strings.HasPrefix(e.Msg, "unknown key") {
			continue // the keys beside it decoded: their checks are no cascade
		}
		if e.Path != "" {
			blocks = append(blocks, e.Path)
		}
		if i := strings.LastIndexByte(e.Path, '.'); i > 0 {
			blocks = append(blocks, e.Path[:i])
		}
		if isWithin(e.Path, "cities") || isWithin(e.Path, "regions") {
			blocks = append(blocks, "cities", "regions")
		}
	}
	kept := l.errs.list[:n]
	for _, e := range l.errs.list[n:] {
		cascade := false
		for _, b := range blocks {
			if isWithin(e.Path, b) {
				cascade = true
				break
			}
		}
		if !cascade {
			kept = append(kept, e)
		}
	}
	l.errs.list = kept
}

// nameNode returns the node of the name in force (the last file's).
func nameNode(chain []*fileParts) *yaml.Node {
	for i := len(chain) - 1; i >= 0; i-- {
		if chain[i].name != nil {
			return chain[i].name
		}
	}
	return nil
}

// node makes a position-only node at line 1, column 1 of src.
func (l *loader) node(src *source) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
	l.srcOf[n] = src
	return n
}

// chain reads f and the files it extends, returning them parent first, or
// nil when one cannot be read or parsed or the chain has a cycle.
func (l *loader) chain(f fileRef, data []byte) []*fileParts {
	var chain []*fileParts
	seen := map[string]int{}
	for {
		seen[f.key()] = len(chain)
		src := &source{file: f.name}
		root := l.parse(data, src)
		if root == nil {
			return nil
		}
		fp := l.split(f, src, root)
		if fp == nil {
			return nil
		}
		chain = append(chain, fp)
		if fp.extends == nil || fp.extends.Value == "" {
			break
		}
		next, err := f.extends(fp.extends.Value)
		if err != nil {
			l.errorAt(fp.extends, "extends", "%v", err)
			return nil
		}
		if i, cycle := seen[next.key()]; cycle {
			var names []string
			for _, c := range chain[i:] {
				names = append(names, c.ref.name)
			}
			names = append(names, next.name)
			l.errorAt(fp.extends, "extends", "cycle: %s", strings.Join(names, " extends "))
			return nil
		}
		if len(chain) >= maxExtends {
			l.errorAt(fp.extends, "extends", "chain longer than %d files", maxExtends)
			return nil
		}
		if data, err = next.read(); err != nil {
			l.errorAt(fp.extends, "extends", "%s: %v", next.name, err)
			return nil
		}
		f = next
	}
	for i, j := 0, len(chain)-1; i < j; i, j = i+1, j-1 {
		chain[i], chain[j] = chain[j], chain[i]
	}
	return chain
}

// split sorts the top-level keys of a file into its parts and checks the
// parts that are not parameters.
func (l *loader) split(f fileRef, src *source, root *yaml.Node) *fileParts {
	if root.Kind != yaml.MappingNode {
		l.errorAt(root, "", "expected a mapping of keys at the top level, got %s", describe(root))
		return nil
	}
	fp := &fileParts{ref: f, src: src, root: root, params: l.shell(root)}
	d := decoder{l: l}
	paramFields := fieldsOf(reflect.TypeFor[sim.Params]())
	allowed := append([]string(nil), topKeys[:4]...)
	allowed = append(allowed, fieldNames(paramFields)...)
	allowed = append(allowed, topKeys[4])
	d.pairs(root, "", func(key, val *yaml.Node) {
		switch key.Value {
		case "name", "title", "description", "extends":
			var s string
			if !isNull(val) && d.value(val, reflect.ValueOf(&s).Elem(), key.Value) {
				v := *val
				v.Value = s
				l.srcOf[&v] = src
				switch key.Value {
				case "name":
					fp.name = &v
				case "title":
					fp.title = &v
				case "description":
					fp.desc = &v
				case "extends":
					fp.extends = &v
				}
			}
		case "reforms":
			fp.reforms = l.reforms(val)
		default:
			if _, ok := fieldByName(paramFields, key.Value); ok {
				fp.params.Content = append(fp.params.Content, key, val)
				return
			}
			l.errorAt(key, "", "%s", unknownKey(key.Value, allowed))
		}
	})
	return fp
}

// maxRampYears bounds over_years by the longest run sim allows
// (time.years <= 200).
const maxRampYears = 200

// reforms decodes a file's reforms list; the paths and values of `set` are
// checked when they are applied, against the parameters of that year.
func (l *loader) reforms(n *yaml.Node) []reformSrc {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		l.errorAt(n, "reforms", "expected a list, got %s", describe(n))
		return nil
	}
	d := decoder{l: l}
	var out []reformSrc
	for i, rn := range n.Content {
		path := fmt.Sprintf("reforms[%d]", i)
		if rn.Kind != yaml.MappingNode {
			l.errorAt(rn, path, "expected a mapping with year, note and set, got %s", describe(rn))
			continue
		}
		r := reformSrc{index: i, node: rn, over: 1}
		ok := true
		var setNode *yaml.Node
		d.pairs(rn, path, func(key, val *yaml.Node) {
			switch key.Value {
			case "year":
				r.yearNode = val
				ok = d.value(val, reflect.ValueOf(&r.year).Elem(), path+".year") && ok
			case "over_years":
				r.overNode = val
				if d.value(val, reflect.ValueOf(&r.over).Elem(), path+".over_years") && (r.over < 1 || r.over > maxRampYears) {
					l.errorAt(val, path+".over_years", "must be in [1, %d], got %d", maxRampYears, r.over)
				}
				if r.over < 1 || r.over > maxRampYears {
					r.over = 1 // still apply the sets, to check their paths
				}
			case "note":
				if !isNull(val) {
					d.value(val, reflect.ValueOf(&r.note).Elem(), path+".note")
				}
			case "set":
				setNode = val
			default:
				l.errorAt(key, path, "%s", unknownKey(key.Value, []string{"year", "over_years", "note", "set"}))
			}
		})
		if r.yearNode == nil {
			l.errorAt(rn, path+".year", "is required")
			ok = false
		}
		switch {
		case setNode == nil:
			l.errorAt(rn, path+".set", "is required: a mapping of paths to new values")
		case setNode.Kind != yaml.MappingNode:
			l.errorAt(setNode, path+".set", "expected a mapping of paths to new values, got %s", describe(setNode))
		case len(setNode.Content) == 0:
			l.errorAt(setNode, path+".set", "sets nothing")
		default:
			first := map[string]*yaml.Node{}
			for j := 0; j+1 < len(setNode.Content); j += 2 {
				key, val := setNode.Content[j], setNode.Content[j+1]
				if d.checkKey(key, path+".set", first) {
					r.sets = append(r.sets, setSrc{path: key.Value, key: key, value: val})
				}
			}
		}
		// A reform with other problems is still applied (when its year is
		// known) so that the problems in its paths and values show too; the
		// load fails either way.
		if ok {
			if r.overNode == nil {
				r.overNode = rn
			}
			out = append(out, r)
		}
	}
	return out
}

// applySets applies --set arguments to the base parameters, in order.
func (l *loader) applySets(p *sim.Params, sets []string, rec *recorder) {
	if l.errs.sets == nil {
		l.errs.sets = map[string]int{}
	}
	root := reflect.ValueOf(p).Elem()
	d := decoder{l: l, rec: rec, dated: true}
	for i, arg := range sets {
		if _, dup := l.errs.sets[arg]; !dup {
			l.errs.sets[arg] = i
		}
		src := &source{set: arg}
		pos := l.node(src)
		path, value, found := strings.Cut(arg, "=")
		path, value = strings.TrimSpace(path), strings.TrimSpace(value)
		switch {
		case !found:
			l.errorAt(pos, "", "expected path=value")
			continue
		case value == "":
			l.errorAt(pos, "", "no value after '='")
			continue
		}
		val := l.parse([]byte(value), src)
		if val == nil {
			continue
		}
		rec.seq++
		t, problem := resolvePath(root, path)
		if problem != "" {
			l.errorAt(pos, path, "%s", problem)
			continue
		}
		l.dropSeries(t.path) // a value given whole replaces any dated one
		d.assign(t, val)
	}
}

// assign decodes n over the target. The value is decoded into a copy and
// stored only if it has no problem, so a bad value never half-applies. It
// returns the value stored (invalid on a problem).
func (d *decoder) assign(t target, n *yaml.Node) reflect.Value {
	x := t.get()
	if !d.value(n, x, t.path) {
		return reflect.Value{}
	}
	t.set(x)
	return x
}

// validate runs sim's checks on p and reports each problem at the node that
// set the value at fault. year is the reform year p is in force from (0 for
// the base parameters); a problem already reported for an earlier year is
// not repeated.
func (l *loader) validate(p *sim.Params, rec *recorder, year int) {
	if l.reported == nil {
		l.reported = map[string]bool{}
	}
	for _, fe := range p.Validate() {
		key := fe.Path + "\x00" + fe.Msg
		if l.reported[key] || l.badSeries[fe.Path] {
			continue
		}
		l.reported[key] = true
		msg := fe.Msg
		if year != 0 {
			msg = fmt.Sprintf("%s (from %d)", msg, year)
		}
		l.errorAt(rec.lookup(fe.Path), fe.Path, "%s", msg)
	}
}
