package sim

import "github.com/hukousim/hukousim/sim/fmath"

// Looking ahead (docs/ODD.md II.ii, Looking ahead): what parents expect a
// child's path from next year on to be worth, given where the child is
// this year, under the rules in force (parents expect them to last).
//
// Once a year, before the decisions, a small table is filled by backward
// induction over ages 17 to 0, for every region × destination city × sex ×
// (same province or not) × (one or both parents away). Its states are the child's consecutive years of
// the city's school registration (学籍) and the parents' years in the city
// up to age 14, and from 15 the child's track: vocational or out of
// school, academic with the gaokao at home, academic with the gaokao in
// the city. Each year of the path the child is in the village or the city,
// chosen by a logit of scale λσ between the two places' yearly terms
// (those of decide, with one or both parents away as in the alternative
// the table is for, and the city's money cost
// linearised at the mean income of the region's migrant households) plus the discounted value of
// the state the year leads to. The zhongkao at the end of 14 and the
// gaokao at the end of 17 are the model's own: the academic-track
// probability of Transitions and college entry worth college_value_sd SD
// of test score (× β_h). A place that bars the zhongkao leads to the
// vocational track; an academic pupil away from its exam place loses the
// track.
//
// Test score enters as a value and a slope at the age mean, V0 + V1·dev,
// dev = h − (mean h of the child's age at the start of the year), carried
// through the induction by the chain rule. Per household each child needs
// two lookups (its state after a year in the village, after a year in the
// city). The table is built for the mean ω of the child's sex in its
// region; decide scales it by the household's ω / ω̄.
//
// A school switch (δ_move) counts up to 14, where a 学籍 year of 1 or more
// says the child was at school in the city last year. Left out of the
// induction (written down in docs/ODD.md): the household's switching cost
// κ, dropout, spending, depression's persistence, and which parent goes;
// a converted family needs no table.

// Tracks from 15 on, as states of the table.
const (
	trVoc = iota // vocational track, out of school, or no academic place
	trAcadHome
	trAcadCity
	nTracks
)

// outTab is the table of one region × city × sex × province flag.
type outTab struct {
	nx, ny int // 学籍 and parent-year states: 0..nx-1, 0..ny-1 (the last saturates)
	// after[a][s] for a = 0..13: the value (v, slope) after year a in
	// either place, given the state s = x·ny + y the year leads to.
	after [14][]vs
	// at14[place][s]: after year 14 (the zhongkao) in the village (0) or
	// the city (1).
	at14 [2][]vs
	// late[a−15][t]: after year a (15..17) given the track t it leads to.
	late [3][nTracks]vs
}

// vs is a value and its slope in the child's deviation of test score.
type vs struct{ v, d float64 }

// outlook is the year's tables and what decide needs to use them.
type outlook struct {
	nc       int
	tabs     []outTab    // by (((region·nc + city)·2 + sex)·2 + same province)·2 + both away
	hStart   [18]float64 // mean h at the start of each age
	omegaBar [MaxRegions][2]float64
}

func (o *outlook) tab(r, d, sex int, prov, both bool) *outTab {
	return &o.tabs[(((r*o.nc+d)*2+sex)*2+b2i(prov))*2+b2i(both)]
}

// states is the number of 学籍 and parent-year states a city's rules need:
// beyond the most any rule asks (the gaokao's read three years on), more
// years change nothing.
// At least two 学籍 states, 0 and 1 or more: from age 7 they also say
// where the child was last year (at school in the city or not).
func (e *cityC) states() (nx, ny int) {
	if e.zk.never {
		return 2, 1
	}
	nx = max(e.zk.school, e.gk.school-3, 1) + 1
	ny = max(e.zk.parent, e.gk.parent-3, 0) + 1
	return
}

// stateAt is the table state of x years of 学籍 and y parent years.
func (t *outTab) stateAt(x, y int) int {
	return min(x, t.nx-1)*t.ny + min(y, t.ny-1)
}

