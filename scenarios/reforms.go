package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"sort"

	"go.yaml.in/yaml/v3"

	"github.com/hukousim/hukousim/sim"
)

// lastReformYear bounds reform years: sim's Validate ends every run before
// 2400, so a later reform could never take effect.
const lastReformYear = 2400

// rampStep is a later step of a ramp, waiting for its year.
type rampStep struct {
	year  int
	order int // the reform's place in the schedule
	owner int // the reform's index
	path  string
	value reflect.Value
	key   *yaml.Node // the set key, blamed if the path no longer resolves
	node  *yaml.Node // the set value, blamed for a value out of range
}

// schedule applies the reforms to a copy of base year by year and returns
// the epochs (validated, problems reported at the nodes that set the values)
// and, for each reform, its assignments in canonical form.
//
// Reforms apply in year order, those of one year in list order (the
// parent's before the child's). A ramp's later steps apply before the
// reforms dated in the same year, since they continue an older change; a
// reform that sets a field (or a block holding it) ends any older ramp of it.
//
// steps are the later values of the dated series (seriesSteps), pending
// from the start: they apply like a ramp's steps.
func (l *loader) schedule(base *sim.Params, reforms []reformSrc, steps []rampStep, rec *recorder) ([]sim.Epoch, [][]Assignment) {
	assigned := make([][]Assignment, len(reforms))
	start := base.Time.StartYear
	var plan []int // indexes into reforms, in the order they apply
	for i, r := range reforms {
		path := fmt.Sprintf("reforms[%d].year", r.index)
		switch {
		case r.year < start:
			l.errorAt(r.yearNode, path, "%d is before time.start_year %d", r.year, start)
		case r.year > lastReformYear:
			l.errorAt(r.yearNode, path, "%d is after %d, when every run has ended", r.year, lastReformYear)
		default:
			plan = append(plan, i)
		}
	}
	sort.SliceStable(plan, func(a, b int) bool { return reforms[plan[a]].year < reforms[plan[b]].year })

	state := cloneParams(base)
	root := reflect.ValueOf(state).Elem()
	prev := base
	d := &decoder{l: l, rec: rec}
	var epochs []sim.Epoch
	pending := steps
	l.seriesStarted, l.seriesDead = map[int]bool{}, map[int]bool{}
	next := 0
	for {
		year, found := 0, false
		if next < len(plan) {
			year, found = reforms[plan[next]].year, true
		}
		for _, s := range pending {
			if !found || s.year < year {
				year, found = s.year, true
			}
		}
		if !found {
			break
		}
		sort.SliceStable(pending, func(a, b int) bool {
			if pending[a].year != pending[b].year {
				return pending[a].year < pending[b].year
			}
			return pending[a].order < pending[b].order
		})
		k := 0
		for ; k < len(pending) && pending[k].year == year; k++ {
			l.applyStep(root, pending[k], rec)
			if pending[k].owner < 0 {
				l.seriesStarted[pending[k].owner] = true
			}
		}
		pending = pending[k:]
		for next < len(plan) && reforms[plan[next]].year == year {
			i := plan[next]
			assigned[i], pending = l.applyReform(root, &reforms[i], i, next, pending, d)
			next++
		}
		if !reflect.DeepEqual(state, prev) {
			snap := cloneParams(state)
			epochs = append(epochs, sim.Epoch{Year: year, Params: snap})
			l.validate(snap, rec, year)
			prev = cloneParams(state) // not snap: the caller owns the epochs
		}
	}
	// A reform whose year is refused still has its paths and values
	// checked, on a copy of the base, so that every problem is reported at
	// once; it is in no epoch.
	for i, r := range reforms {
		if r.year >= start && r.year <= lastReformYear {
			continue
		}
		scratch := cloneParams(base)
		l.applyReform(reflect.ValueOf(scratch).Elem(), &reforms[i], i, 0, nil, d)
		l.validate(scratch, rec, r.year)
	}
	return epochs, assigned
}

// applyReform applies the assignments of reform r (index i, order-th in the
// schedule) and returns them in canonical form, with pending ramp steps
// updated.
func (l *loader) applyReform(root reflect.Value, r *reformSrc, i, order int, pending []rampStep, d *decoder) ([]Assignment, []rampStep) {
	var out []Assignment
	for _, s := range r.sets {
		d.rec.seq++
		t, problem := resolvePath(root, s.path)
		if problem != "" {
			l.errorAt(s.key, s.path, "%s", problem)
			continue
		}
		pending = slices.DeleteFunc(pending, func(p rampStep) bool {
			ends := p.owner != i && pathsOverlap(p.path, t.path)
			if ends && p.owner < 0 && !l.seriesStarted[p.owner] && !l.seriesDead[p.owner] {
				// Dated values ended before any of their changes: they
				// would do nothing, silently.
				l.seriesDead[p.owner] = true
				l.errorAt(p.key, p.path, "these dated values never take effect: the reform of %d sets %s before their first change (%d); date them in that reform's place, or drop them", r.year, t.path, p.year)
			}
			return ends
		})
		if r.over <= 1 {
			x := d.assign(t, s.value)
			if x.IsValid() {
				out = append(out, Assignment{Path: t.path, Value: render(s.value, x)})
			}
			continue
		}
		if k := t.typ().Kind(); k != reflect.Int && k != reflect.Float64 {
			l.errorAt(s.key, t.path, "over_years %d needs a number to ramp, but this field takes %s", r.over, kindNoun(t.typ()))
			continue
		}
		old, x := t.get(), t.get()
		if !d.value(s.value, x, t.path) {
			continue
		}
		for step := 1; step <= r.over; step++ {
			v := rampValue(old, x, step, r.over)
			if step == 1 {
				t.set(v)
				continue
			}
			pending = append(pending, rampStep{
				year: r.year + step - 1, order: order, owner: i,
				path: t.path, value: v, key: s.key, node: s.value,
			})
		}
		out = append(out, Assignment{Path: t.path, Value: render(s.value, x)})
	}
	return out, pending
}

// applyStep sets the value of one later step of a ramp.
func (l *loader) applyStep(root reflect.Value, s rampStep, rec *recorder) {
	rec.seq++
	t, problem := resolvePath(root, s.path)
	if problem != "" {
		l.errorAt(s.key, s.path, "%s", problem)
		return
	}
	t.set(s.value)
	rec.set(t.path, s.node)
}

// rampValue is step (1..n) of the linear ramp from old to new; the last step
// is new exactly, whatever the rounding on the way. The step's value is
// old + (new−old)·step/n with the product rounded before the sum: the
// float64 conversion forbids fusing them into one multiply-add (as arm64
// would), which rounds once and may differ in the last bit, so the values
// are the same on every processor.
func rampValue(old, new reflect.Value, step, n int) reflect.Value {
	if step == n {
		return new
	}
	frac := float64(step) / float64(n)
	v := reflect.New(old.Type()).Elem()
	switch old.Kind() {
	case reflect.Int:
		a, b := float64(old.Int()), float64(new.Int())
		v.SetInt(int64(math.Round(a + float64((b-a)*frac))))
	default:
		a, b := old.Float(), new.Float()
		x := a + float64((b-a)*frac)
		if x == 0 {
			x = 0 // no -0
		}
		v.SetFloat(x)
	}
	return v
}

// cloneParams returns a deep copy of p.
func cloneParams(p *sim.Params) *sim.Params {
	c := new(sim.Params)
	deepCopy(reflect.ValueOf(c).Elem(), reflect.ValueOf(p).Elem())
	return c
}
