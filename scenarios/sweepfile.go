package scenarios

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/hukousim/hukousim/sim/sweep"
)

// sweepKeys are the top-level keys of a sweep file.
var sweepKeys = []string{
	"scenario", "scenarios", "set", "households", "replicates", "seed",
	"years", "metrics", "design", "parameters",
}

// sweepRequired are the keys a sweep file must give (besides scenario or
// scenarios).
var sweepRequired = []string{"households", "replicates", "years", "metrics", "design", "parameters"}

// sweepColumns are sweep.csv's own columns, which no parameter may be
// named after.
var sweepColumns = []string{"point", "scenario", "replicate", "metric", "group", "year", "value"}

// maxPoints bounds a design: a million points of the smallest run take
// hours, and their plan alone hundreds of megabytes.
const maxPoints = 1_000_000

var sweepParamKeys = []string{"name", "path", "scale", "range", "steps", "values", "distribution"}

var designKeys = []string{"method", "points", "trajectories", "levels", "samples", "seed", "bootstrap"}

// designNeeds are the keys each design method takes besides method, seed
// and bootstrap; required ones first, then optional ones with defaults.
var designNeeds = map[string][]string{
	"grid":            nil,
	"latin-hypercube": {"points"},
	"morris":          {"trajectories", "levels"},
	"sobol":           {"samples"},
}

// LoadSweep reads a sweep file and checks all of it before any simulation
// runs (docs/ODD.md, Sweeps):
//
//	scenario: baseline            # or scenarios: [baseline, open-schools]
//	set: {time.burn_in: 18}       # optional overrides for every scenario, as --set
//	households: 20000
//	replicates: 3
//	seed: 1                       # optional, default 1: every point shares it
//	years: [2020]                 # calendar years recorded
//	metrics: [lbc, daughter_lb_jump_age12]
//	design:
//	  method: morris              # grid, latin-hypercube (points), morris
//	  trajectories: 20            # (trajectories, levels: 4), sobol (samples)
//	  seed: 1                     # optional: the design's random numbers
//	  bootstrap: 1000             # optional: resamples for the indices' intervals
//	parameters:
//	  - name: beta_h              # optional for path: the path names it
//	    path: preferences.beta_h  # one field set to the value, or
//	    range: [1.2, 2.5]         # uniform; with steps: n, n values in a grid
//	  - name: middle_fees
//	    scale: [cities.megacity.school.middle.private_fee_yuan_year]
//	    values: [0.8, 1, 1.2]     # fields multiplied by the value
//	  - name: psi
//	    path: preferences.psi
//	    distribution: {triangular: [0.01, 0.0227, 0.05]}
//	    # or {log-range: [lo, hi]}, {normal: {mean: m, sd: s, range: [lo, hi]}}
//
// Paths are checked in every scenario (with the overrides); both ends of
// every parameter's values must give parameters that sim accepts, the
// others at the scenario's values. An integer field takes rounded values
// and cannot be scaled. knownMetric, when not nil, checks the metrics.
// Problems are returned as an ErrorList, all at once, each with
// file:line:column.
func LoadSweep(path string, knownMetric func(string) bool) (*sweep.Spec, error) {
	if path == "" {
		return nil, ErrorList{{Msg: "no sweep file given"}}
	}
	data, err := (fileRef{name: path}).read()
	if err != nil {
		return nil, ErrorList{{File: path, Msg: err.Error()}}
	}
	return loadSweepBytes(path, data, knownMetric)
}

// loadSweepBytes is LoadSweep of data, reported as file, which also
// anchors the relative paths in it.
func loadSweepBytes(file string, data []byte, knownMetric func(string) bool) (*sweep.Spec, error) {
	l := newLoader()
	spec := l.sweepFile(file, data, knownMetric)
	if err := l.errs.result(); err != nil {
		return nil, err
	}
	return spec, nil
}

// sweepFile is a sweep file as decoded, with the nodes to blame.
type sweepFile struct {
	file string
	keys map[string]*yaml.Node
	spec *sweep.Spec
	scs  []*Scenario // with the overrides; empty when one failed to load
}