// buildOutlook fills the year's tables, serially and with fmath, so that
// the result is the same on every worker count and processor.
func (m *Model) buildOutlook() {
	c := m.c
	p := c.p
	o := &m.out
	nr, nc := len(c.regions), len(c.cities)
	o.nc = nc
	if len(o.tabs) != nr*nc*8 {
		o.tabs = make([]outTab, nr*nc*8)
	}

	// Mean h at the end of each age, from last year's children (before
	// the first year, the expected gains of newKid).
	var hEnd [18]float64
	cum := 0.0
	for a := range 18 {
		cum += c.gain[stageOf(a)+1]
		hEnd[a] = cum
		if x := m.cur.hAge[a]; x[1] > 0 {
			hEnd[a] = x[0] / x[1]
		}
	}
	o.hStart[0] = 0
	for a := 1; a < 18; a++ {
		o.hStart[a] = hEnd[a-1]
	}

	pref := &p.Preferences
	t := &p.Transitions
	ls := pref.NestLambda * pref.Sigma
	invLs := 1 / ls
	disc := pref.Discount
	college := float64(pref.BetaH * pref.CollegeValue)
	bonus := 0.0
	if p.Policy.BonusMinYearsLB == 0 {
		bonus = p.Policy.GaokaoBonusPoints / t.GaokaoPointsSD
	}
	for r := range nr {
		reg := &c.regions[r]
		yr := &m.city.region[r]
		theta := float64(float64(reg.sonA/(reg.sonA+reg.sonB)) * p.Policy.SonPreferenceScale)
		o.omegaBar[r] = [2]float64{1, 1 - theta}
		// The mean income of the region's migrant households last year:
		// the tables value alternatives with parents away.
		income := 2 * reg.ruralIncome
		if x := m.cur.regInc[r]; m.cur.regMig[r] > 0 && x > 0 {
			income = x / m.cur.regMig[r]
		}
		income = fmax(income, c.subsistence)
		perHead := income / 4 // a couple and two children
		for d := range nc {
			if reg.destShare[d] <= 0 {
				continue
			}
			ct := &c.cities[d]
			for sex := range 2 {
				omega := o.omegaBar[r][sex]
				// The exams at the child's age mean, and their slopes.
				pA := highSchoolProb(t, hEnd[14], perHead, theta, float64(sex))
				dA := float64(t.HighSchoolA1*pA) * (1 - pA)
				pC, dC := collegeProb(t, hEnd[17]+bonus)
				for prov := range 2 {
					if (prov == 1 && reg.sameProv[d] <= 0) || (prov == 0 && reg.sameProv[d] >= 1) {
						continue // no household of this region is of this kind
					}
					for _, both := range [2]bool{false, true} {
						m.fillTab(o.tab(r, d, sex, prov == 1, both), d, prov == 1, both, omega, income,
							vs{float64(college * pC), float64(college * dC)}, pA, dA, ls, invLs, disc, reg, yr, ct)
					}
				}
			}
		}
	}
}

