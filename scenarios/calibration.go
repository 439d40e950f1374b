package scenarios

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/hukousim/hukousim/sim"
)

// calibKeys are the top-level keys of a calibration file.
var calibKeys = []string{
	"scenario", "set", "targets_file", "households", "replicates", "years",
	"seed", "method", "max_evaluations", "parameters", "targets",
}

// calibRequired are the keys a calibration file must give.
var calibRequired = []string{"scenario", "households", "replicates", "years", "max_evaluations", "parameters", "targets"}

// methods are the search methods a calibration file may name; the first is
// the default.
var methods = []string{"nelder-mead", "cma-es"}

var paramKeys = []string{"name", "path", "scale", "bounds", "start"}

// LoadCalibration reads a calibration file and checks all of it before any
// simulation runs:
//
//	scenario: baseline          # an embedded name, or a path relative to this file
//	set: {time.burn_in: 18}     # optional overrides, path: value, as with --set
//	targets_file: ""            # optional: a path relative to this file; default the embedded targets
//	households: 20000
//	replicates: 2
//	years: 5                    # recorded years per evaluation
//	seed: 1                     # optional, default 1
//	method: nelder-mead         # or cma-es; optional, default nelder-mead
//	max_evaluations: 200
//	parameters:
//	  - name: psi
//	    path: preferences.psi   # one field set to the parameter (Mode "set"), or
//	    bounds: [0.02, 0.4]
//	    start: 0.1              # optional
//	  - name: child_cost
//	    scale: [cities.megacity.child_cost_yuan_year, cities.town.child_cost_yuan_year]
//	    bounds: [0.5, 2]        # fields multiplied by the parameter (Mode "scale")
//	targets:
//	  - name: lbc_total_2020    # a target of the targets file
//	    weight: 1               # optional, default 1
//
// A target may also be given by its name alone (- lbc_total_2020).
//
// The paths of parameters must name fields holding a real number (not an
// integer: the search proposes fractions) in the scenario's parameters
// with the overrides applied; both ends of the bounds must give parameters
// that sim accepts. years must cover every target's years from
// time.start_year. knownMetric, when not nil, checks the targets' metrics.
//
// In the result, Scenario is a name or a path that Load accepts as is,
// Sets holds the overrides as "path=value" in canonical form, and a
// parameter without start has Start set to the scenario's value (1 for a
// scale) with HasSet false. Problems are returned as an ErrorList, all at
// once, each with file:line:column (in the calibration file, or in the
// scenario or targets file it names).
func LoadCalibration(path string, knownMetric func(string) bool) (*Spec, error) {
	if path == "" {
		return nil, ErrorList{{Msg: "no calibration file given"}}
	}
	data, err := (fileRef{name: path}).read()
	if err != nil {
		return nil, ErrorList{{File: path, Msg: err.Error()}}
	}
	return loadCalibrationBytes(path, data, knownMetric)
}

// loadCalibrationBytes is LoadCalibration of data, reported as file, which
// also anchors the relative paths in it.
func loadCalibrationBytes(file string, data []byte, knownMetric func(string) bool) (*Spec, error) {
	l := newLoader()
	spec := l.calibration(file, data, knownMetric)
	if err := l.errs.result(); err != nil {
		return nil, err
	}
	return spec, nil
}

// calibFile is a calibration file as decoded, with the nodes to blame.
type calibFile struct {
	file   string
	keys   map[string]*yaml.Node
	spec   *Spec
	sc     *Scenario // with the overrides; nil when it failed to load
	ints   map[string]int
	intsOK map[string]bool
}