func (l *loader) sweepFile(file string, data []byte, knownMetric func(string) bool) *sweep.Spec {
	root := l.parse(data, &source{file: file})
	if root == nil {
		l.renameDocument(file, "a sweep file")
		return nil
	}
	d := decoder{l: l}
	keys := d.keys(root, "", sweepKeys)
	if keys == nil {
		return nil
	}
	s := &sweepFile{file: file, keys: keys, spec: &sweep.Spec{Seed: 1}}
	for _, k := range sweepRequired {
		if keys[k] == nil {
			l.errorAt(root, k, "is required")
		}
	}
	s.scenarios(l, root)
	s.sizes(l)
	s.years(l)
	s.metrics(l, knownMetric)
	s.design(l)
	s.parameters(l)
	s.checkSize(l)
	return s.spec
}

// checkSize refuses a design of more than maxPoints points, before it is
// laid out.
func (s *sweepFile) checkSize(l *loader) {
	k, d := len(s.spec.Params), s.spec.Design
	if k == 0 || d.Method == "" {
		return
	}
	n := 1.0
	switch d.Method {
	case "grid":
		for _, p := range s.spec.Params {
			n *= float64(max(1, len(p.Dist.Values), p.Dist.Steps))
		}
	case "latin-hypercube":
		n = float64(d.Points)
	case "morris":
		n = float64(d.Trajectories) * float64(k+1)
	case "sobol":
		n = float64(d.Samples) * float64(k+2)
	}
	if n > maxPoints {
		l.errorAt(s.keys["design"], "design", "gives %.0f points, more than %d; a smaller design, or several sweeps", n, maxPoints)
	}
}

// scenarios loads each scenario with the overrides of set.
func (s *sweepFile) scenarios(l *loader, root *yaml.Node) {
	one, many := s.keys["scenario"], s.keys["scenarios"]
	var nodes []*yaml.Node
	switch {
	case one != nil && many != nil:
		l.errorAt(many, "scenarios", "give scenario (one) or scenarios (a list), not both")
		return
	case one != nil:
		nodes = []*yaml.Node{one}
	case many == nil:
		l.errorAt(root, "scenario", "is required (or scenarios: a list)")
		return
	case many.Kind != yaml.SequenceNode:
		l.errorAt(many, "scenarios", "expected a list of scenarios, got %s", describe(many))
		return
	case len(many.Content) == 0:
		l.errorAt(many, "scenarios", "lists no scenarios")
		return
	default:
		nodes = many.Content
	}
	ok := true
	seen := map[string]*yaml.Node{}
	for _, n := range nodes {
		c := &calibFile{file: s.file, keys: map[string]*yaml.Node{"scenario": n, "set": s.keys["set"]}, spec: &Spec{}}
		c.scenario(l)
		if c.sc == nil {
			ok = false
			continue
		}
		if prev := seen[c.spec.Scenario]; prev != nil {
			l.errorAt(n, "scenarios", "%s is listed twice (first at line %d)", c.spec.Scenario, prev.Line)
			ok = false
			continue
		}
		seen[c.spec.Scenario] = n
		s.spec.Scenarios = append(s.spec.Scenarios, c.spec.Scenario)
		s.spec.Sets = c.spec.Sets
		s.scs = append(s.scs, c.sc)
	}
	if !ok {
		s.scs = nil
	}
}

// sizes decodes households, replicates and seed.
func (s *sweepFile) sizes(l *loader) {
	d := decoder{l: l}
	for _, k := range []string{"households", "replicates", "seed"} {
		n := s.keys[k]
		if n == nil {
			continue
		}
		x, ok := d.integer(n, k)
		switch {
		case !ok:
		case k == "seed" && x < 0:
			l.errorAt(n, k, "must be 0 or more, got %d", x)
		case k != "seed" && x < 1:
			l.errorAt(n, k, "must be at least 1, got %d", x)
		case k == "households":
			s.spec.Households = x
			for _, sc := range s.scs {
				p := cloneParams(&sc.Params)
				p.Population.Households = x
				for _, fe := range p.Validate() {
					if fe.Path == "population.households" {
						l.errorAt(n, k, "%s", fe.Msg)
					}
				}
			}
		case k == "replicates":
			s.spec.Reps = x
		default:
			s.spec.Seed = uint64(x)
		}
	}
}