// fillTab is the backward induction of one table (see the top of the file).
func (m *Model) fillTab(tb *outTab, d int, prov, both bool, omega, income float64, col vs, pA, dA, ls, invLs, disc float64, reg *regionC, yr *regionYear, ct *cityC) {
	c := m.c
	p := c.p
	pref := &p.Preferences
	alpha := pref.Alpha
	nx, ny := ct.states()
	tb.nx, tb.ny = nx, ny
	ns := nx * ny
	for a := range tb.after {
		tb.after[a] = resize(tb.after[a], ns)
	}
	tb.at14[0] = resize(tb.at14[0], ns)
	tb.at14[1] = resize(tb.at14[1], ns)

	// The yearly terms of decide for a child of age a, with the parents
	// away as now: both (in the village two separations, in the city none)
	// or one (one in either place); learning or not (preschool children
	// learn; from 15 only the academic track).
	sepV, sepC := 1, 1
	if both {
		sepV, sepC = 2, 0
	}
	flow := func(a int, learn bool) (uV, uC float64) {
		st := stageOf(a)
		var dhV, dhC, lossV, lossC, costC float64
		costC = ct.childCost + ct.housingFor(0)
		if learn {
			lossV, lossC = c.pi[sepV], c.pi[sepC]
			if st < 0 {
				dhV, dhC = c.gain[0], c.gain[0]
			} else {
				adm := m.city.admission[d][st]
				dhV = c.gain[st+1] + reg.school[st] + yr.ownGain
				dhC = c.gain[st+1] + float64(adm*ct.pubX) + float64(float64(1-adm)*ct.stage[st].privX) + yr.ownGain
				costC += float64(adm*ct.stage[st].pubFee) + float64(float64(1-adm)*ct.stage[st].privFee)
			}
		}
		var depV, depC float64
		if a >= p.MentalHealth.StartAgeYears {
			depV, depC = yr.depV[sepV], c.depC[sepC]
		}
		uV = float64(omega*(float64(pref.BetaH*(dhV-lossV))-depV)) - c.psiSep[sepV]
		uC = float64(omega*(float64(pref.BetaH*(dhC-lossC))-depC)) - c.psiSep[sepC] - float64(alpha*costC)/income
		return
	}
	// choose is the logit's inclusive value of two places and its slope.
	choose := func(uV float64, eV vs, uC float64, eC vs) vs {
		xV, xC := uV+eV.v, uC+eC.v
		top := fmax(xV, xC)
		wV := fmath.Exp(float64((xV - top) * invLs))
		wC := fmath.Exp(float64((xC - top) * invLs))
		s := wV + wC
		return vs{top + float64(ls*fmath.Log(s)), float64(wV*eV.d)/s + float64(wC*eC.d)/s}
	}
	scale := func(x vs) vs { return vs{float64(disc * x.v), float64(disc * x.d)} }

	// From 15: the tracks. After year 17, college for an academic pupil.
	tb.late[2] = [nTracks]vs{trAcadHome: scale(col), trAcadCity: scale(col)}
	for a := 16; a >= 14; a-- {
		next := &tb.late[a-14] // after year a+1
		uVl, uCl := flow(a+1, true)
		uVv, uCv := flow(a+1, false)
		var v [nTracks]vs // before year a+1's choice, by track
		v[trVoc] = choose(uVv, next[trVoc], uCv, next[trVoc])
		v[trAcadHome] = choose(uVl, next[trAcadHome], uCv, next[trVoc])
		v[trAcadCity] = choose(uVv, next[trVoc], uCl, next[trAcadCity])
		if a == 14 {
			// After year 14: the zhongkao in the village, or in the city if
			// its rules allow this state.
			home := vs{float64(pA*v[trAcadHome].v) + float64((1-pA)*v[trVoc].v),
				float64(dA*(v[trAcadHome].v-v[trVoc].v)) + float64(pA*v[trAcadHome].d) + float64((1-pA)*v[trVoc].d)}
			city := vs{float64(pA*v[trAcadCity].v) + float64((1-pA)*v[trVoc].v),
				float64(dA*(v[trAcadCity].v-v[trVoc].v)) + float64(pA*v[trAcadCity].d) + float64((1-pA)*v[trVoc].d)}
			for x := range nx {
				for y := range ny {
					s := x*ny + y
					tb.at14[0][s] = scale(home)
					if !ct.zk.never && ct.zk.ok(x, y) && (prov || ct.gk.ok(x+3, y+3)) {
						tb.at14[1][s] = scale(city)
					} else {
						tb.at14[1][s] = scale(v[trVoc])
					}
				}
			}
			break
		}
		for tr := range v {
			tb.late[a-15][tr] = scale(v[tr])
		}
	}
	// Up to 14: after year a (0..13), the value before year a+1's choice
	// from each state, discounted.
	// From 7, a pupil who changes place changes school: δ_move.
	sw := float64(omega * float64(pref.BetaH*p.HumanCapital.DeltaMove))
	for a := 13; a >= 0; a-- {
		b := a + 1 // the year being chosen
		uV0, uC0 := flow(b, true)
		dst := tb.after[a]
		for x := range nx {
			uV, uC := uV0, uC0
			if b >= 7 && x > 0 {
				uV -= sw // at school in the city last year
			} else if b >= 7 {
				uC -= sw
			}
			for y := range ny {
				yn := min(y+1, ny-1)
				xn := 0
				if b >= 6 {
					xn = min(x+1, nx-1)
				}
				var eV, eC vs
				if b == 14 {
					eV, eC = tb.at14[0][yn], tb.at14[1][xn*ny+yn]
				} else {
					eV, eC = tb.after[b][yn], tb.after[b][xn*ny+yn]
				}
				dst[x*ny+y] = scale(choose(uV, eV, uC, eC))
			}
		}
	}
}