// calibration parses and checks a calibration file, reporting problems to
// l; the Spec it returns is complete only when there are none.
func (l *loader) calibration(file string, data []byte, knownMetric func(string) bool) *Spec {
	src := &source{file: file}
	root := l.parse(data, src)
	if root == nil {
		l.renameDocument(file, "a calibration file")
		return nil
	}
	d := decoder{l: l}
	keys := d.keys(root, "", calibKeys)
	if keys == nil {
		return nil
	}
	c := &calibFile{file: file, keys: keys, spec: &Spec{Seed: 1, Method: methods[0]},
		ints: map[string]int{}, intsOK: map[string]bool{}}
	for _, k := range calibRequired {
		if keys[k] == nil {
			l.errorAt(root, k, "is required")
		}
	}
	c.scenario(l)
	c.sizes(l)
	if n := keys["method"]; n != nil {
		var m string
		if d.value(n, reflect.ValueOf(&m).Elem(), "method") {
			switch {
			case slices.Contains(methods, m):
				c.spec.Method = m
			case closest(m, methods) != "":
				l.errorAt(n, "method", "unknown method %q (did you mean %q?)", m, closest(m, methods))
			default:
				l.errorAt(n, "method", "unknown method %q (methods: %s)", m, strings.Join(methods, ", "))
			}
		}
	}
	c.parameters(l)
	c.targets(l, knownMetric)
	return c.spec
}

// scenario resolves and loads the scenario, applies the overrides of set,
// and keeps the result in c.sc.
func (c *calibFile) scenario(l *loader) {
	d := decoder{l: l}
	n := c.keys["scenario"]
	var ref string
	if n == nil || !d.value(n, reflect.ValueOf(&ref).Elem(), "scenario") {
		return
	}
	if ref == "" {
		l.errorAt(n, "scenario", "must not be empty")
		return
	}
	f, err := (fileRef{name: c.file}).extends(ref)
	if err != nil {
		l.errorAt(n, "scenario", "%v", err)
		return
	}
	c.spec.Scenario = f.name
	if f.embedded {
		c.spec.Scenario = ref
	}
	sc, err := Load(c.spec.Scenario, nil)
	if err != nil {
		c.adopt(l, err, n, nil)
		return
	}

	// The overrides: applied here, to blame their own nodes, then once
	// more through Load, which also checks the reforms against them.
	setNode := c.keys["set"]
	if setNode == nil || isNull(setNode) {
		c.sc = sc
		return
	}
	if setNode.Kind != yaml.MappingNode {
		l.errorAt(setNode, "set", "expected a mapping of paths to values, got %s", describe(setNode))
		return
	}
	before := len(l.errs.list)
	p := cloneParams(&sc.Params)
	root := reflect.ValueOf(p).Elem()
	rec := newRecorder(setNode)
	ds := decoder{l: l, rec: rec}
	byArg := map[string]*yaml.Node{}
	d.pairs(setNode, "set", func(key, val *yaml.Node) {
		rec.seq++
		t, problem := resolvePath(root, key.Value)
		if problem != "" {
			l.errorAt(key, "set", "%s", problem)
			return
		}
		x := ds.assign(t, val)
		if !x.IsValid() {
			return
		}
		arg := t.path + "=" + render(val, x)
		byArg[arg] = val
		c.spec.Sets = append(c.spec.Sets, arg)
	})
	// Only the overrides without a problem were applied: the checks of
	// range see no cascade of the others.
	l.validate(p, rec, 0)
	if len(l.errs.list) > before {
		return
	}
	sc, err = Load(c.spec.Scenario, c.spec.Sets)
	if err != nil {
		c.adopt(l, err, n, byArg)
		return
	}
	c.sc = sc
}

// adopt takes the problems of loading the scenario. Without overrides
// (byArg nil), those in its files stay there and the others (a file that
// cannot be read) go to the scenario key. With them, every problem is one
// the overrides caused, and goes to the override at fault, or to set.
func (c *calibFile) adopt(l *loader, err error, scenarioNode *yaml.Node, byArg map[string]*yaml.Node) {
	var list ErrorList
	if !errors.As(err, &list) {
		l.errorAt(scenarioNode, "scenario", "%v", err)
		return
	}
	for _, e := range list {
		switch {
		case byArg == nil && e.Line == 0:
			l.errorAt(scenarioNode, "scenario", "%s", e.Error())
		case byArg == nil:
			l.errs.add(e)
		case byArg[e.Set] != nil:
			l.errorAt(byArg[e.Set], e.Path, "%s", e.Msg)
		default:
			l.errorAt(c.keys["set"], "set", "with these overrides, %s", e.Error())
		}
	}
}

