package experiment

import (
	"context"
	"fmt"
	"reflect"

	"github.com/hukousim/hukousim/sim"
)

// ForkYear is the first year in which the scenarios of specs may differ:
// they share their base parameters and every reform dated before it. It is
// the first simulated year when the bases differ, and after the last year
// when the scenarios are identical.
func ForkYear(specs []Spec) int {
	ref := specs[0]
	t := ref.Base.Time
	first, end := t.StartYear-t.BurnIn, t.StartYear+t.Years
	fork := end
	for _, s := range specs[1:] {
		if !reflect.DeepEqual(s.Base, ref.Base) {
			return first
		}
		fork = min(fork, firstDifference(ref.Epochs, s.Epochs, end))
	}
	return max(fork, first)
}

// firstDifference is the year of the first epoch in which a and b differ.
func firstDifference(a, b []sim.Epoch, end int) int {
	for i := 0; ; i++ {
		switch {
		case i == len(a) && i == len(b):
			return end
		case i == len(a):
			return b[i].Year
		case i == len(b):
			return a[i].Year
		case a[i].Year != b[i].Year:
			return min(a[i].Year, b[i].Year)
		case !reflect.DeepEqual(a[i].Params, b[i].Params):
			return a[i].Year
		}
	}
}

// RunBranched runs several scenarios with the same seed, replicates and
// workers, simulating the years they share once: each replicate runs the
// common years under the first spec, then forks one copy of the state per
// scenario. Results are identical, byte for byte, to running each spec with
// Run; only the time differs. Progress counts the household-years actually
// simulated.
func RunBranched(ctx context.Context, specs []Spec) ([]*Result, error) {
	if len(specs) == 0 {
		return nil, fmt.Errorf("experiment: nothing to run")
	}
	ref := specs[0]
	for i, s := range specs[1:] {
		if s.Seed != ref.Seed || s.Reps != ref.Reps || s.Base.Time != ref.Base.Time || s.Base.Population.Households != ref.Base.Population.Households {
			return nil, fmt.Errorf("experiment: scenario %d differs from the first in seed, replicates, calendar or households; it cannot share its years", i+1)
		}
	}
	if ref.Reps < 1 {
		return nil, fmt.Errorf("experiment: replicates must be at least 1, got %d", ref.Reps)
	}
	t := ref.Base.Time
	first := t.StartYear - t.BurnIn
	fork := ForkYear(specs)
	shared := fork - first
	perRep := shared + len(specs)*(t.BurnIn+t.Years-shared)
	total := float64(ref.Reps*perRep) * float64(ref.Base.Population.Households)
	results := make([]*Result, len(specs))
	for i := range results {
		results[i] = &Result{Years: yearsOf(t)}
	}
	done := 0.0
	step := func(m *sim.Model) error {
		if err := m.Step(ctx); err != nil {
			return err
		}
		done += float64(m.Households())
		if ref.Progress != nil {
			ref.Progress(done, total)
		}
		return nil
	}
	for r := 0; r < ref.Reps; r++ {
		// The common years run once under the first spec; with none in
		// common (different bases) every scenario starts from its own.
		var m *sim.Model
		var common observer
		if fork > first {
			var err error
			if m, err = sim.New(ref.Base, ref.Epochs, sim.Config{Seed: ref.Seed, Replicate: r, Workers: ref.Workers}); err != nil {
				return nil, err
			}
			for y := first; y < fork; y++ {
				if err := step(m); err != nil {
					return nil, err
				}
				common.observe(m)
			}
		}
		for i, s := range specs {
			var b *sim.Model
			if m != nil {
				b = m.Fork(s.Epochs)
			} else {
				var err error
				if b, err = sim.New(s.Base, s.Epochs, sim.Config{Seed: s.Seed, Replicate: r, Workers: s.Workers}); err != nil {
					return nil, err
				}
			}
			obs := common.clone()
			for y := fork; y < t.StartYear+t.Years; y++ {
				if err := step(b); err != nil {
					return nil, err
				}
				obs.observe(b)
			}
			results[i].Reps = append(results[i].Reps, obs.replicate(b))
			results[i].HouseholdYears += obs.householdYears
		}
		if ref.enough(r, results) {
			break
		}
	}
	return results, nil
}

func yearsOf(t sim.Time) []int {
	var ys []int
	for y := 0; y < t.Years; y++ {
		ys = append(ys, t.StartYear+y)
	}
	return ys
}

// Comparison is what RunAll gives: each spec's result, the year the
// scenarios first differ (the year after the last recorded when they
// never do), and whether the years before it were simulated once.
type Comparison struct {
	Results  []*Result
	ForkYear int
	Branched bool // the years before ForkYear were simulated once
}

// RunAll runs the specs of a comparison: branched from one simulation of
// the years they share (RunBranched) when they share a calendar and size
// and branch is true, otherwise each on its own (Run; the results are the
// same byte for byte). Only the first spec's Progress is called.
func RunAll(ctx context.Context, specs []Spec, branch bool) (*Comparison, error) {
	c := &Comparison{ForkYear: ForkYear(specs)}
	if !branch || !sameCalendar(specs) {
		if specs[0].Enough != nil {
			return c, runInterleaved(ctx, specs, c)
		}
		for i, s := range specs {
			if i > 0 {
				s.Progress = nil // one progress line, the first run's
			}
			r, err := Run(ctx, s)
			if err != nil {
				return nil, err
			}
			c.Results = append(c.Results, r)
		}
		return c, nil
	}
	res, err := RunBranched(ctx, specs)
	if err != nil {
		return nil, err
	}
	c.Results, c.Branched = res, true
	return c, nil
}

// sameCalendar reports whether the specs share years and population size,
// which branching needs.
func sameCalendar(specs []Spec) bool {
	for _, s := range specs[1:] {
		if s.Base.Time != specs[0].Base.Time || s.Base.Population.Households != specs[0].Base.Population.Households {
			return false
		}
	}
	return true
}

// runInterleaved runs the specs replicate by replicate, each on its own,
// so that the first spec's Enough can stop them all after any replicate.
// Progress (the first spec's) counts every spec's household-years.
func runInterleaved(ctx context.Context, specs []Spec, c *Comparison) error {
	total := 0.0
	for _, s := range specs {
		total += float64(float64(s.Reps*(s.Base.Time.BurnIn+s.Base.Time.Years)) * float64(s.Base.Population.Households))
	}
	for _, s := range specs {
		c.Results = append(c.Results, &Result{Years: yearsOf(s.Base.Time)})
	}
	for r := 0; r < specs[0].Reps; r++ {
		for i := range specs {
			s := specs[i]
			before := 0.0
			for j, o := range c.Results {
				if j != i {
					before += o.HouseholdYears
				}
			}
			s.Progress = specs[0].Progress
			if err := runRep(ctx, &s, r, c.Results[i], before, total); err != nil {
				return err
			}
		}
		if specs[0].enough(r, c.Results) {
			break
		}
	}
	return nil
}
