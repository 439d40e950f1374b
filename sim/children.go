package sim

import (
	"math"

	"github.com/hukousim/hukousim/sim/fmath"
	"github.com/hukousim/hukousim/sim/rng"
)

// hhKey is the key prefix of the household's streams this year.
func (m *Model) hhKey(hh *household) rng.Key {
	return m.rb.Key(hh.id, m.year)
}

// kidKey is the key prefix of one child slot's streams this year: keyed by
// the household and slot, so that one child's draws never shift another's.
func (m *Model) kidKey(hh *household, slot int) rng.Key {
	return m.rb.Key(hh.id<<2|uint64(slot), m.year)
}

// children is docs/ODD.md III.iv (school, human capital, mental health, transitions) for every child of the household, with the
// observation of each child folded in (a single pass; nothing is stored per
// child per year).
func (m *Model) children(hh *household, ch *choice, spend *[MaxKids]float64, converted bool, a *tally) {
	c := m.c
	p := c.p
	hc := &p.HumanCapital
	mh := &p.MentalHealth
	reg := &c.regions[hh.region]
	// Every household has a destination in view (drawn in decide), so the
	// probability-based metrics count every household, weighted by its
	// chance of migrating; the realised ones only those who went.
	ct := &c.cities[ch.dest]
	tier := ct.tier
	restrictive := ct.restrictive
	for s := range hh.kids {
		kd := &hh.kids[s]
		if kd.age < 0 {
			continue
		}
		age := int(kd.age)
		st := stageOf(age)
		kk := m.kidKey(hh, s)
		wasCity := kd.flags&kCity != 0
		inCity := ch.S&(1<<s) != 0
		if inCity {
			kd.flags |= kCity
		} else {
			kd.flags &^= kCity
		}
		left := !inCity && ch.P != pNone
		sep := awayCount[ch.P]
		if inCity {
			sep = 2 - awayCount[ch.P]
		}
		// An academic-track pupil must be at school where it will sit the
		// gaokao in every high-school year; anywhere else it can only
		// follow the vocational track (docs/ODD.md III.iv, Exam rules).
		if age >= 15 && kd.flags&kAcademic != 0 && !converted && inCity != hh.examCity(s) {
			kd.flags = kd.flags&^kAcademic | kVocational
		}
		if age >= 12 && age <= 15 && kd.flags&kDropout == 0 && !converted {
			m.dropout(hh, kd, s, age, ch, left, inCity, tier, a)
		}
		student := age >= 6 && kd.flags&(kVocational|kDropout) == 0
		// A move between the village and the city, or between two cities,
		// is a school switch (a six-year-old starts school wherever it is).
		switched := (wasCity != inCity || (inCity && !ch.sameCity)) && age > 6

		// School.
		prevSchool := kd.school
		switch {
		case age < 6:
			kd.school = schPreschool
		case !student && inCity:
			kd.school = schOut
		case kd.flags&kDropout != 0:
			kd.school = schNone
		case !student:
			kd.school = schVocational
		case !inCity:
			kd.school = schRural
		case converted:
			kd.school = schCityPublic
		default:
			keep := kd.flags&kPublicSeat != 0 && wasCity && ch.sameCity && age != 12 && age != 15
			ra := kk.Stream(rng.Admission)
			if keep || ra.Float64() < m.city.admission[ch.dest][st] {
				kd.school = schCityPublic
			} else {
				kd.school = schCityPrivate
			}
			a.demand[ch.dest][st]++
			if st <= 1 {
				a.migPublic[1]++
				if kd.school == schCityPublic {
					a.migPublic[0]++
				}
			}
		}
		if kd.school == schCityPublic {
			kd.flags |= kPublicSeat
		} else {
			kd.flags &^= kPublicSeat
		}
		// 学籍: consecutive years at school in the same city.
		switch {
		case kd.school != schCityPublic && kd.school != schCityPrivate:
			hh.setXueji(s, 0)
		case wasCity && ch.sameCity && (prevSchool == schCityPublic || prevSchool == schCityPrivate):
			hh.setXueji(s, hh.xueji(s)+1)
		default:
			hh.setXueji(s, 1)
		}
		if inCity && !switched && age > 6 && st >= 0 && prevSchool != kd.school &&
			(prevSchool == schCityPublic || prevSchool == schCityPrivate) && age != 12 && age != 15 {
			switched = true // moved between city schools within a stage
		}
		if switched {
			kd.switches = bump(kd.switches)
		}

		// Human capital (docs/ODD.md III.iv, Human capital and school). Depression this year is the state
		// the child starts the year in.
		rl := kk.Stream(rng.Learning)
		nu := float64(hc.SigmaH * rl.Norm())
		depressed := kd.flags&kDepressed != 0
		if age < 6 || student {
			dh := c.gain[st+1] - c.pi[sep] + nu
			if student {
				var x float64
				switch kd.school {
				case schRural:
					x = reg.school[st]
				case schCityPublic:
					x = ct.pubX
				default:
					x = ct.stage[st].privX
				}
				// This year's school effect joins the pupil's school-effect
				// stock, which keeps school_persistence of itself (the rest
				// fades out); h moves with the stock.
				e := float64(hc.SchoolPersistence*float64(kd.e)) + x
				dh += e - float64(kd.e) + spendingGain(hc.Gamma, spend[s], m.city.meanSpend)
				kd.e = float32(e)
				if switched {
					dh -= hc.DeltaMove
				}
				if depressed {
					dh -= hc.DeltaDep
				}
				a.spend[0] += spend[s]
				a.spend[1]++
			}
			kd.h += float32(dh)
		}

		// Mental health (docs/ODD.md III.iv, Mental health).
		if age >= mh.StartAgeYears {
			rm := kk.Stream(rng.Mood)
			z := counselExposure(kd.couns, inCity, reg.counselling, mh.CounsellingKeep)
			kd.couns = z
			u := rm.Float64()
			if depressed {
				if u < mh.Recovery {
					kd.flags &^= kDepressed
				}
			} else if u < float64(float64(mh.Onset*c.rr[sep])*(1-float64(float64(z)/255*c.counselGap))) {
				kd.flags |= kDepressed
			}
			pid := mh.Ideation
			if kd.flags&kDepressed != 0 {
				pid = mh.IdeationDepressed
			}
			if rm.Float64() < pid {
				kd.flags |= kIdeation
			} else {
				kd.flags &^= kIdeation
			}
		}

		if left {
			if sep == 1 {
				kd.lbOne = bump(kd.lbOne)
			} else {
				kd.lbBoth = bump(kd.lbBoth)
			}
			if age == 12 {
				kd.flags |= kLBAt12
			}
		}

		m.observeKid(hh, kd, ch, s, left, inCity, converted, sep, tier, restrictive, a)

		// Transitions (docs/ODD.md III.iv, Transitions at 15 and 18).
		switch {
		case age == 14 && kd.flags&kDropout == 0:
			m.zhongkao(hh, s, inCity, converted, ch.dest)
			x := &a.zhongkao[where3(left, inCity)]
			x[0]++
			x[1] += b2f(kd.flags&kAcademic != 0)
		case age == 17:
			m.gaokao(hh, s, converted, a)
		}
	}
}