// collegeProb is P(h + ν_g ≥ cutoff) for ν_g ~ N(0, noise²) and its slope
// in h, with Φ(z) taken as the logistic 1/(1 + e^(−1.702z)) (at most 0.01
// off; Bowling et al. 2009, J. Industrial Engineering and Management
// 2(1):114-127). With no noise, a step (slope 0).
func collegeProb(t *Transitions, h float64) (p, slope float64) {
	if t.GaokaoNoiseSD <= 0 {
		if h >= t.GaokaoCutoff {
			return 1, 0
		}
		return 0, 0
	}
	z := 1.702 / t.GaokaoNoiseSD
	p = 1 / (1 + fmath.Exp(-float64(z*(h-t.GaokaoCutoff))))
	return p, float64(z*p) * (1 - p)
}

func resize(s []vs, n int) []vs {
	if cap(s) < n {
		return make([]vs, n)
	}
	return s[:n]
}

// lookAhead is the difference, city minus village, in the value of where
// child kd's path leads after this year (docs/ODD.md II.ii, Looking
// ahead), for a household at city d, with one parent away and with both
// away, before the household's ω / ω̄. xueji is the child's years of 学籍
// in its city, examCity its exam place on the academic track, cont
// whether a year in the city continues its 学籍 there, and years the
// parents' years in the city after this year if they go.
func (o *outlook) lookAhead(r, d int, prov bool, kd *kid, xueji int, examCity, cont bool, years int) (one, both float64) {
	age := int(kd.age)
	if kd.flags&kDropout != 0 || age > 17 {
		return 0, 0
	}
	t1 := o.tab(r, d, int(kd.sex), prov, false)
	t2 := o.tab(r, d, int(kd.sex), prov, true)
	dev := float64(kd.h) - o.hStart[age]
	var v1, c1, v2, c2 vs // village and city, one away and both away
	switch {
	case age <= 14:
		xn := 0
		if age >= 6 {
			xn = 1
			if cont {
				xn = xueji + 1
			}
		}
		// Both tables of a city have the same states.
		sV, sC := t1.stateAt(0, years), t1.stateAt(xn, years)
		if age == 14 {
			v1, c1, v2, c2 = t1.at14[0][sV], t1.at14[1][sC], t2.at14[0][sV], t2.at14[1][sC]
		} else {
			v1, c1, v2, c2 = t1.after[age][sV], t1.after[age][sC], t2.after[age][sV], t2.after[age][sC]
		}
	default:
		tV, tC := trVoc, trVoc
		if kd.flags&kAcademic != 0 {
			if examCity {
				tC = trAcadCity
			} else {
				tV = trAcadHome
			}
		}
		l1, l2 := &t1.late[age-15], &t2.late[age-15]
		v1, c1, v2, c2 = l1[tV], l1[tC], l2[tV], l2[tC]
	}
	one = c1.v - v1.v + float64((c1.d-v1.d)*dev)
	both = c2.v - v2.v + float64((c2.d-v2.d)*dev)
	return one, both
}