// years decodes the calendar years to record: ascending, each from every
// scenario's start year on.
func (s *sweepFile) years(l *loader) {
	d := decoder{l: l}
	n := s.keys["years"]
	switch {
	case n == nil:
		return
	case n.Kind != yaml.SequenceNode:
		l.errorAt(n, "years", "expected a list of calendar years, got %s", describe(n))
		return
	case len(n.Content) == 0:
		l.errorAt(n, "years", "lists no years")
		return
	}
	for i, yn := range n.Content {
		y, ok := d.integer(yn, fmt.Sprintf("years[%d]", i))
		if !ok {
			continue
		}
		if k := len(s.spec.Years); k > 0 && y <= s.spec.Years[k-1] {
			l.errorAt(yn, "years", "%d does not come after %d: list the years once each, in order", y, s.spec.Years[k-1])
			continue
		}
		for j, sc := range s.scs {
			t := sc.Params.Time
			if y < t.StartYear {
				l.errorAt(yn, "years", "%d is before time.start_year %d of %s", y, t.StartYear, s.spec.Scenarios[j])
			} else if y-t.StartYear+1 > 200 {
				l.errorAt(yn, "years", "%d is more than 200 years after time.start_year %d of %s", y, t.StartYear, s.spec.Scenarios[j])
			}
		}
		s.spec.Years = append(s.spec.Years, y)
	}
}

// metrics decodes the metric names.
func (s *sweepFile) metrics(l *loader, knownMetric func(string) bool) {
	d := decoder{l: l}
	n := s.keys["metrics"]
	switch {
	case n == nil:
		return
	case n.Kind != yaml.SequenceNode:
		l.errorAt(n, "metrics", "expected a list of metric names, got %s", describe(n))
		return
	case len(n.Content) == 0:
		l.errorAt(n, "metrics", "lists no metrics")
		return
	}
	seen := map[string]*yaml.Node{}
	for i, mn := range n.Content {
		var m string
		if !d.value(mn, reflect.ValueOf(&m).Elem(), fmt.Sprintf("metrics[%d]", i)) {
			continue
		}
		switch {
		case seen[m] != nil:
			l.errorAt(mn, "metrics", "%s is listed twice (first at line %d)", m, seen[m].Line)
		case knownMetric != nil && !knownMetric(m):
			l.errorAt(mn, "metrics", "unknown metric %q: the engine produces no such series (docs/ODD.md, Observation, lists them)", m)
		default:
			seen[m] = mn
			s.spec.Metrics = append(s.spec.Metrics, m)
		}
	}
}

// design decodes the design.
func (s *sweepFile) design(l *loader) {
	d := decoder{l: l}
	n := s.keys["design"]
	if n == nil {
		return
	}
	keys := d.keys(n, "design", designKeys)
	if keys == nil {
		return
	}
	des := &s.spec.Design
	des.Seed, des.Bootstrap, des.Levels = 1, 1000, 4
	mn := keys["method"]
	if mn == nil {
		l.errorAt(n, "design.method", "is required (%s)", strings.Join(sweep.Methods, ", "))
		return
	}
	var m string
	if !d.value(mn, reflect.ValueOf(&m).Elem(), "design.method") {
		return
	}
	needs, known := designNeeds[m]
	if !known {
		if c := closest(m, sweep.Methods); c != "" {
			l.errorAt(mn, "design.method", "unknown method %q (did you mean %q?)", m, c)
		} else {
			l.errorAt(mn, "design.method", "unknown method %q (methods: %s)", m, strings.Join(sweep.Methods, ", "))
		}
		return
	}
	des.Method = m
	fields := map[string]*int{"points": &des.Points, "trajectories": &des.Trajectories, "levels": &des.Levels, "samples": &des.Samples}
	for _, k := range []string{"points", "trajectories", "levels", "samples", "seed", "bootstrap"} {
		kn := keys[k]
		generic := k == "seed" || k == "bootstrap"
		switch {
		case kn == nil && slices.Contains(needs, k) && k != "levels":
			l.errorAt(n, "design."+k, "is required for %s", m)
			continue
		case kn == nil:
			continue
		case !generic && !slices.Contains(needs, k):
			l.errorAt(kn, "design."+k, "is not used by %s (it is for %s)", m, methodOf(k))
			continue
		}
		x, ok := d.integer(kn, "design."+k)
		switch {
		case !ok:
		case k == "seed" && x < 0:
			l.errorAt(kn, "design.seed", "must be 0 or more, got %d", x)
		case k == "bootstrap" && x < 0:
			l.errorAt(kn, "design.bootstrap", "must be 0 (no intervals) or more, got %d", x)
		case k == "levels" && (x < 2 || x%2 != 0):
			l.errorAt(kn, "design.levels", "must be even and at least 2, got %d", x)
		case (k == "points" || k == "trajectories" || k == "samples") && x < 2:
			l.errorAt(kn, "design."+k, "must be at least 2, got %d", x)
		case k == "seed":
			des.Seed = uint64(x)
		case k == "bootstrap":
			des.Bootstrap = x
		default:
			*fields[k] = x
		}
	}
	if m != "morris" {
		des.Levels = 0
	}
}

