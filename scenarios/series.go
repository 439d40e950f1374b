package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/hukousim/hukousim/sim"
)

// Series is a numeric parameter given as dated values (docs/ODD.md,
// Scenario files, Dated inputs): in a year between two of its years the
// value is interpolated linearly (rounded for an integer field); before
// the first year it is the first value, after the last the last. The
// parameters of the start year hold the value of the start year, and so
// does the burn-in; each later recorded year in which the value changes
// begins an epoch. A reform that sets the field, or a block holding it,
// ends the series from its year, as it ends a ramp.
type Series struct {
	Path   string // canonical, as in Assignment
	Points []SeriesPoint
}

// SeriesPoint is one dated value of a Series.
type SeriesPoint struct {
	Year  int
	Value float64 // an integer field's values are whole
}

// firstSeriesYear and lastReformYear bound the years of a series: none of
// this model's sources is older than 1949, and no run goes past 2400.
const firstSeriesYear = 1949

// datedTag is the `dated` tag of the sim.Params field that path names
// (through list elements and map entries to the field holding them): what
// dated values it takes, "" for any.
func datedTag(path string) string {
	t := reflect.TypeFor[sim.Params]()
	tag := ""
	for _, seg := range strings.Split(path, ".") {
		name, _, _, _ := splitIndex(seg)
		switch t.Kind() {
		case reflect.Struct:
			f, ok := fieldByName(fieldsOf(t), name)
			if !ok {
				return ""
			}
			sf := t.Field(f.index)
			tag, t = sf.Tag.Get("dated"), sf.Type
		case reflect.Slice, reflect.Map: // a named element or a map key
			t = t.Elem()
		default:
			return tag
		}
		for t.Kind() == reflect.Slice && !isNamedList(t) { // name[i]
			t = t.Elem()
		}
	}
	return tag
}

// seriesSrc is a series as written, with the nodes to blame.
type seriesSrc struct {
	Series
	typ   reflect.Type // of the field: int or float64
	key   *yaml.Node   // the mapping, blamed for the whole
	nodes []*yaml.Node // the value node of each point
}

// at is the series' value in year y.
func (s *Series) at(y int) float64 {
	p := s.Points
	switch {
	case y <= p[0].Year:
		return p[0].Value
	case y >= p[len(p)-1].Year:
		return p[len(p)-1].Value
	}
	i := sort.Search(len(p), func(i int) bool { return p[i].Year >= y })
	if p[i].Year == y {
		return p[i].Value
	}
	a, b := p[i-1], p[i]
	frac := float64(y-a.Year) / float64(b.Year-a.Year)
	// The product rounded before the sum, as in rampValue: the same bits
	// on every processor.
	v := a.Value + float64((b.Value-a.Value)*frac)
	if v == 0 {
		v = 0 // no -0
	}
	return v
}

// valueAt is the series' value in year y as a value of the field's type.
func (s *seriesSrc) valueAt(y int) reflect.Value {
	v := reflect.New(s.typ).Elem()
	x := s.at(y)
	if s.typ.Kind() == reflect.Int {
		v.SetInt(int64(math.Round(x)))
	} else {
		v.SetFloat(x)
	}
	return v
}

// nodeAt is the node to blame for the value in year y: the point at or
// before it (the first point before them all).
func (s *seriesSrc) nodeAt(y int) *yaml.Node {
	j := 0
	for i, p := range s.Points {
		if p.Year <= y {
			j = i
		}
	}
	return s.nodes[j]
}

// series decodes a mapping of years to values laid over the numeric field
// v at path. With a recorder (the pass that builds the scenario) the
// series is kept for the loader, and v holds its first value until the
// start year is known.
func (d *decoder) series(n *yaml.Node, v reflect.Value, path string) bool {
	if !d.dated {
		d.l.errorAt(n, path, "expected %s, got a mapping: dated values are given in the parameters, not in a reform (docs/ODD.md, Dated inputs)", kindNoun(v.Type()))
		return false
	}
	if datedTag(path) == "no" {
		d.l.errorAt(n, path, "cannot take dated values: it is fixed for the whole run")
		return false
	}
	if len(n.Content) == 0 {
		d.l.errorAt(n, path, "dated values need at least one year")
		return false
	}
	s := &seriesSrc{Series: Series{Path: path}, typ: v.Type(), key: n}
	ok := true
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, vn := n.Content[i], n.Content[i+1]
		year, err := strconv.Atoi(kn.Value)
		switch {
		case kn.Kind != yaml.ScalarNode || err != nil || kn.ShortTag() != "!!int":
			d.l.errorAt(kn, path, "expected a year (an integer) as the key of a dated value, got %s", describe(kn))
			ok = false
			continue
		case year < firstSeriesYear || year > lastReformYear:
			d.l.errorAt(kn, path, "year %d is outside %d-%d", year, firstSeriesYear, lastReformYear)
			ok = false
			continue
		case len(s.Points) > 0 && year == s.Points[len(s.Points)-1].Year:
			d.l.errorAt(kn, path, "year %d is given twice", year)
			ok = false
			continue
		case len(s.Points) > 0 && year < s.Points[len(s.Points)-1].Year:
			d.l.errorAt(kn, path, "year %d is out of order: it follows %d; give the years in increasing order", year, s.Points[len(s.Points)-1].Year)
			ok = false
			continue
		}
		x, good := d.scalar(vn, v.Type(), fmt.Sprintf("%s (in %d)", path, year))
		if !good {
			ok = false
			continue
		}
		val := 0.0
		if x.Kind() == reflect.Int {
			val = float64(x.Int())
		} else {
			val = x.Float()
		}
		s.Points = append(s.Points, SeriesPoint{Year: year, Value: val})
		s.nodes = append(s.nodes, vn)
	}
	if !ok {
		return false
	}
	v.Set(s.valueAt(s.Points[0].Year))
	if d.rec != nil {
		d.l.dropSeries(path)
		d.l.series = append(d.l.series, s)
	}
	return true
}

