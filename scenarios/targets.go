package scenarios

import (
	_ "embed"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/hukousim/hukousim/sim/calibrate"
)

// The types of a calibration are sim/calibrate's; this package reads them
// from files.
type (
	Target    = calibrate.Target
	Parameter = calibrate.Parameter
	Weighted  = calibrate.Weighted
	Spec      = calibrate.Spec
)

// The published facts the calibration fits and the report checks. The file
// is also matched by the scenarios' *.yaml embed, but it is not a scenario
// (see notScenarios).
//
//go:embed targets.yaml
var targetsYAML []byte

// targetsFile is the name the embedded targets file is reported under.
const targetsFile = "targets.yaml"

// TargetsYAML returns the embedded targets file as shipped.
func TargetsYAML() []byte {
	return append([]byte(nil), targetsYAML...)
}

// LoadTargets reads a targets file: path "" means the embedded one. It does
// not check that the metrics exist; LoadTargetsChecked does.
func LoadTargets(path string) ([]Target, error) {
	return LoadTargetsChecked(path, nil)
}

// LoadTargetsChecked reads a targets file (path "" means the embedded one)
// and, when knownMetric is not nil, checks that every model.metric is one
// the engine produces.
//
// The file is a mapping with one key, targets, a list of targets:
//
//	targets:
//	  - name: lbc_total_2020            # unique; lowercase letters, digits, '_' and '-'
//	    value: 66.93e6                  # the published figure (required)
//	    band: [63.6e6, 70.3e6]          # [low, high] with low < high (required)
//	    model: {metric: lbc, group: "", years: [2020, 2020], scale: 1}
//	    definition: ...                 # optional
//	    population: ...                 # optional
//	    source: ...                     # required
//
// model.metric and model.years ([first, last], first <= last) are required;
// group defaults to "" and scale to 1 (it must not be 0). Problems (syntax,
// unknown and repeated keys, repeated names, values of the wrong type,
// missing fields, empty or inverted bands) are returned as an ErrorList,
// all at once, each with file:line:column.
func LoadTargetsChecked(path string, knownMetric func(string) bool) ([]Target, error) {
	name, data := targetsFile, targetsYAML
	if path != "" {
		var err error
		if data, err = (fileRef{name: path}).read(); err != nil {
			return nil, ErrorList{{File: path, Msg: err.Error()}}
		}
		name = path
	}
	return loadTargetsBytes(name, data, knownMetric)
}

// loadTargetsBytes is LoadTargetsChecked of data, reported as file.
func loadTargetsBytes(file string, data []byte, knownMetric func(string) bool) ([]Target, error) {
	l := newLoader()
	ts := l.targets(file, data, knownMetric)
	if err := l.errs.result(); err != nil {
		return nil, err
	}
	return ts, nil
}

// targetKeys are the keys of one target, in the order the docs give them.
var targetKeys = []string{"name", "value", "band", "model", "definition", "population", "source"}

var modelKeys = []string{"metric", "group", "years", "scale"}

// idRE is the form of the names of targets and of calibration parameters.
var idRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// targets parses and checks a targets file, reporting problems to l. It
// returns the targets that have no problem, in file order.
func (l *loader) targets(file string, data []byte, knownMetric func(string) bool) []Target {
	src := &source{file: file}
	root := l.parse(data, src)
	if root == nil {
		l.renameDocument(file, "a targets file")
		return nil
	}
	d := decoder{l: l}
	top := d.keys(root, "", []string{"targets"})
	if top == nil {
		return nil
	}
	list := top["targets"]
	switch {
	case list == nil:
		l.errorAt(root, "targets", "is required: a list of targets")
		return nil
	case list.Kind != yaml.SequenceNode:
		l.errorAt(list, "targets", "expected a list of targets, got %s", describe(list))
		return nil
	case len(list.Content) == 0:
		l.errorAt(list, "targets", "lists no targets")
		return nil
	}
	var out []Target
	first := map[string]*yaml.Node{}
	for i, en := range list.Content {
		path := fmt.Sprintf("targets[%d]", i)
		if en.Kind != yaml.MappingNode {
			l.errorAt(en, path, "expected a mapping, got %s", describe(en))
			continue
		}
		nameNode, ok := d.name(en, path, "targets", first)
		if !ok {
			continue // a repeated name: its first use is the target
		}
		if nameNode != nil {
			path = "targets." + nameNode.Value
		}
		t, good := d.target(en, path, knownMetric)
		if nameNode != nil && good {
			t.Name = nameNode.Value
			out = append(out, t)
		}
	}
	return out
}

