package sim

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/hukousim/hukousim/sim/fmath"
	"github.com/hukousim/hukousim/sim/rng"
)

// Config is how one replicate is run; it does not change what the model means.
type Config struct {
	Seed      uint64
	Replicate int
	Workers   int // <= 0: all cores
	// Micro, if set, receives every child-year of a sample of households
	// (MicroFraction of them, chosen by a hash of seed and household id),
	// recorded years only.
	Micro         MicroSink
	MicroFraction float64
}

// Model is one replicate of the simulation.
type Model struct {
	epochs []Epoch   // reforms still to come, sorted by year
	c      *compiled // the parameters in force (c.p), compiled

	seed, rep uint64
	rb        rng.Base // key prefix of (seed, replicate)
	workers   int
	year      int // the year being (or last) stepped
	year0     int // first simulated year: start_year − burn_in

	hh     []household
	nextID uint64

	targetChildren float64 // simulated children at the start
	children0      float64 // population.rural_children in start_year (0: not given)

	city cityState
	out  outlook    // the year's look-ahead tables (docs/ODD.md II.ii)
	demo demoTotals // this year's demography
	cur  tally      // this (or, before the decision, last) year's totals
	accs []tally

	scale      float64 // fixed in the first recorded year
	baseSet    bool
	baseDemand [MaxCities][3]float64
	baseStock  [MaxCities]float64
	stepped    bool

	micro     MicroSink
	microCut  uint64        // a household is sampled if its hash is below
	microBufs [][]ChildYear // by chunk
}

// BytesPerHousehold is the model's memory per household slot (children
// included), for the up-front memory estimate.
const BytesPerHousehold = 112 + 8

// New builds the initial population of one replicate. base holds the
// parameters in force from the first simulated year; epochs the reforms.
func New(base *Params, epochs []Epoch, cfg Config) (*Model, error) {
	if errs := base.Validate(); len(errs) > 0 {
		return nil, fmt.Errorf("sim: invalid parameters: %w", errors.Join(fieldErrs(errs)...))
	}
	for _, e := range epochs {
		if errs := e.Params.Validate(); len(errs) > 0 {
			return nil, fmt.Errorf("sim: invalid parameters from %d: %w", e.Year, errors.Join(fieldErrs(errs)...))
		}
		if len(e.Params.Cities) != len(base.Cities) || len(e.Params.Regions) != len(base.Regions) {
			return nil, fmt.Errorf("sim: a reform in %d changes the number of cities or regions", e.Year)
		}
	}
	m := &Model{
		epochs:  epochs,
		c:       compile(base),
		seed:    cfg.Seed,
		rep:     uint64(cfg.Replicate),
		workers: cfg.Workers,
		micro:   cfg.Micro,
		rb:      rng.NewBase(cfg.Seed, uint64(cfg.Replicate)),
	}
	if m.micro != nil {
		m.microCut = fractionCut(cfg.MicroFraction)
	}
	if m.workers <= 0 {
		m.workers = runtime.GOMAXPROCS(0)
	}
	m.year0 = base.Time.StartYear - base.Time.BurnIn
	m.year = m.year0 - 1
	n := base.Population.Households
	m.hh = make([]household, n, n+n/4)
	m.parallel(func(lo, hi int, _ *tally) {
		for i := lo; i < hi; i++ {
			m.initHousehold(&m.hh[i], uint64(i))
		}
	})
	m.nextID = uint64(n)
	for i := range m.hh {
		_, nk := m.hh[i].occupied()
		m.targetChildren += float64(nk)
		m.cur.households++
	}
	m.city.init(m)
	return m, nil
}

func fieldErrs(fe []FieldError) []error {
	out := make([]error, len(fe))
	for i, e := range fe {
		out[i] = e
	}
	return out
}

// Year is the year of the last step.
func (m *Model) Year() int { return m.year }

// Recording reports whether the last step was after the burn-in.
func (m *Model) Recording() bool { return m.year >= m.c.p.Time.StartYear }

// Params is the parameter set in force in the last step.
func (m *Model) Params() *Params { return m.c.p }

// Households is the number of active households.
func (m *Model) Households() int { return int(m.cur.households) }

// Slots is the number of household slots in use (active or free).
func (m *Model) Slots() int { return len(m.hh) }

// Step runs one year of the schedule of docs/ODD.md I.iii.
func (m *Model) Step(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.year++
	m.applyReforms()
	m.demography()
	m.enterHouseholds()
	m.city.update(m) // reads last year's totals in m.cur
	m.buildOutlook()
	if err := m.householdYears(); err != nil {
		return err
	}
	if m.year == m.c.p.Time.StartYear && m.cur.households > 0 {
		m.scale = m.c.p.Population.RealHouseholds / m.cur.households
	}
	m.stepped = true
	return nil
}

// applyReforms switches to the parameters of every reform dated this year.
// The burn-in runs under the first recorded year's policy: reforms dated
// later wait for their year.
func (m *Model) applyReforms() {
	var p *Params
	for len(m.epochs) > 0 && m.epochs[0].Year <= m.year {
		p = m.epochs[0].Params
		m.epochs = m.epochs[1:]
	}
	if p != nil {
		m.c = compile(p)
	}
}

