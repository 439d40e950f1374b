package sim

import (
	"fmt"
	"math"

	"github.com/hukousim/hukousim/sim/fmath"
	"github.com/hukousim/hukousim/sim/rng"
)

// householdYears runs steps 4 to 8 of the schedule for every household:
// decision, income and remittances, children, hukou conversion and
// observation. Households read only their own state and the city snapshot,
// so the loop runs in parallel over fixed chunks.
func (m *Model) householdYears() error {
	chunks := m.prepareChunks()
	if m.micro == nil || !m.Recording() {
		m.parallelChunks(0, chunks, func(lo, hi int, a *tally) { m.householdYearRange(lo, hi, a, nil) })
		m.cur = m.reduce()
		return nil
	}
	// With microdata, chunks run in waves of a few per worker, and each
	// wave's rows are written in slot order before the next starts: the
	// buffered rows never exceed a wave's.
	cs := chunkSize(len(m.hh))
	for len(m.microBufs) < chunks {
		m.microBufs = append(m.microBufs, nil)
	}
	sampled := func(lo, hi int, a *tally) { m.householdYearRange(lo, hi, a, &m.microBufs[lo/cs]) }
	wave := 4 * max(m.workers, 1)
	var err error
	for from := 0; from < chunks; from += wave {
		to := min(from+wave, chunks)
		m.parallelChunks(from, to, sampled)
		for ch := from; ch < to; ch++ {
			if b := m.microBufs[ch]; len(b) > 0 && err == nil {
				err = m.micro.Write(b)
			}
			m.microBufs[ch] = m.microBufs[ch][:0]
		}
	}
	m.cur = m.reduce()
	if err != nil {
		return fmt.Errorf("sim: writing microdata: %w", err)
	}
	return nil
}

// householdYearRange runs the year of the households of slots [lo, hi),
// drawing the entrants first; with rows, the sampled households' children
// go there.
func (m *Model) householdYearRange(lo, hi int, a *tally, rows *[]ChildYear) {
	var sc scratch
	for i := lo; i < hi; i++ {
		hh := &m.hh[i]
		if hh.flags&hActive == 0 {
			if hh.flags&hEntering == 0 {
				continue
			}
			m.enter(hh, hh.id)
		}
		var r *[]ChildYear
		if rows != nil && m.sampled(hh) {
			r = rows
		}
		m.householdYear(hh, a, r, &sc)
	}
}

// householdYear is one household's year: its decision (or a converted
// family's fixed arrangement), income and remittances, its children's
// year, hukou conversion, and its microdata rows.
func (m *Model) householdYear(hh *household, a *tally, rows *[]ChildYear, sc *scratch) {
	a.households++
	a.regHH[hh.region]++
	converted := hh.flags&hConverted != 0
	k := m.hhKey(hh)
	var ch choice
	if converted {
		ch = m.urbanChoice(hh)
	} else {
		ch = m.decide(hh, k, sc)
		m.settle(hh, &ch)
	}
	spend := m.earn(hh, &ch, a, k)
	if !converted && ch.P != pNone {
		a.regInc[hh.region] += float64(hh.income) // migrant households' (regMig counts them)
	}
	m.children(hh, &ch, &spend, converted, a)
	if !converted && ch.P != pNone {
		m.convert(hh, &ch, a, k)
	}
	if rows != nil {
		m.microRows(hh, &ch, converted, rows)
	}
}

// urbanChoice is the life of a family that converted to urban hukou: both
// parents and every child in the city, no decision to make.
func (m *Model) urbanChoice(hh *household) choice {
	mask, _ := hh.occupied()
	ch := choice{P: pBoth, S: mask, dest: int(hh.dest), sameCity: true}
	ch.lnWF, ch.lnWM = m.logWages(hh, ch.dest)
	hh.lastP, hh.lastS = pBoth, mask
	return ch
}

// logWages is the wage equation of docs/ODD.md III.iv (Income and remittances) before the yearly shock.
func (m *Model) logWages(hh *household, d int) (lnWF, lnWM float64) {
	w := &m.c.p.Wages
	ct := &m.c.cities[d]
	f := func(school, age uint8, eta float32) float64 {
		da := float64(age) - w.RefAgeYears
		return ct.lnWage + float64(w.ReturnSchooling*(float64(school)-w.RefSchoolingYears)) + float64(w.Age*da) + float64(float64(w.AgeSq*da)*da) + float64(eta)
	}
	return f(hh.schoolF, hh.ageF, hh.etaF), f(hh.schoolM, hh.ageM, hh.etaM) + w.Female
}