// counselExposure is a child's counselling exposure this year, in 1/255
// steps: the region's coverage for a child in the village, none in the
// city, or, if larger, last year's exposure kept at the persistence rate
// (the trials' effects fade after the programme ends).
func counselExposure(last uint8, inCity bool, coverage, keep float64) uint8 {
	cov := 0.0
	if !inCity {
		cov = coverage
	}
	return uint8(math.Round(float64(255 * math.Max(cov, float64(keep*float64(last)/255)))))
}

// ensureTrack gives a child of 15-17 with no track (one of the initial
// population) its zhongkao result.
func (m *Model) ensureTrack(hh *household, s int) {
	kd := &hh.kids[s]
	if kd.age >= 15 && kd.flags&(kAcademic|kVocational|kDropout) == 0 {
		m.zhongkao(hh, s, false, false, 0)
	}
}

// where3 is where a child lives, for the metrics by place: 0 in the
// village with both parents, 1 left behind, 2 in the city.
func where3(left, inCity bool) int {
	switch {
	case left:
		return 1
	case inCity:
		return 2
	}
	return 0
}

// mayTakeZhongkao reports whether a non-hukou pupil at school in city d
// may sit its zhongkao for the academic track: the city's zhongkao rule,
// and either the gaokao at home in the same province or the city's gaokao
// rule as it will stand after three more years there (docs/ODD.md III.iv,
// Exam rules). The parents' years are this year's, counted in settle.
func (m *Model) mayTakeZhongkao(hh *household, s, d int) bool {
	ct := &m.c.cities[d]
	x, y := hh.xueji(s), int(hh.yearsAway)
	return ct.zk.ok(x, y) && (m.sameProvince(hh, d) || ct.gk.ok(x+3, y+3))
}