// methodOf names the method that takes a design key.
func methodOf(key string) string {
	for _, m := range sweep.Methods {
		if slices.Contains(designNeeds[m], key) {
			return m
		}
	}
	return "no method"
}

// parameters decodes and checks the parameters that vary.
func (s *sweepFile) parameters(l *loader) {
	d := decoder{l: l}
	list := s.keys["parameters"]
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
	used := map[string]*yaml.Node{} // canonical path -> where it varies
	names := map[string]*yaml.Node{}
	for i, en := range list.Content {
		path := fmt.Sprintf("parameters[%d]", i)
		keys := d.keys(en, path, sweepParamKeys)
		if keys == nil {
			continue
		}
		par := sweep.Parameter{}
		good := true
		if nn := keys["name"]; nn != nil {
			if d.value(nn, reflect.ValueOf(&par.Name).Elem(), path+".name") && !idRE.MatchString(par.Name) {
				l.errorAt(nn, path+".name", "%q must be lowercase letters, digits, '_' and '-', starting with a letter or digit", par.Name)
				good = false
			}
		}
		ok := s.paramPaths(l, keys, en, path, &par)
		good = good && ok
		for _, canon := range par.Paths {
			if prev := used[canon]; prev != nil {
				l.errorAt(en, path, "%s already varies (the parameter at line %d)", canon, prev.Line)
				good = false
			}
			used[canon] = en
		}
		if par.Name == "" && par.Mode == "set" && len(par.Paths) == 1 {
			par.Name = par.Paths[0]
		}
		if par.Name != "" {
			at := keys["name"]
			if at == nil {
				at = en
			}
			if slices.Contains(sweepColumns, par.Name) {
				l.errorAt(at, path+".name", "%q is a column of sweep.csv (%s); name the parameter otherwise", par.Name, strings.Join(sweepColumns, ", "))
				good = false
			} else if prev := names[par.Name]; prev != nil {
				l.errorAt(at, "parameters", "duplicate name %q (first at line %d)", par.Name, prev.Line)
				good = false
			}
			names[par.Name] = at
		} else if par.Mode == "scale" {
			l.errorAt(en, path+".name", "is required for a scale")
			good = false
		}
		if ok := s.paramDist(l, keys, en, path, &par); !ok {
			good = false
		}
		if good && len(par.Paths) > 0 {
			s.checkParamEnds(l, keys, path, par)
			s.spec.Params = append(s.spec.Params, par)
		}
	}
}

// paramPaths decodes path or scale, checking each path in every scenario.
func (s *sweepFile) paramPaths(l *loader, keys map[string]*yaml.Node, en *yaml.Node, path string, par *sweep.Parameter) bool {
	d := decoder{l: l}
	pn, sn := keys["path"], keys["scale"]
	var nodes []*yaml.Node
	key := path + ".path"
	switch {
	case pn != nil && sn != nil:
		l.errorAt(sn, path, "give path (one field set to the value) or scale (fields multiplied by it), not both")
		return false
	case pn == nil && sn == nil:
		l.errorAt(en, path, "needs path (one field set to the value) or scale (a list of fields multiplied by it)")
		return false
	case pn != nil:
		par.Mode, nodes = "set", []*yaml.Node{pn}
	case sn.Kind == yaml.ScalarNode && sn.ShortTag() == "!!str":
		par.Mode, nodes, key = "scale", []*yaml.Node{sn}, path+".scale"
	case sn.Kind != yaml.SequenceNode:
		l.errorAt(sn, path+".scale", "expected a list of paths, got %s", describe(sn))
		return false
	case len(sn.Content) == 0:
		l.errorAt(sn, path+".scale", "lists no paths")
		return false
	default:
		par.Mode, nodes, key = "scale", sn.Content, path+".scale"
	}
	good := true
	for j, n := range nodes {
		at := key
		if len(nodes) > 1 || (sn != nil && sn.Kind == yaml.SequenceNode) {
			at = fmt.Sprintf("%s[%d]", key, j)
		}
		var p string
		if !d.value(n, reflect.ValueOf(&p).Elem(), at) {
			good = false
			continue
		}
		if len(s.scs) == 0 {
			good = false // nothing to check the path against
			continue
		}
		var canon string
		var base float64
		for k, sc := range s.scs {
			c, x, isInt, problem := numberAt(&sc.Params, p)
			if problem == "" && isInt && par.Mode == "scale" {
				problem = fmt.Sprintf("%s holds an integer and cannot be scaled; vary it with path", c)
			}
			if problem != "" {
				if len(s.scs) > 1 {
					problem = fmt.Sprintf("in %s, %s", s.spec.Scenarios[k], problem)
				}
				l.errorAt(n, at, "%s", problem)
				good = false
				break
			}
			if k == 0 {
				canon, base, par.Int = c, x, isInt
			}
		}
		if !good {
			continue
		}
		if slices.Contains(par.Paths, canon) {
			l.errorAt(n, at, "%s is listed twice", canon)
			good = false
			continue
		}
		par.Paths = append(par.Paths, canon)
		par.Bases = append(par.Bases, base)
	}
	if par.Mode == "set" {
		par.Bases = nil
	}
	return good
}