// target decodes the keys of one target (all but name).
func (d *decoder) target(n *yaml.Node, path string, knownMetric func(string) bool) (Target, bool) {
	var t Target
	keys := d.keys(n, path, targetKeys)
	if keys == nil {
		return t, false
	}
	ok := true
	if v := keys["value"]; v == nil || isNull(v) {
		if v == nil {
			v = n
		}
		d.l.errorAt(v, path, "has no value: a target needs the published figure")
		ok = false
	} else {
		t.Value, ok = d.number(v, path+".value")
	}
	if b := keys["band"]; b == nil {
		d.l.errorAt(n, path+".band", "is required: [low, high], the range the model must reach")
		ok = false
	} else {
		var good bool
		t.Low, t.High, good = d.bounds(b, path, "band", "is")
		ok = ok && good
	}
	if m := keys["model"]; m == nil {
		d.l.errorAt(n, path+".model", "is required: {metric, group, years, scale}")
		ok = false
	} else if !d.model(m, path+".model", &t, knownMetric) {
		ok = false
	}
	sourceOK := true
	for _, k := range []struct {
		key string
		to  *string
	}{{"definition", &t.Definition}, {"population", &t.Population}, {"source", &t.Source}} {
		if v := keys[k.key]; v != nil && !isNull(v) && !d.value(v, reflect.ValueOf(k.to).Elem(), path+"."+k.key) {
			ok, sourceOK = false, sourceOK && k.key != "source"
		}
	}
	if sourceOK && strings.TrimSpace(t.Source) == "" {
		at := keys["source"]
		if at == nil {
			at = n
		}
		d.l.errorAt(at, path+".source", "is required: where the published figure comes from")
		ok = false
	}
	return t, ok
}

// model decodes a target's model block into t.
func (d *decoder) model(n *yaml.Node, path string, t *Target, knownMetric func(string) bool) bool {
	keys := d.keys(n, path, modelKeys)
	if keys == nil {
		return false
	}
	ok := true
	t.Scale = 1
	switch m := keys["metric"]; {
	case m == nil:
		d.l.errorAt(n, path+".metric", "is required: the name of a series of metrics.csv")
		ok = false
	case !d.value(m, reflect.ValueOf(&t.Metric).Elem(), path+".metric"):
		ok = false
	case t.Metric == "":
		d.l.errorAt(m, path+".metric", "must not be empty")
		ok = false
	case knownMetric != nil && !knownMetric(t.Metric):
		d.l.errorAt(m, path+".metric", "unknown metric %q: the engine produces no such series", t.Metric)
		ok = false
	}
	if g := keys["group"]; g != nil && !isNull(g) {
		ok = d.value(g, reflect.ValueOf(&t.Group).Elem(), path+".group") && ok
	}
	if y := keys["years"]; y == nil {
		d.l.errorAt(n, path+".years", "is required: [first, last], the years averaged")
		ok = false
	} else {
		var good bool
		t.FirstYear, t.LastYear, good = d.years(y, path)
		ok = ok && good
	}
	if s := keys["scale"]; s != nil {
		x, good := d.number(s, path+".scale")
		switch {
		case !good:
			ok = false
		case x == 0:
			d.l.errorAt(s, path+".scale", "must not be 0")
			ok = false
		default:
			t.Scale = x
		}
	}
	return ok
}

// keys checks that n is a mapping whose keys are among allowed, each once,
// and returns the value of each key given. It returns nil after reporting a
// node that is not a mapping.
func (d *decoder) keys(n *yaml.Node, path string, allowed []string) map[string]*yaml.Node {
	if n.Kind != yaml.MappingNode {
		if path == "" {
			d.l.errorAt(n, path, "expected a mapping of keys at the top level, got %s", describe(n))
		} else {
			d.l.errorAt(n, path, "expected a mapping, got %s", describe(n))
		}
		return nil
	}
	out := map[string]*yaml.Node{}
	d.pairs(n, path, func(key, val *yaml.Node) {
		for _, a := range allowed {
			if key.Value == a {
				out[a] = val
				return
			}
		}
		d.l.errorAt(key, path, "%s", unknownKey(key.Value, allowed))
	})
	return out
}