// sizes decodes the integers of the run.
func (c *calibFile) sizes(l *loader) {
	d := decoder{l: l}
	for _, k := range []string{"households", "replicates", "years", "max_evaluations", "seed"} {
		n := c.keys[k]
		if n == nil {
			continue
		}
		x, ok := d.integer(n, k)
		switch {
		case !ok:
			continue
		case k == "seed" && x < 0:
			l.errorAt(n, k, "must be 0 or more, got %d", x)
			continue
		case k != "seed" && x < 1:
			l.errorAt(n, k, "must be at least 1, got %d", x)
			continue
		}
		c.ints[k], c.intsOK[k] = x, true
	}
	s := c.spec
	s.Households, s.Reps, s.Years, s.MaxEvals = c.ints["households"], c.ints["replicates"], c.ints["years"], c.ints["max_evaluations"]
	if c.intsOK["seed"] {
		s.Seed = uint64(c.ints["seed"])
	}
	// The run sets population.households and time.years: sim's ranges
	// apply to them.
	if c.sc == nil {
		return
	}
	p := cloneParams(&c.sc.Params)
	blame := map[string]*yaml.Node{}
	if c.intsOK["households"] {
		p.Population.Households = s.Households
		blame["population.households"] = c.keys["households"]
	}
	if c.intsOK["years"] {
		p.Time.Years = s.Years
		blame["time.years"] = c.keys["years"]
	}
	for _, fe := range p.Validate() {
		if n := blame[fe.Path]; n != nil {
			l.errorAt(n, fe.Path, "%s", fe.Msg)
			c.intsOK[strings.TrimPrefix(strings.TrimPrefix(fe.Path, "population."), "time.")] = false
		}
	}
}