// paramDist decodes range (with steps), values or distribution: exactly
// one of them.
func (s *sweepFile) paramDist(l *loader, keys map[string]*yaml.Node, en *yaml.Node, path string, par *sweep.Parameter) bool {
	d := decoder{l: l}
	var given []string
	for _, k := range []string{"range", "values", "distribution"} {
		if keys[k] != nil {
			given = append(given, k)
		}
	}
	switch len(given) {
	case 0:
		l.errorAt(en, path, "needs range: [low, high], values: [...] or distribution: {...}")
		return false
	case 1:
	default:
		l.errorAt(keys[given[1]], path, "give one of range, values and distribution, not %s", strings.Join(given, " and "))
		return false
	}
	grid := s.spec.Design.Method == "grid"
	if sn := keys["steps"]; sn != nil {
		x, ok := d.integer(sn, path+".steps")
		switch {
		case !ok:
			return false
		case given[0] != "range":
			l.errorAt(sn, path+".steps", "goes with range (evenly spaced values in a grid)")
			return false
		case !grid && s.spec.Design.Method != "":
			l.errorAt(sn, path+".steps", "is for a grid; the %s design draws from the whole range", s.spec.Design.Method)
			return false
		case x < 2:
			l.errorAt(sn, path+".steps", "must be at least 2 (the ends of the range), got %d", x)
			return false
		}
		par.Dist.Steps = x
	}
	switch given[0] {
	case "range":
		lo, hi, ok := d.bounds(keys["range"], path, "range", "is")
		if !ok {
			return false
		}
		par.Dist.Kind, par.Dist.Args = "range", []float64{lo, hi}
		if grid && par.Dist.Steps == 0 {
			l.errorAt(keys["range"], path, "a grid needs steps: n with a range (or values: [...])")
			return false
		}
	case "values":
		vn := keys["values"]
		switch {
		case vn.Kind != yaml.SequenceNode:
			l.errorAt(vn, path+".values", "expected a list of numbers, got %s", describe(vn))
			return false
		case len(vn.Content) == 0:
			l.errorAt(vn, path+".values", "lists no values")
			return false
		}
		ok := true
		for j, xn := range vn.Content {
			x, good := d.number(xn, fmt.Sprintf("%s.values[%d]", path, j))
			if good && slices.Contains(par.Dist.Values, x) {
				l.errorAt(xn, path+".values", "%s is listed twice", xn.Value)
				good = false
			}
			ok = ok && good
			par.Dist.Values = append(par.Dist.Values, x)
		}
		if !ok {
			return false
		}
		par.Dist.Kind = "values"
	case "distribution":
		if grid {
			l.errorAt(keys["distribution"], path+".distribution", "a grid takes values or a range with steps, not a distribution")
			return false
		}
		return s.distribution(l, keys["distribution"], path+".distribution", &par.Dist)
	}
	return true
}