// zhongkao decides, at the end of middle school, between academic high school
// (probability logistic(a0 + a1·h + a2·ln income per head − a3·θ·girl)) and
// vocational school or work. A girls' transfer counts in the income of a
// girl's family, since she brings it only if she stays in school.
//
// A pupil in the village sits its home exam and will sit the gaokao at
// home. A non-hukou pupil in city d sits the city's exam only if
// mayTakeZhongkao; then it will sit the gaokao there (or, from the same
// province, with a city high-school 学籍). Otherwise its only track is the
// vocational one (docs/ODD.md III.iv, Exam rules).
func (m *Model) zhongkao(hh *household, s int, inCity, converted bool, d int) {
	c := m.c
	t := &c.p.Transitions
	kd := &hh.kids[s]
	hh.setExamCity(s, false)
	if inCity {
		if !converted && !m.mayTakeZhongkao(hh, s, d) {
			kd.flags = kd.flags&^kAcademic | kVocational
			return
		}
		hh.setExamCity(s, true)
	}
	perHead := m.incomePerHead(hh, kd)
	girl := float64(kd.sex)
	theta := float64(hh.theta) * c.p.Policy.SonPreferenceScale
	re := m.kidKey(hh, s).Stream(rng.Zhongkao)
	kd.flags &^= kAcademic | kVocational
	if re.Float64() < highSchoolProb(t, float64(kd.h), perHead, theta, girl) {
		kd.flags |= kAcademic
	} else {
		kd.flags |= kVocational
	}
}

// dropout is the yearly hazard of leaving school for an enrolled pupil of
// 12 to 15 (junior high and the move to high school), before this year's
// school: logistic(d0 + ds·h + di·ln income per head + dw·[15]·ln(w/4.5)),
// income per head as the zhongkao's (a girls' transfer counts: she brings
// it only while enrolled), w the reference migrant's wage at the city in
// view in thousand yuan a month, centred on the NBS 2020 mean wage of
// out-migrant workers (4,549 yuan, targets.yaml). A pupil who
// leaves does not come back; vocational school counts as enrolled.
func (m *Model) dropout(hh *household, kd *kid, s, age int, ch *choice, left, inCity bool, tier int, a *tally) {
	c := m.c
	t := &c.p.Transitions
	z := t.DropoutA0 + float64(t.DropoutScore*float64(kd.h)) + float64(t.DropoutIncome*fmath.Log(math.Max(m.incomePerHead(hh, kd), 1e-3)))
	if age == 15 {
		z += float64(t.DropoutWage * (c.cities[ch.dest].lnWage - lnWageRef))
	}
	r := m.kidKey(hh, s).Stream(rng.Dropout)
	out := r.Float64() < 1/(1+fmath.Exp(-z))
	if out {
		kd.flags |= kDropout
		kd.flags &^= kAcademic | kVocational
	}
	// The hazard by sex × where the child lives, for 12-14 and 15, and by
	// destination tier among children of migrant parents.
	band := 0
	if age == 15 {
		band = 1
	}
	x := &a.dropout[int(kd.sex)][band][where3(left, inCity)]
	x[0]++
	x[1] += b2f(out)
	if ch.P != pNone {
		y := &a.dropoutTier[band][tier-1]
		y[0]++
		y[1] += b2f(out)
	}
}