// parameters decodes and checks the free parameters.
func (c *calibFile) parameters(l *loader) {
	d := decoder{l: l}
	list := c.keys["parameters"]
	switch {
	case list == nil:
		return
	case list.Kind != yaml.SequenceNode:
		l.errorAt(list, "parameters", "expected a list of parameters, got %s", describe(list))
		return
	case len(list.Content) == 0:
		l.errorAt(list, "parameters", "lists no parameters")
		return
	}
	type use struct {
		owner string // "parameter \"psi\"", or "parameters[2]"
		node  *yaml.Node
	}
	used := map[string]use{} // canonical path -> where it is fitted
	first := map[string]*yaml.Node{}
	for i, en := range list.Content {
		path := fmt.Sprintf("parameters[%d]", i)
		if en.Kind != yaml.MappingNode {
			l.errorAt(en, path, "expected a mapping, got %s", describe(en))
			continue
		}
		nameNode, ok := d.name(en, path, "parameters", first)
		if !ok {
			continue
		}
		owner := path
		if nameNode != nil {
			path = "parameters." + nameNode.Value
			owner = fmt.Sprintf("parameter %q", nameNode.Value)
		}
		keys := d.keys(en, path, paramKeys)
		if keys == nil {
			continue
		}
		good := nameNode != nil
		par := Parameter{}
		if nameNode != nil {
			par.Name = nameNode.Value
		}

		// The paths.
		var pathNodes []*yaml.Node
		var pathKey string
		pn, sn := keys["path"], keys["scale"]
		switch {
		case pn != nil && sn != nil:
			l.errorAt(sn, path, "give path (one field set to the parameter) or scale (fields multiplied by it), not both")
			good = false
		case pn == nil && sn == nil:
			l.errorAt(en, path, "needs path (one field set to the parameter) or scale (a list of fields multiplied by it)")
			good = false
		case pn != nil:
			par.Mode, pathKey, pathNodes = "set", path+".path", []*yaml.Node{pn}
		case sn.Kind == yaml.ScalarNode && sn.ShortTag() == "!!str":
			par.Mode, pathKey, pathNodes = "scale", path+".scale", []*yaml.Node{sn}
		case sn.Kind != yaml.SequenceNode:
			l.errorAt(sn, path+".scale", "expected a list of paths, got %s", describe(sn))
			good = false
		case len(sn.Content) == 0:
			l.errorAt(sn, path+".scale", "lists no paths")
			good = false
		default:
			par.Mode, pathKey, pathNodes = "scale", path+".scale", sn.Content
		}
		var bases []float64
		here := map[string]*yaml.Node{}
		for j, n := range pathNodes {
			at := pathKey
			if par.Mode == "scale" && sn.Kind == yaml.SequenceNode {
				at = fmt.Sprintf("%s[%d]", pathKey, j)
			}
			var p string
			if !d.value(n, reflect.ValueOf(&p).Elem(), at) {
				good = false
				continue
			}
			if c.sc == nil {
				good = false // nothing to check the path against
				continue
			}
			canon, x, isInt, problem := numberAt(&c.sc.Params, p)
			if problem == "" && isInt {
				problem = fmt.Sprintf("%s holds an integer and cannot be fitted: the search proposes fractions", canon)
			}
			if problem != "" {
				l.errorAt(n, at, "%s", problem)
				good = false
				continue
			}
			if prev := here[canon]; prev != nil {
				l.errorAt(n, at, "%s is listed twice (first at line %d)", canon, prev.Line)
				good = false
				continue
			}
			here[canon] = n
			if u, dup := used[canon]; dup {
				l.errorAt(n, at, "%s is already fitted by %s (line %d)", canon, u.owner, u.node.Line)
				good = false
				continue
			}
			used[canon] = use{owner: owner, node: n}
			par.Paths = append(par.Paths, canon)
			bases = append(bases, x)
		}

		// The bounds and the start.
		bn := keys["bounds"]
		boundsOK := false
		if bn == nil {
			l.errorAt(en, path+".bounds", "is required: [low, high]")
			good = false
		} else {
			par.Low, par.High, boundsOK = d.bounds(bn, path, "bounds", "are")
			good = good && boundsOK
		}
		if st := keys["start"]; st != nil {
			x, ok := d.number(st, path+".start")
			switch {
			case !ok:
				good = false
			case boundsOK && (x < par.Low || x > par.High):
				l.errorAt(st, path+".start", "%s is outside bounds [%s, %s]", st.Value, bn.Content[0].Value, bn.Content[1].Value)
				good = false
			default:
				par.Start, par.HasSet = x, true
			}
		} else if par.Mode == "scale" {
			par.Start = 1
		} else if len(bases) == 1 {
			par.Start = bases[0]
		}
		if good {
			c.checkEnds(l, bn, path, par, bases)
			c.spec.Params = append(c.spec.Params, par)
		}
	}
}

// checkEnds reports values that sim rejects at either end of a
// parameter's bounds, the other parameters at the scenario's values.
func (c *calibFile) checkEnds(l *loader, bn *yaml.Node, path string, par Parameter, bases []float64) {
	for i, end := range []float64{par.Low, par.High} {
		p := cloneParams(&c.sc.Params)
		root := reflect.ValueOf(p).Elem()
		for j, fp := range par.Paths {
			v := end
			if par.Mode == "scale" {
				v *= bases[j]
			}
			t, _ := resolvePath(root, fp)
			t.set(reflect.ValueOf(v))
		}
		which := [...]string{"low", "high"}[i]
		for _, fe := range p.Validate() {
			l.errorAt(bn.Content[i], path+".bounds", "at the %s bound %s, %s: %s", which, bn.Content[i].Value, fe.Path, fe.Msg)
		}
	}
}