// settle moves everyone to where the choice puts them.
func (m *Model) settle(hh *household, ch *choice) {
	if ch.P == pNone {
		hh.dest = -1
		hh.yearsAway = 0
	} else {
		if hh.lastP != pNone && int(hh.dest) == ch.dest {
			hh.yearsAway = bump(hh.yearsAway)
		} else {
			hh.yearsAway = 1
		}
		hh.dest = int8(ch.dest)
	}
	hh.lastP, hh.lastS = uint8(ch.P), ch.S
}

// earn is docs/ODD.md III.iv, Income and remittances: wages with this year's shock, the remittance
// ρ(a)·(wages − living costs), and each child's schooling spending. It
// returns spending by slot (thousand yuan).
func (m *Model) earn(hh *household, ch *choice, a *tally, k rng.Key) [MaxKids]float64 {
	c := m.c
	p := c.p
	reg := &c.regions[hh.region]
	var spend [MaxKids]float64
	for s := range spend {
		spend[s] = reg.ownSpend
	}
	away := awayCount[ch.P]
	if ch.P == pNone {
		hh.income = float32(2 * reg.ruralIncome)
		hh.remit = 0
		return spend
	}
	ct := &c.cities[ch.dest]
	rw := k.Stream(rng.Wage)
	epsF := float64(p.Wages.ShockSD * rw.Norm())
	epsM := float64(p.Wages.ShockSD * rw.Norm())
	var wage [2]float64
	if ch.P&pFather != 0 {
		wage[0] = float64(fmath.Exp(ch.lnWF+epsF) * m.city.wageIndex[ch.dest])
	}
	if ch.P&pMother != 0 {
		wage[1] = float64(fmath.Exp(ch.lnWM+epsM) * m.city.wageIndex[ch.dest])
	}
	wages := wage[0] + wage[1]
	living := float64(ct.living * float64(away))
	hh.income = float32(float64(reg.ruralIncome*float64(2-away)) + wages - living)
	if hh.flags&hConverted != 0 {
		hh.remit = 0 // an urban family: no longer a migrant household
		return spend
	}
	for _, w := range wage {
		if w > 0 {
			a.wageTotal[0] += w
			a.wageTotal[1]++
		}
	}
	a.migratingHH++
	a.migrantAdults += float64(away)
	a.stock[ch.dest] += float64(away)
	a.regMig[hh.region]++

	// ρ(a) = ρ0 + ρ1·mean(ω over the children left behind).
	theta := float64(float64(hh.theta) * p.Policy.SonPreferenceScale)
	omegaSum, left, girls := 0.0, 0, 0
	var omega [MaxKids]float64
	for s := range hh.kids {
		kd := &hh.kids[s]
		if kd.age < 0 || ch.S&(1<<s) != 0 {
			continue
		}
		omega[s] = 1
		if kd.sex == 1 {
			omega[s] = 1 - theta
			girls++
		}
		omegaSum += omega[s]
		left++
	}
	rho := p.Remittances.Rho0
	if left > 0 {
		rho += float64(p.Remittances.Rho1*omegaSum) / float64(left)
	}
	remit := float64(rho * math.Max(0, wages-living))
	hh.remit = float32(remit)
	a.remitTotal += remit
	g := remNone
	switch {
	case left == 0:
	case girls == left:
		g = remDaughters
	case girls == 0:
		g = remSons
	default:
		g = remMixed
	}
	a.remit[g][0] += remit
	a.remit[g][1]++
	if omegaSum > 0 {
		for s := range spend {
			spend[s] += float64(float64(p.Remittances.EduShare*remit)*omega[s]) / omegaSum
		}
	}
	return spend
}

// convert is docs/ODD.md III.iv, Hukou conversion: a migrant family whose
// parent has worked in the destination the years its rules ask converts to
// the city's urban hukou and settles there with all its children.
func (m *Model) convert(hh *household, ch *choice, a *tally, k rng.Key) {
	ct := &m.c.cities[ch.dest]
	if int(hh.yearsAway) < ct.convertYrs {
		return
	}
	rh := k.Stream(rng.Hukou)
	if rh.Float64() < ct.convert {
		hh.flags |= hConverted
		a.conversions++
	}
}
