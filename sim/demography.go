package sim

import (
	"math"

	"github.com/hukousim/hukousim/sim/fmath"
	"github.com/hukousim/hukousim/sim/rng"
)

// demoTotals are the demography step's counts.
type demoTotals struct {
	children, births, entrants, exits float64
}

// demography ages everyone, removes children who turned 18 (their outcome
// was recorded at the gaokao), updates caregivers, adds births, and retires
// households with no children left to raise.
func (m *Model) demography() {
	m.parallel(func(lo, hi int, a *tally) {
		for i := lo; i < hi; i++ {
			if m.hh[i].flags&hActive != 0 {
				m.ageHousehold(&m.hh[i], a)
			}
			if m.hh[i].flags&hActive == 0 {
				a.freeSlots++
			}
		}
	})
	var d demoTotals
	for i := range m.accs {
		d.children += m.accs[i].children
		d.births += m.accs[i].births
		d.exits += m.accs[i].exits
	}
	m.demo = d
}

func (m *Model) ageHousehold(hh *household, a *tally) {
	d := &m.c.p.Demography
	r := m.hhKey(hh).Stream(rng.Demography)
	hh.ageF = bump(hh.ageF)
	hh.ageM = bump(hh.ageM)
	hh.careAge = bump(hh.careAge)
	for c := range hh.kids {
		k := &hh.kids[c]
		if k.age < 0 {
			continue
		}
		k.age++
		if k.age >= 18 {
			hh.clearSlot(c)
			hh.lastS &^= 1 << c
		}
	}
	// Caregivers: loss rises with age; a household without one finds another
	// relative with a small probability.
	u := r.Float64()
	if hh.flags&hCare != 0 {
		if u < math.Min(1, d.CaregiverLoss*fmath.Exp(d.CaregiverSlope*(float64(hh.careAge)-d.CaregiverLossAgeYears))) {
			hh.flags &^= hCare
		}
	} else if u < d.CaregiverGain {
		hh.flags |= hCare
		hh.careAge = uint8(d.CaregiverNewAgeYears)
	}
	// Births, by the mother's age band, until the intended number is reached.
	if float64(hh.ageM) > d.MaxMotherAgeYears {
		hh.kidsToCome = 0
	}
	u = r.Float64()
	if hh.kidsToCome > 0 && hh.ageM >= 15 {
		band := (int(hh.ageM) - 15) / 5
		if band < len(m.c.hazard) && u < m.c.hazard[band] {
			for c := range hh.kids {
				if hh.kids[c].age < 0 {
					m.newKid(hh, c, 0, &r)
					hh.births++
					hh.kidsToCome--
					a.births++
					m.tryForASon(hh, &r)
					break
				}
			}
		}
	}
	_, n := hh.occupied()
	if n == 0 && hh.kidsToCome == 0 {
		hh.flags &^= hActive
		a.exits++
		return
	}
	a.children += float64(n)
}

// bump adds one to a byte that counts years (an age, years away, school
// switches), saturating at 255.
func bump(x uint8) uint8 {
	if x == 255 {
		return x
	}
	return x + 1
}