// distribution decodes {log-range: [lo, hi]}, {triangular: [lo, mode,
// hi]} or {normal: {mean: m, sd: s, range: [lo, hi]}}.
func (s *sweepFile) distribution(l *loader, n *yaml.Node, path string, dist *sweep.Dist) bool {
	d := decoder{l: l}
	kinds := []string{"log-range", "triangular", "normal"}
	before := len(l.errs.list)
	keys := d.keys(n, path, kinds)
	if keys == nil || len(l.errs.list) > before { // an unknown kind, reported
		return false
	}
	if len(keys) != 1 {
		l.errorAt(n, path, "give one distribution (%s)", strings.Join(kinds, ", "))
		return false
	}
	for _, k := range kinds {
		v := keys[k]
		if v == nil {
			continue
		}
		switch k {
		case "log-range":
			lo, hi, ok := d.bounds(v, path, k, "is")
			if ok && lo <= 0 {
				l.errorAt(v, path+"."+k, "must be above 0 (a logarithm is taken), got %s", v.Content[0].Value)
				ok = false
			}
			dist.Kind, dist.Args = k, []float64{lo, hi}
			return ok
		case "triangular":
			if !d.pairOrTriple(v, path+"."+k) {
				return false
			}
			var a []float64
			for j, xn := range v.Content {
				x, ok := d.number(xn, fmt.Sprintf("%s.%s[%d]", path, k, j))
				if !ok {
					return false
				}
				a = append(a, x)
			}
			if !(a[0] <= a[1] && a[1] <= a[2] && a[0] < a[2]) {
				l.errorAt(v, path+"."+k, "expected [low, mode, high] with low <= mode <= high and low < high")
				return false
			}
			dist.Kind, dist.Args = k, a
			return true
		case "normal":
			nk := d.keys(v, path+".normal", []string{"mean", "sd", "range"})
			if nk == nil {
				return false
			}
			ok := true
			for _, want := range []string{"mean", "sd", "range"} {
				if nk[want] == nil {
					l.errorAt(v, path+".normal."+want, "is required (the range truncates the normal, so that every value is valid)")
					ok = false
				}
			}
			if !ok {
				return false
			}
			mean, okM := d.number(nk["mean"], path+".normal.mean")
			sd, okS := d.number(nk["sd"], path+".normal.sd")
			lo, hi, okR := d.bounds(nk["range"], path+".normal", "range", "is")
			if okS && sd <= 0 {
				l.errorAt(nk["sd"], path+".normal.sd", "must be above 0, got %s", nk["sd"].Value)
				okS = false
			}
			dist.Kind, dist.Args = k, []float64{mean, sd, lo, hi}
			return okM && okS && okR
		}
	}
	return false
}

// pairOrTriple checks that n is a list of three numbers' nodes.
func (d *decoder) pairOrTriple(n *yaml.Node, path string) bool {
	if n.Kind != yaml.SequenceNode || len(n.Content) != 3 {
		d.l.errorAt(n, path, "expected [low, mode, high], got %s", describe(n))
		return false
	}
	return true
}

// checkParamEnds reports values that sim rejects at the ends of a
// parameter's values (every value of a list), in every scenario, the
// other parameters at the scenario's values.
func (s *sweepFile) checkParamEnds(l *loader, keys map[string]*yaml.Node, path string, par sweep.Parameter) {
	var vals []float64
	var blame []*yaml.Node // the node of each value
	switch {
	case par.Dist.Kind == "values":
		vals, blame = par.Dist.Values, keys["values"].Content
	case keys["range"] != nil:
		lo, hi := par.Dist.Ends()
		vals, blame = []float64{lo, hi}, keys["range"].Content
	default:
		lo, hi := par.Dist.Ends()
		vals, blame = []float64{lo, hi}, []*yaml.Node{keys["distribution"], keys["distribution"]}
	}
	for k, sc := range s.scs {
		for i, v := range vals {
			p := cloneParams(&sc.Params)
			root := reflect.ValueOf(p).Elem()
			for _, set := range par.Sets(v) {
				fp, xs, _ := strings.Cut(set, "=")
				t, _ := resolvePath(root, fp)
				var x float64
				fmt.Sscan(xs, &x)
				if par.Int {
					t.set(reflect.ValueOf(int(x)))
				} else {
					t.set(reflect.ValueOf(x))
				}
			}
			for _, fe := range p.Validate() {
				msg := fmt.Sprintf("at %s = %g, %s: %s", par.Name, v, fe.Path, fe.Msg)
				if len(s.scs) > 1 {
					msg = fmt.Sprintf("in %s, %s", s.spec.Scenarios[k], msg)
				}
				l.errorAt(blame[i], path, "%s", msg)
			}
		}
	}
}