// targets decodes the list of targets to fit, looks each one up in the
// targets file, and checks that the run's years cover them.
func (c *calibFile) targets(l *loader, knownMetric func(string) bool) {
	d := decoder{l: l}
	file, data := targetsFile, targetsYAML
	fileOK := true
	if n := c.keys["targets_file"]; n != nil && !isNull(n) {
		var s string
		switch {
		case !d.value(n, reflect.ValueOf(&s).Elem(), "targets_file"):
			fileOK = false
		case s != "":
			p := s
			if !filepath.IsAbs(p) {
				p = filepath.Join(filepath.Dir(c.file), s)
			}
			b, err := (fileRef{name: p}).read()
			if err != nil {
				l.errorAt(n, "targets_file", "%s: %v", p, err)
				fileOK = false
			}
			file, data = p, b
		}
	}
	var all []Target
	if fileOK {
		before := len(l.errs.list)
		all = l.targets(file, data, knownMetric)
		fileOK = len(l.errs.list) == before
	}
	byName := map[string]Target{}
	var names []string
	for _, t := range all {
		byName[t.Name] = t
		names = append(names, t.Name)
	}

	list := c.keys["targets"]
	switch {
	case list == nil:
		return
	case list.Kind != yaml.SequenceNode:
		l.errorAt(list, "targets", "expected a list of targets, got %s", describe(list))
		return
	case len(list.Content) == 0:
		l.errorAt(list, "targets", "lists no targets")
		return
	}
	first := map[string]*yaml.Node{}
	var chosen []*yaml.Node // the name node of each of c.spec.Targets
	for i, en := range list.Content {
		path := fmt.Sprintf("targets[%d]", i)
		var nameNode, weightNode *yaml.Node
		switch {
		case en.Kind == yaml.ScalarNode && en.ShortTag() == "!!str":
			nameNode = en
		case en.Kind == yaml.MappingNode:
			keys := d.keys(en, path, []string{"name", "weight"})
			nameNode, weightNode = keys["name"], keys["weight"]
			if nameNode == nil {
				l.errorAt(en, path+".name", "is required")
			}
		default:
			l.errorAt(en, path, "expected a target's name, or a mapping with name and weight, got %s", describe(en))
			continue
		}
		var name string
		if nameNode != nil && d.value(nameNode, reflect.ValueOf(&name).Elem(), path+".name") {
			if prev, dup := first[name]; dup {
				l.errorAt(nameNode, "targets", "duplicate target %q (first at line %d)", name, prev.Line)
				continue
			}
			first[name] = nameNode
			path = "targets." + name
		} else {
			nameNode = nil
		}
		w, wOK := 1.0, true
		if weightNode != nil {
			if w, wOK = d.number(weightNode, path+".weight"); wOK && w <= 0 {
				l.errorAt(weightNode, path+".weight", "must be > 0, got %s", weightNode.Value)
				wOK = false
			}
		}
		if nameNode == nil {
			continue
		}
		t, found := byName[name]
		switch {
		case found && wOK:
			c.spec.Targets = append(c.spec.Targets, Weighted{Target: t, Weight: w})
			chosen = append(chosen, nameNode)
		case found || !fileOK:
			// A bad weight is reported; a broken targets file leaves the
			// names unchecked.
		case closest(name, names) != "":
			l.errorAt(nameNode, "targets", "unknown target %q (did you mean %q?)", name, closest(name, names))
		default:
			l.errorAt(nameNode, "targets", "unknown target %q (%s has: %s)", name, file, strings.Join(names, ", "))
		}
	}

	// The recorded years must cover every target's years.
	if c.sc == nil {
		return
	}
	start := c.sc.Params.Time.StartYear
	need := -1
	for i, wt := range c.spec.Targets {
		t := wt.Target
		if t.FirstYear < start {
			l.errorAt(chosen[i], "targets."+t.Name, "target %q averages over %d-%d, before time.start_year %d of the scenario", t.Name, t.FirstYear, t.LastYear, start)
		}
		if need < 0 || t.LastYear > c.spec.Targets[need].LastYear {
			need = i
		}
	}
	if need < 0 || !c.intsOK["years"] {
		return
	}
	years := c.spec.Years
	if t := c.spec.Targets[need].Target; start+years-1 < t.LastYear {
		l.errorAt(c.keys["years"], "years", "%d years from %d end in %d, before target %q ends (%d): years must be at least %d",
			years, start, start+years-1, t.Name, t.LastYear, t.LastYear-start+1)
	}
}