// chunkSize depends only on the number of slots, never on the number of
// workers, so sums reduced chunk by chunk are the same for any worker count.
func chunkSize(n int) int {
	s := (n + 511) / 512
	return min(max(s, 256), 1<<16)
}

// parallel runs f over fixed chunks of the household slots on m.workers
// goroutines. Each chunk gets its own zeroed accumulator; callers reduce
// them in chunk order.
func (m *Model) parallel(f func(lo, hi int, a *tally)) {
	chunks := m.prepareChunks()
	m.parallelChunks(0, chunks, f)
}

// prepareChunks sizes and zeroes the per-chunk accumulators and returns
// the number of chunks.
func (m *Model) prepareChunks() int {
	n := len(m.hh)
	cs := chunkSize(n)
	chunks := (n + cs - 1) / cs
	if cap(m.accs) < chunks {
		m.accs = make([]tally, chunks, chunks+chunks/4+1)
	}
	m.accs = m.accs[:chunks]
	clear(m.accs)
	return chunks
}

// parallelChunks runs f over chunks [from, to) on m.workers goroutines.
func (m *Model) parallelChunks(from, to int, f func(lo, hi int, a *tally)) {
	n := len(m.hh)
	cs := chunkSize(n)
	var next atomic.Int64
	next.Store(int64(from))
	work := func() {
		for {
			ch := int(next.Add(1) - 1)
			if ch >= to {
				return
			}
			f(ch*cs, min((ch+1)*cs, n), &m.accs[ch])
		}
	}
	w := min(m.workers, to-from)
	if w <= 1 {
		work()
		return
	}
	var wg sync.WaitGroup
	for range w {
		wg.Go(work)
	}
	wg.Wait()
}

// reduce sums the chunk accumulators in chunk order.
func (m *Model) reduce() tally {
	var t tally
	for i := range m.accs {
		t.add(&m.accs[i])
	}
	return t
}

// enterHouseholds adds young households, each with a newborn, so that the
// number of children follows the scenario's trend: the burn-in ends in a
// steady state, and entry replaces the families whose children grew up.
func (m *Model) enterHouseholds() {
	target := m.targetChildren
	pop := &m.c.p.Population
	if m.year == m.c.p.Time.StartYear {
		m.children0 = pop.RuralChildren
	}
	if m.year > m.c.p.Time.StartYear {
		target *= fmath.Pow(1+pop.ChildTrend, float64(m.year-m.c.p.Time.StartYear))
		if m.children0 > 0 && pop.RuralChildren > 0 {
			// The published path of the child population, relative to the
			// start year (docs/ODD.md, Dated inputs).
			target *= pop.RuralChildren / m.children0
		}
	}
	deficit := int(math.Round(target - m.demo.children))
	// The demography pass counted the free slots of each chunk: fill them
	// in slot order, then grow the population.
	cs := chunkSize(len(m.hh))
	for ch := 0; ch < len(m.accs) && deficit > 0; ch++ {
		if m.accs[ch].freeSlots == 0 {
			continue
		}
		for i := ch * cs; i < min((ch+1)*cs, len(m.hh)) && deficit > 0; i++ {
			if m.hh[i].flags&hActive == 0 {
				m.enterAt(i)
				deficit--
			}
		}
	}
	for ; deficit > 0; deficit-- {
		m.hh = append(m.hh, household{})
		m.enterAt(len(m.hh) - 1)
	}
}

// enterAt gives slot i to the next entrant. The entrant is drawn in the
// parallel pass that follows (its draws are keyed by its id, so where and
// when it is drawn does not matter).
func (m *Model) enterAt(i int) {
	m.hh[i] = household{id: m.nextID, flags: hEntering}
	m.nextID++
	m.demo.children++
	m.demo.entrants++
}

// EstimateBytes is the memory a run of p will need at most: its household
// slots, with room for the population to grow by a quarter, plus the
// per-chunk sums and a fixed overhead.
func EstimateBytes(p *Params) int64 {
	n := int64(p.Population.Households)
	slots := n + n/4
	chunks := slots/int64(chunkSize(int(min(slots, 1<<40)))) + 1
	return slots*BytesPerHousehold + chunks*int64(accLen*8) + 64<<20
}

// Fork returns an independent copy of the model at the end of its last
// step, to continue under the reforms of epochs (those dated after that
// year). Since every draw is keyed by (seed, replicate, household, year,
// purpose), the copy continues exactly as a model run from the start with
// those reforms would: comparisons share the years before their first
// difference.
func (m *Model) Fork(epochs []Epoch) *Model {
	n := *m
	n.hh = append(make([]household, 0, cap(m.hh)), m.hh...)
	n.accs = make([]tally, len(m.accs), cap(m.accs))
	n.micro, n.microBufs = nil, nil
	n.out = outlook{} // rebuilt every year; never share its tables
	n.epochs = nil
	for _, e := range epochs {
		if e.Year > m.year {
			n.epochs = append(n.epochs, e)
		}
	}
	return &n
}