// name checks the name of the list element n (a mapping), which must be
// unique among the elements of the list at listPath, recorded in first. It
// returns the name's node, or nil when it is missing or malformed, and
// whether the name is fine; a repeated name returns nil and false.
func (d *decoder) name(n *yaml.Node, path, listPath string, first map[string]*yaml.Node) (*yaml.Node, bool) {
	v := valueOf(n, "name")
	var s string
	switch {
	case v == nil:
		d.l.errorAt(n, path+".name", "is required")
		return nil, true // still check the rest of the element
	case !d.value(v, reflect.ValueOf(&s).Elem(), path+".name"):
		return nil, true
	case !idRE.MatchString(s):
		d.l.errorAt(v, path+".name", "%q must be lowercase letters, digits, '_' and '-', starting with a letter or digit", s)
		return nil, true
	}
	if prev, dup := first[s]; dup {
		d.l.errorAt(v, listPath, "duplicate name %q (first at line %d)", s, prev.Line)
		return nil, false
	}
	first[s] = v
	return v, true
}

// number decodes a finite number.
func (d *decoder) number(n *yaml.Node, path string) (float64, bool) {
	var x float64
	if !d.value(n, reflect.ValueOf(&x).Elem(), path) {
		return 0, false
	}
	if math.IsNaN(x) || math.IsInf(x, 0) {
		d.l.errorAt(n, path, "expected a finite number, got %s", n.Value)
		return 0, false
	}
	return x, true
}

// integer decodes an integer.
func (d *decoder) integer(n *yaml.Node, path string) (int, bool) {
	var x int
	ok := d.value(n, reflect.ValueOf(&x).Elem(), path)
	return x, ok
}

// pairOf checks that n is a list of two values, reporting otherwise that
// form was expected.
func (d *decoder) pairOf(n *yaml.Node, path, form string) bool {
	switch {
	case n.Kind != yaml.SequenceNode:
		d.l.errorAt(n, path, "expected %s, got %s", form, describe(n))
		return false
	case len(n.Content) != 2:
		values := "values"
		if len(n.Content) == 1 {
			values = "value"
		}
		d.l.errorAt(n, path, "expected %s, got a list of %d %s", form, len(n.Content), values)
		return false
	}
	return true
}

// bounds decodes [low, high] under parent.key, which must have low < high.
// verb agrees with key in the messages ("band ... is inverted", "bounds
// ... are inverted").
func (d *decoder) bounds(n *yaml.Node, parent, key, verb string) (low, high float64, ok bool) {
	path := parent + "." + key
	if !d.pairOf(n, path, "[low, high]") {
		return 0, 0, false
	}
	low, okLow := d.number(n.Content[0], path+"[0]")
	high, okHigh := d.number(n.Content[1], path+"[1]")
	if !okLow || !okHigh {
		return 0, 0, false
	}
	written := fmt.Sprintf("%s [%s, %s]", key, n.Content[0].Value, n.Content[1].Value)
	switch {
	case low == high:
		d.l.errorAt(n, parent, "%s %s empty", written, verb)
		return 0, 0, false
	case low > high:
		d.l.errorAt(n, parent, "%s %s inverted; write [low, high]", written, verb)
		return 0, 0, false
	}
	return low, high, true
}

// years decodes model.years, [first, last] with first <= last.
func (d *decoder) years(n *yaml.Node, parent string) (first, last int, ok bool) {
	path := parent + ".years"
	if !d.pairOf(n, path, "[first, last]") {
		return 0, 0, false
	}
	first, okFirst := d.integer(n.Content[0], path+"[0]")
	last, okLast := d.integer(n.Content[1], path+"[1]")
	if !okFirst || !okLast {
		return 0, 0, false
	}
	if first > last {
		d.l.errorAt(n, parent, "years [%s, %s] are inverted; write [first, last]", n.Content[0].Value, n.Content[1].Value)
		return 0, 0, false
	}
	return first, last, true
}

// renameDocument fixes the parser's "a scenario is one document" for the
// other kinds of file.
func (l *loader) renameDocument(file, kind string) {
	for _, e := range l.errs.list {
		if e.File == file {
			e.Msg = strings.Replace(e.Msg, "(a scenario is one document)", "("+kind+" is one document)", 1)
		}
	}
}