// lnWageRef is ln of 4.5 thousand yuan a month, in the units of
// cityC.lnWage (ln of thousand yuan a year): ln(12·4.5) = ln 54.
var lnWageRef = fmath.Log(12 * 4.5)

// incomePerHead is what the zhongkao and the dropout hazard read: last
// year's household income (twice the rural income if not positive), plus
// the girls' transfer for a rural-hukou girl, over 2 + the children, in
// thousand yuan a year.
func (m *Model) incomePerHead(hh *household, kd *kid) float64 {
	c := m.c
	_, n := hh.occupied()
	income := float64(hh.income)
	if income <= 0 {
		income = 2 * c.regions[hh.region].ruralIncome
	}
	if kd.sex == 1 && hh.flags&hConverted == 0 {
		income += c.cct // paid to rural-hukou girls only
	}
	return income / float64(2+n)
}

// highSchoolProb is logistic(a0 + a1·h + a2·ln(income per head) − a3·θ·girl),
// income per head in thousand yuan a year (floored at 1 yuan).
func highSchoolProb(t *Transitions, h, perHead, theta, girl float64) float64 {
	z := t.HighSchoolA0 + float64(t.HighSchoolA1*h) + float64(t.HighSchoolA2*fmath.Log(math.Max(perHead, 1e-3))) - float64(float64(t.HighSchoolA3*theta)*girl)
	return 1 / (1 + fmath.Exp(-z))
}

