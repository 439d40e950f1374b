package experiment

import (
	"context"
	"fmt"

	"github.com/hukousim/hukousim/sim"
)

// Spec is one experiment: a scenario's schedule and how to run it.
type Spec struct {
	Base    *sim.Params
	Epochs  []sim.Epoch
	Seed    uint64
	Reps    int
	Workers int
	// Progress, if set, is called after every simulated year with the
	// number of household-years done and the expected total.
	Progress func(done, total float64)
	// Micro, if set, receives the child-years of a sample of households
	// (MicroFraction of them) in every replicate's recorded years, replicate
	// after replicate (sim.Config.Micro). Run passes them on; RunBranched
	// ignores them, since its branches share the years before the fork.
	Micro         sim.MicroSink
	MicroFraction float64
	// Enough, if set, is asked after every replicate from the MinReps-th
	// on whether the replicates so far are enough (given every spec's
	// results, in a comparison the first spec's Enough); Run, RunBranched
	// and RunAll then stop adding replicates, Reps at most. Replicate r's
	// results are those of a run of any length, so stopping early changes
	// nothing but their number.
	Enough func(results []*Result) bool
}

// MinReps is the fewest replicates Enough is asked about: an interval from
// two is too wide to stop on, and one from three already rests on a
// spread that chance can make small.
const MinReps = 3

// enough says whether to stop after replicate r (from 0).
func (s *Spec) enough(r int, results []*Result) bool {
	return s.Enough != nil && r+1 >= MinReps && s.Enough(results)
}

// Result is what every replicate observed.
type Result struct {
	Years []int
	Reps  []Replicate
	// HouseholdYears counts the household-years simulated, burn-in included.
	HouseholdYears float64
}

// Replicate is one replicate's observations, by recorded year.
type Replicate struct {
	Metrics [][]sim.Value
	Cohorts [][]sim.Cohort
	Drift   Drift
	// Scale is how many real households one simulated household stood for.
	Scale float64
}

// Drift measures how far the burn-in was from a steady state: the change
// over its last five years (or all of it, if shorter).
type Drift struct {
	Years        int     `json:"years"`
	ChildrenRel  float64 `json:"children_relative_change"`
	LBCShareAbs  float64 `json:"lbc_share_change"`
	MigratingRel float64 `json:"households_migrating_relative_change"`
}

// Run runs every replicate in turn; each uses all workers. Replicate r's
// random numbers are keyed by (Seed, r), so a replicate's results do not
// depend on how many others run.
func Run(ctx context.Context, s Spec) (*Result, error) {
	if s.Reps < 1 {
		return nil, fmt.Errorf("experiment: replicates must be at least 1, got %d", s.Reps)
	}
	t := s.Base.Time
	total := float64(s.Reps*(t.BurnIn+t.Years)) * float64(s.Base.Population.Households)
	res := &Result{Years: yearsOf(t)}
	for r := 0; r < s.Reps; r++ {
		if err := runRep(ctx, &s, r, res, 0, total); err != nil {
			return nil, err
		}
		if s.enough(r, []*Result{res}) {
			break
		}
	}
	return res, nil
}

// runRep runs replicate r of s and appends it to res; Progress counts from
// before (household-years of other runs) towards total.
func runRep(ctx context.Context, s *Spec, r int, res *Result, before, total float64) error {
	t := s.Base.Time
	m, err := sim.New(s.Base, s.Epochs, sim.Config{
		Seed: s.Seed, Replicate: r, Workers: s.Workers, Micro: s.Micro, MicroFraction: s.MicroFraction,
	})
	if err != nil {
		return err
	}
	var obs observer
	for y := 0; y < t.BurnIn+t.Years; y++ {
		if err := m.Step(ctx); err != nil {
			return err
		}
		obs.observe(m)
		if s.Progress != nil {
			s.Progress(before+res.HouseholdYears+obs.householdYears, total)
		}
	}
	res.Reps = append(res.Reps, obs.replicate(m))
	res.HouseholdYears += obs.householdYears
	return nil
}

// observer gathers what one replicate observes, year by year.
type observer struct {
	rep            Replicate
	burn           []burnPoint
	householdYears float64
}

func (o *observer) observe(m *sim.Model) {
	o.householdYears += float64(m.Households())
	vals := m.Metrics()
	if !m.Recording() {
		o.burn = append(o.burn, pointOf(vals))
		return
	}
	o.rep.Metrics = append(o.rep.Metrics, vals)
	o.rep.Cohorts = append(o.rep.Cohorts, m.Cohorts())
}

// clone copies the observations so far for a branch (the values of a year
// are never changed, so they are shared).
func (o *observer) clone() observer {
	return observer{
		rep:            Replicate{Metrics: append([][]sim.Value(nil), o.rep.Metrics...), Cohorts: append([][]sim.Cohort(nil), o.rep.Cohorts...)},
		burn:           append([]burnPoint(nil), o.burn...),
		householdYears: o.householdYears,
	}
}

func (o *observer) replicate(m *sim.Model) Replicate {
	r := o.rep
	r.Drift = drift(o.burn)
	r.Scale = m.Scale()
	return r
}

type burnPoint struct{ children, lbcShare, migrating float64 }

func pointOf(vals []sim.Value) burnPoint {
	var b burnPoint
	for _, v := range vals {
		if v.Group != "" {
			continue
		}
		switch v.Name {
		case "children":
			b.children = v.Value
		case "lbc_share":
			b.lbcShare = v.Value
		case "households_migrating":
			b.migrating = v.Value
		}
	}
	return b
}

func drift(b []burnPoint) Drift {
	if len(b) < 2 {
		return Drift{} // no burn-in to measure
	}
	first := b[max(0, len(b)-6)]
	last := b[len(b)-1]
	return Drift{
		Years:        len(b) - 1 - max(0, len(b)-6),
		ChildrenRel:  last.children/first.children - 1,
		LBCShareAbs:  last.lbcShare - first.lbcShare,
		MigratingRel: last.migrating/first.migrating - 1,
	}
}