// dropSeries forgets the series at or inside path, which a value given
// whole replaces.
func (l *loader) dropSeries(path string) {
	kept := l.series[:0]
	for _, s := range l.series {
		if !isWithin(s.Path, path) {
			kept = append(kept, s)
		}
	}
	l.series = kept
}

// startSeries sets every series' field in p to its value in the start
// year, and checks the dated values against the fields' ranges and the
// cross-field rules (shares that sum to 1): for each year that any series
// gives, all of them at their values of that year, on a copy of p. A
// problem is reported once per field, at the value of the first year it
// appears in; the years between, interpolated, are then not checked again
// (schedule), since a bad interpolated value comes from a bad given one.
func (l *loader) startSeries(p *sim.Params, rec *recorder) {
	sort.SliceStable(l.series, func(a, b int) bool { return l.series[a].Path < l.series[b].Path })
	start := p.Time.StartYear
	root := reflect.ValueOf(p).Elem()
	if l.reported == nil {
		l.reported = map[string]bool{}
	}
	if l.badSeries == nil {
		l.badSeries = map[string]bool{}
	}
	var live []*seriesSrc
	for _, s := range l.series {
		if _, problem := resolvePath(root, s.Path); problem != "" {
			l.errorAt(s.key, s.Path, "%s", problem)
			continue
		}
		if datedTag(s.Path) == "positive" {
			for i, pt := range s.Points {
				if pt.Value <= 0 {
					l.errorAt(s.nodes[i], s.Path, "dated values must be above 0, got %s (%d): 0 means \"not given\" only as a plain value", formatFloat(pt.Value), pt.Year)
					l.badSeries[s.Path] = true
				}
			}
		}
		live = append(live, s)
	}
	// Each series at each year it gives, with every other at its value
	// of that year: a problem inside its field is the value's own.
	for _, s := range live {
		for i, pt := range s.Points {
			q := cloneParams(p)
			qroot := reflect.ValueOf(q).Elem()
			for _, o := range live {
				t, _ := resolvePath(qroot, o.Path)
				t.set(o.valueAt(pt.Year))
			}
			for _, fe := range q.Validate() {
				if !isWithin(fe.Path, s.Path) && !isWithin(s.Path, fe.Path) {
					continue
				}
				key := fe.Path + "\x00" + fe.Msg
				if !l.badSeries[fe.Path] && !l.reported[key] {
					l.errorAt(s.nodes[i], fe.Path, "%s (in %d)", fe.Msg, pt.Year)
				}
				l.reported[key] = true // not again for the start year's value
				l.badSeries[fe.Path] = true
			}
		}
	}
	for _, s := range live {
		t, _ := resolvePath(root, s.Path)
		t.set(s.valueAt(start))
		rec.set(s.Path, s.nodeAt(start))
	}
}

// seriesSteps are the later years' values of every series, as steps for
// the schedule: one in each year after the start year, up to the run's
// last, in which the value changes. They apply before the reforms of
// their year, and a reform that sets the field ends them (schedule).
func (l *loader) seriesSteps(base *sim.Params) []rampStep {
	start, end := base.Time.StartYear, base.Time.StartYear+base.Time.Years-1
	var steps []rampStep
	for k, s := range l.series {
		prev := s.valueAt(start)
		for y := start + 1; y <= end; y++ {
			v := s.valueAt(y)
			if v.Equal(prev) {
				continue
			}
			prev = v
			steps = append(steps, rampStep{
				year: y, order: -1, owner: -1 - k,
				path: s.Path, value: v, key: s.key, node: s.nodeAt(y),
			})
		}
	}
	return steps
}

// scenarioSeries is the loader's series in the Scenario's form.
func (l *loader) scenarioSeries() []Series {
	var out []Series
	for _, s := range l.series {
		out = append(out, Series{Path: s.Path, Points: append([]SeriesPoint(nil), s.Points...)})
	}
	return out
}

func isNumeric(t reflect.Type) bool { return t.Kind() == reflect.Int || t.Kind() == reflect.Float64 }