// Value returns the number at a dotted path of the scenario's base
// parameters (as in --set: cities.megacity.child_cost_yuan_year,
// mental_health.relative_risk[2], regions.west.destinations.megacity). An
// integer field is returned as a float64. The error says why a path names
// no number.
func (s *Scenario) Value(path string) (float64, error) {
	_, x, _, problem := numberAt(&s.Params, path)
	if problem != "" {
		return 0, errors.New(problem)
	}
	return x, nil
}

// numberAt finds the number at path in p, returning the canonical path,
// the value (an integer converted, isInt true), and otherwise the problem. A path that
// names nothing is reported with the nearest path that names a number, when
// one is within two edits.
func numberAt(p *sim.Params, path string) (canon string, x float64, isInt bool, problem string) {
	t, problem := resolvePath(reflect.ValueOf(p).Elem(), path)
	if problem == "" && t.ent && !t.v.MapIndex(reflect.ValueOf(t.key)).IsValid() {
		problem = fmt.Sprintf("%s has no entry %q", parentPath(t.path), t.key)
	}
	if problem != "" {
		var paths []string
		numberPaths(reflect.ValueOf(p).Elem(), "", &paths)
		// A list index out of range has no near miss worth naming.
		if s := closest(path, paths); s != "" && !strings.Contains(problem, "there is no [") {
			return "", 0, false, fmt.Sprintf("%s names no field (did you mean %s?)", path, s)
		}
		return "", 0, false, fmt.Sprintf("%s names no field: %s", path, problem)
	}
	v := t.get()
	switch v.Kind() {
	case reflect.Float64:
		return t.path, v.Float(), false, ""
	case reflect.Int:
		return t.path, float64(v.Int()), true, ""
	}
	return "", 0, false, fmt.Sprintf("%s is not a number (it is %s)", t.path, valueNoun(v.Type()))
}

// numberPaths lists the paths of every number in v: fields, list elements
// (named lists by name, plain lists by index) and map entries.
func numberPaths(v reflect.Value, path string, out *[]string) {
	switch {
	case v.Kind() == reflect.Float64 || v.Kind() == reflect.Int:
		*out = append(*out, path)
	case v.Kind() == reflect.Struct:
		for _, f := range fieldsOf(v.Type()) {
			numberPaths(v.Field(f.index), joinPath(path, f.name), out)
		}
	case v.Kind() == reflect.Slice && isNamedList(v.Type()):
		for i := range v.Len() {
			numberPaths(v.Index(i), joinPath(path, v.Index(i).FieldByName("Name").String()), out)
		}
	case v.Kind() == reflect.Slice:
		for i := range v.Len() {
			numberPaths(v.Index(i), fmt.Sprintf("%s[%d]", path, i), out)
		}
	case v.Kind() == reflect.Map:
		for _, k := range sortedKeys(v) {
			numberPaths(v.MapIndex(reflect.ValueOf(k)), joinPath(path, k), out)
		}
	}
}

// valueNoun names what a field holds, for "is not a number".
func valueNoun(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "a string"
	case reflect.Slice:
		return "a list"
	case reflect.Map:
		return "a mapping"
	case reflect.Struct:
		return "a block of fields"
	}
	return t.String()
}
