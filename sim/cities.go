package sim

import (
	"math"

	"github.com/hukousim/hukousim/sim/fmath"
)

// cityState is what every household reads in its decision: the snapshot of
// docs/ODD.md I.iii step 4, computed once a year from last year's totals.
type cityState struct {
	admission [MaxCities][3]float64 // effective public admission by stage
	wageIndex [MaxCities]float64
	netShare  [MaxRegions]float64 // share of the region's households with a migrant
	destCum   [MaxRegions][MaxCities]float64
	meanSpend float64 // mean schooling spending per pupil, thousand yuan
	region    [MaxRegions]regionYear
}

// regionYear is what a region's households share in a year's decisions.
type regionYear struct {
	ownGain float64    // γ·ln(1 + own spending / mean spending)
	depV    [3]float64 // β_d·E[depression onset] in the village, by separations
}

// refresh computes the per-region shares of the decision from the
// parameters in force and this year's mean spending.
func (s *cityState) refresh(c *compiled) {
	p := c.p
	mh := &p.MentalHealth
	for r := range c.regions {
		reg := &c.regions[r]
		y := &s.region[r]
		y.ownGain = spendingGain(p.HumanCapital.Gamma, reg.ownSpend, s.meanSpend)
		cover := float64(1 - float64(reg.counselling*c.counselGap))
		for sep := range 3 {
			y.depV[sep] = float64(p.Preferences.BetaD * float64(float64(mh.Onset*c.rr[sep])*cover))
		}
	}
}

func (s *cityState) init(m *Model) {
	for c := range m.c.cities {
		s.wageIndex[c] = 1
	}
	// Before any year has run, mean spending is the households' own.
	prev := 0.0
	for r, reg := range m.c.regions {
		s.meanSpend += float64((m.c.regionCum[r] - prev) * reg.ownSpend)
		prev = m.c.regionCum[r]
	}
	s.refresh(m.c)
}

// update computes this year's snapshot from last year's totals (m.cur).
//
// Seats are a multiple of the base year's demand (the demand of the last
// burn-in year), so they scale with the simulated population:
// admission = min(policy admission, seats / last year's demand). Before the
// base year, and where the base year had no demand, seats do not bind. The
// wage index is (migrant stock / base stock)^(−elasticity), 1 before the base.
func (s *cityState) update(m *Model) {
	c := m.c
	last := &m.cur
	if !m.baseSet && m.stepped && m.year >= m.c.p.Time.StartYear {
		m.baseSet = true
		m.baseDemand = last.demand
		m.baseStock = last.stock
	}
	for ci := range c.cities {
		ct := &c.cities[ci]
		for st := 0; st < 3; st++ {
			a := ct.stage[st].admission
			if m.baseSet && m.baseDemand[ci][st] > 0 && last.demand[ci][st] > 0 {
				a = math.Min(a, ct.stage[st].seats*m.baseDemand[ci][st]/last.demand[ci][st])
			}
			s.admission[ci][st] = a
		}
		s.wageIndex[ci] = 1
		if m.baseSet && m.baseStock[ci] > 0 && last.stock[ci] > 0 {
			s.wageIndex[ci] = fmath.Pow(last.stock[ci]/m.baseStock[ci], -ct.elasticity)
		}
	}
	for r := range c.regions {
		if m.stepped && last.regHH[r] > 0 {
			s.netShare[r] = last.regMig[r] / last.regHH[r]
		}
		cum := 0.0
		w := m.c.p.Preferences.DestWageWeight
		for ci := range c.cities {
			ct := &c.cities[ci]
			net := float64(fmath.Exp(ct.lnWage+c.wageVarHalf)*s.wageIndex[ci]) - ct.living
			if share := c.regions[r].destShare[ci]; share > 0 {
				cum += float64(share * fmath.Pow(math.Max(net, 1e-3), w))
			}
			s.destCum[r][ci] = cum
		}
	}
	if m.stepped && last.spend[1] > 0 {
		s.meanSpend = last.spend[0] / last.spend[1]
	}
	s.refresh(c)
}