// gaokao is the exam at the end of age 17, taken in the hukou province:
// G = h + bonus/points_per_sd + ν_g; college if G ≥ cutoff. The child's
// outcome is recorded here; it leaves at 18 in next year's demography.
func (m *Model) gaokao(hh *household, s int, converted bool, a *tally) {
	p := m.c.p
	t := &p.Transitions
	kd := &hh.kids[s]
	academic := kd.flags&kAcademic != 0
	college := false
	if academic {
		bonus := 0.0
		years := int(kd.lbOne) + int(kd.lbBoth)
		if !converted && (p.Policy.BonusMinYearsLB == 0 || years >= p.Policy.BonusMinYearsLB) {
			bonus = p.Policy.GaokaoBonusPoints
		}
		re := m.kidKey(hh, s).Stream(rng.Gaokao)
		g := float64(kd.h) + bonus/t.GaokaoPointsSD + float64(t.GaokaoNoiseSD*re.Norm())
		college = g >= t.GaokaoCutoff
	}
	if !m.Recording() {
		return
	}
	sex := int(kd.sex)
	ever := b2i(kd.lbOne+kd.lbBoth > 0)
	co := &a.cohort[sex][ever]
	co[0]++
	co[1] += b2f(academic)
	co[2] += b2f(college)
	co[3] += float64(kd.h)
	co[4] += float64(kd.lbOne)
	co[5] += float64(kd.lbBoth)
	c12 := &a.cohort12[sex][b2i(kd.flags&kLBAt12 != 0)]
	c12[0]++
	c12[1] += b2f(academic)
	c12[2] += b2f(college)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// Sibling composition of a child, among the children of its household
// (aged 0-17): docs/ODD.md II.ii, Which child goes.
const (
	sibNone    = iota // an only child
	sibBrother        // at least one brother
	sibSisters        // sisters only
	nSibs
)

var sibNames = [nSibs]string{"only-child", "with-brothers", "with-sisters-only"}

// siblingsOf is the sibling composition of the child in slot s.
func siblingsOf(hh *household, s int) int {
	sisters := false
	for o := range hh.kids {
		if o == s || hh.kids[o].age < 0 {
			continue
		}
		if hh.kids[o].sex == 0 {
			return sibBrother
		}
		sisters = true
	}
	if sisters {
		return sibSisters
	}
	return sibNone
}

// placeOf is where a child lives this year, for the metrics and the
// microdata: left is the child of a migrant household in the village,
// inCity one who went along.
func placeOf(kd *kid, left, inCity, converted bool) int {
	switch {
	case converted:
		return placeUrbanHukou
	case left:
		return placeLeftBehind
	case !inCity:
		return placeVillageBoth
	case kd.school == schCityPublic:
		return placeCityPublic
	case kd.school == schCityPrivate:
		return placeCityPrivate
	}
	return placeCityOut
}

// observeKid adds one child to the year's sums. It reads the child and the
// household's choice and changes nothing.
func (m *Model) observeKid(hh *household, kd *kid, ch *choice, s int, left, inCity, converted bool, sep, tier int, restrictive bool, a *tally) {
	age := int(kd.age)
	sex := int(kd.sex)
	a.children++
	a.hAge[age][0] += float64(kd.h)
	a.hAge[age][1]++
	a.bySexAge[sex][age][0]++
	place := placeOf(kd, left, inCity, converted)
	switch place {
	case placeUrbanHukou:
		a.urbanChildren++
	case placeLeftBehind:
		a.lbc++
		a.bySexAge[sex][age][1]++
		switch {
		case ch.P == pFather:
			a.lbcType[0]++
		case ch.P == pMother:
			a.lbcType[1]++
		case hh.flags&hCare != 0:
			a.lbcType[2]++
		default:
			a.lbcType[3]++
		}
	case placeCityPublic, placeCityPrivate, placeCityOut:
		a.migrantChildren++
	}
	a.places[sex][place]++
	if converted {
		return
	}
	// Children of migrant parents: expected from the choice probabilities
	// over every household, and realised over the households that went.
	mp := &a.migProb[sex][age][tier-1]
	mp[0] += 1 - ch.pNone
	mp[1] += ch.pLeft[s]
	if age >= 12 && age <= 14 {
		sp := &a.sibProb[sex][siblingsOf(hh, s)][tier-1]
		sp[0] += 1 - ch.pNone
		sp[1] += ch.pLeft[s]
	}
	if restrictive {
		a.restrictProb[sex][0] += 1 - ch.pNone
		a.restrictProb[sex][1] += ch.pLeft[s]
	}
	if ch.P != pNone {
		mr := &a.migReal[sex][age][tier-1]
		mr[0]++
		mr[1] += b2f(left)
		if restrictive {
			a.restrictReal[sex][0]++
			a.restrictReal[sex][1] += b2f(left)
		}
	}
	if age >= m.c.p.MentalHealth.StartAgeYears {
		g := mhNonLBC
		switch {
		case inCity:
			g = mhCity
		case left && sep == 1:
			g = mhLBCOne
		case left:
			g = mhLBCBoth
		}
		x := &a.mh[g]
		x[0]++
		x[1] += b2f(kd.flags&kDepressed != 0)
		x[2] += b2f(kd.flags&kIdeation != 0)
	}
	if age >= 6 {
		x := &a.hSum[sex][b2i(left)]
		x[0] += float64(kd.h)
		x[1]++
		if age <= 14 {
			switch {
			case left && sep == 2:
				a.hGap[0][0] += float64(kd.h)
				a.hGap[0][1]++
			case !left && !inCity:
				a.hGap[1][0] += float64(kd.h)
				a.hGap[1][1]++
			}
		}
	}
}
