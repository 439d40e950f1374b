package sim

import (
	"math"
	"math/bits"

	"github.com/hukousim/hukousim/sim/fmath"
	"github.com/hukousim/hukousim/sim/rng"
)

// choice is one household's decision of the year.
type choice struct {
	P    int   // parents away: pNone, pFather, pMother, pBoth
	S    uint8 // mask of child slots that go along
	dest int
	// sameCity: the household had someone away in dest last year too, so a
	// pupil there keeps its school.
	sameCity bool
	// Expected wages (thousand yuan/year) of father and mother at dest, and
	// their log wages before the yearly shock, for earn (household.go).
	lnWF, lnWM float64
	// Choice probabilities, for the metrics: P(no one away) and, per slot,
	// P(parents away and the child left behind).
	pNone float64
	pLeft [MaxKids]float64
}

// decide is docs/ODD.md II.ii: the destination, then the nested-logit choice of
// which parents go (upper level) and which children go with them (lower
// level), each drawn with its own keyed uniform.
//
// It is written for speed without changing the model (decideRef in the
// tests is the plain version it is checked against): each child's
// contribution to the utility is computed once per (P, village or city);
// the sums over every subset of children are built incrementally, each
// subset from the one without its lowest child; so each alternative costs
// a logarithm, an exponential and a few additions. Its phases are
// functions over the worker's scratch space, each reading what the one
// before wrote there: destination and income, each child's terms, subset
// sums, utilities, probabilities; the draws end it.
func (m *Model) decide(hh *household, k rng.Key, sc *scratch) choice {
	var ch choice
	m.destinationIncome(hh, k, &ch, sc)
	m.childTerms(hh, k, &ch, sc)
	sc.subsetSums(&m.c.cities[ch.dest], hh.lastS)
	m.utilities(hh, sc)
	m.probabilities(&ch, sc)

	// Draw P, then S given P, each with its own stream: the first
	// alternative whose weight exceeds what is left of the uniform. The
	// draws are random, so no branch depends on them: every comparison is
	// made and the first hit kept with conditional moves.
	rp := k.Stream(rng.ChooseP)
	P := drawP(rp.Float64(), &sc.prP)
	ch.P = P
	if P != pNone {
		rs := k.Stream(rng.ChooseS)
		x := float64(rs.Float64() * sc.sum[P])
		nT := sc.nT
		ch.S = sc.sMask[drawT(x, sc.w[(P-1)*nT:P*nT])]
	}
	return ch
}

// destinationIncome is decide's first phase: the destination, kept or
// (re)drawn from the region's network shares tilted by each city's
// expected net wage, and the household's income and net earnings away
// for each P (sc.income, sc.netEarn).
func (m *Model) destinationIncome(hh *household, k rng.Key, ch *choice, sc *scratch) {
	c := m.c
	cs := &m.city
	r := int(hh.region)
	reg := &c.regions[r]
	d := int(hh.dest)
	rd := k.Stream(rng.Destination)
	if u := rd.Float64(); d < 0 || u < c.p.Preferences.DestSwitch {
		d = pick(cs.destCum[r][:len(c.cities)], rd.Float64())
	}
	ch.dest = d
	ch.sameCity = hh.lastP != pNone && int(hh.dest) == d
	ct := &c.cities[d]

	ch.lnWF, ch.lnWM = m.logWages(hh, d)
	wF := float64(fmath.Exp(ch.lnWF+c.wageVarHalf) * cs.wageIndex[d])
	wM := float64(fmath.Exp(ch.lnWM+c.wageVarHalf) * cs.wageIndex[d])
	income, netEarn := &sc.income, &sc.netEarn
	for P := pNone; P <= pBoth; P++ {
		away := float64(awayCount[P])
		wages := 0.0
		if P&pFather != 0 {
			wages += wF
		}
		if P&pMother != 0 {
			wages += wM
		}
		living := float64(ct.living * away)
		netEarn[P] = fmax(0, wages-living)
		income[P] = float64(reg.ruralIncome*(2-away)) + wages - living
	}
	if hh.lastP == pNone {
		move := float64(reg.firstMove * float64(1-float64(reg.netEffect*cs.netShare[r])))
		for P := pFather; P <= pBoth; P++ {
			income[P] -= move
		}
	}
}

// childTerms is decide's second phase: each child's terms, by compact
// index j (slots in increasing order): the cost of taking it along
// (sc.dCost), the difference its place makes to the utility for each P
// (sc.dTerm), the sum of the village terms (sc.base), and which children
// may not be left without a caregiver (sc.must).
func (m *Model) childTerms(hh *household, k rng.Key, ch *choice, sc *scratch) {
	c := m.c
	p := c.p
	cs := &m.city
	r := int(hh.region)
	reg := &c.regions[r]
	yr := &cs.region[r]
	d := ch.dest
	ct := &c.cities[d]
	netEarn := &sc.netEarn
	theta := float64(float64(hh.theta) * p.Policy.SonPreferenceScale)
	hc := &p.HumanCapital
	pref := &p.Preferences
	slot, dCost, dTerm, base := &sc.slot, &sc.dCost, &sc.dTerm, &sc.base
	*base = [4]float64{}
	var must uint8 // compact indices that may not be left without a caregiver
	nk := 0
	for s := 0; s < MaxKids; s++ {
		kd := &hh.kids[s]
		if kd.age >= 0 {
			slot[nk] = uint8(s)
			nk++
		}
	}
	prov := m.sameProvince(hh, d)
	yearsNext := 1 // the parents' years in the city after this year, if they go
	if ch.sameCity {
		yearsNext = int(hh.yearsAway) + 1
	}
	eduShareByKid := 0.0
	if nk > 0 {
		eduShareByKid = p.Remittances.EduShare / float64(nk)
	}
	// The spending gains γ·ln(1 + spend/S̄) of the pupils, one per child
	// and P away, taken in one pass of logarithms (docs/ODD.md II.ii,
	// expected test-score gain). Parents expect the remittance-funded
	// spending split equally among the children (realised: split ∝ ω).
	lg := sc.lg[:3*nk]
	invMean := 0.0 // before any spending is known, no gain
	if cs.meanSpend > 0 {
		invMean = 1 / cs.meanSpend
	}
	var omegas [MaxKids]float64
	for j := 0; j < nk; j++ {
		s := int(slot[j])
		kd := &hh.kids[s]
		m.ensureTrack(hh, s)
		omega := 1.0
		if kd.sex == 1 {
			omega = 1 - theta
		}
		omegas[j] = omega
		share := float64(eduShareByKid * float64(p.Remittances.Rho0+float64(p.Remittances.Rho1*omega)))
		for P := pFather; P <= pBoth; P++ {
			spend := reg.ownSpend
			if netEarn[P] > 0 {
				spend += float64(share * netEarn[P])
			}
			lg[3*j+P-1] = 1 + float64(spend*invMean)
		}
	}
	fmath.LogSliceShort(lg)
	homeCost := 0.0
	for j := 0; j < nk; j++ {
		s := int(slot[j])
		kd := &hh.kids[s]
		age := int(kd.age)
		st := stageOf(age)
		girl := kd.sex == 1
		omega := omegas[j]
		if age < p.Policy.GuardianshipAgeYears {
			must |= 1 << j
		}
		student := age >= 6 && kd.flags&(kVocational|kDropout) == 0
		wasCity := kd.flags&kCity != 0
		switchable := age > 6 // a six-year-old starts school wherever it is
		admit := 0.0
		if st >= 0 {
			admit = cs.admission[d][st]
			if kd.flags&kPublicSeat != 0 && wasCity && ch.sameCity && age != 12 && age != 15 {
				admit = 1 // a pupil keeps its public seat within a stage
			}
		}
		costHome, costCity := 0.0, 0.0
		if girl && age >= p.Policy.GirlsCCTMinAgeYears && age >= 6 && kd.flags&kDropout == 0 {
			costHome = -c.cct // rural or vocational school: paid while enrolled
			if student {
				costCity = -c.cct
			}
		}
		if student {
			costCity += float64(admit*ct.stage[st].pubFee) + float64(float64(1-admit)*ct.stage[st].privFee)
		}
		homeCost += costHome
		dCost[j] = costCity - costHome

		// Human-capital gain in the village (by P) and in the city.
		var dhV [4]float64
		dhC := 0.0
		learns := age < 6 || student
		switch {
		case age < 6:
			dhV = [4]float64{c.gain[0], c.gain[0], c.gain[0], c.gain[0]}
			dhC = c.gain[0]
		case student:
			v := c.gain[st+1] + reg.school[st]
			if wasCity && switchable {
				v -= hc.DeltaMove
			}
			dhV[pNone] = v + yr.ownGain
			for P := pFather; P <= pBoth; P++ {
				dhV[P] = v + float64(hc.Gamma*lg[3*j+P-1])
			}
			x := float64(admit*ct.pubX) + float64(float64(1-admit)*ct.stage[st].privX)
			dhC = c.gain[st+1] + x + yr.ownGain
			if (!wasCity || !ch.sameCity) && switchable {
				dhC -= hc.DeltaMove
			}
		}
		// The term of each place and number of parents apart: in the
		// village the parents away (0, 1, 1, 2 for P = none, father,
		// mother, both), in the city those at home (1, 1, 0). Learning
		// loss and expected depression count only for children who learn
		// and feel; for the others they are 0 (x − 0 = x, the same bits).
		loss, depV, depC := &zero3, &zero3, &zero3
		if learns {
			loss = &c.pi
		}
		if age >= p.MentalHealth.StartAgeYears {
			depV, depC = &yr.depV, &c.depC
		}
		term := func(dh float64, sep int, dep *[3]float64) float64 {
			u := float64(pref.BetaH*(dh-loss[sep])) - dep[sep]
			return float64(omega*u) - c.psiSep[sep]
		}
		tV0 := term(dhV[pNone], 0, depV)
		tVF := term(dhV[pFather], 1, depV)
		tVM := term(dhV[pMother], 1, depV)
		tVB := term(dhV[pBoth], 2, depV)
		tC1 := term(dhC, 1, depC) // one parent at home (father or mother away)
		tC0 := term(dhC, 0, depC) // both away
		// Where the path leads (docs/ODD.md II.ii, Looking ahead): the
		// value after a year in the city less that after a year in the
		// village, at the household's ω.
		x := hh.xueji(s)
		la1, la2 := m.out.lookAhead(r, d, prov, kd, x, hh.examCity(s), ch.sameCity && x > 0, yearsNext)
		wk := omega / m.out.omegaBar[r][kd.sex]
		tC1 += float64(wk * la1)
		tC0 += float64(wk * la2)
		base[pNone] += tV0
		base[pFather] += tVF
		base[pMother] += tVM
		base[pBoth] += tVB
		dTerm[pFather][j] = tC1 - tVF
		dTerm[pMother][j] = tC1 - tVM
		dTerm[pBoth][j] = tC0 - tVB
	}
	// The couple apart (docs/ODD.md II.ii): one parent away, one at home.
	base[pFather] -= pref.PsiCouple
	base[pMother] -= pref.PsiCouple
	if hh.flags&hCare != 0 {
		must = 0
	} else if must != 0 {
		rg := k.Stream(rng.Guardian)
		if rg.Float64() >= p.Policy.GuardianshipEnforcement {
			must = 0 // this year the rule is not enforced on this household
		}
	}
	sc.nk, sc.must, sc.homeCost = nk, must, homeCost
}

// subsetSums is decide's third phase: for each subset T (of compact
// indices) of the children, built from T without its lowest member, the
// cost of taking them (sc.sCost), their housing, their terms by P
// (sc.sTerm) and T as a mask of slots; and sc.tLast, last year's subset if
// every child in it is still here (the one alternative with no switching
// cost when P is also last year's), else −1.
func (sc *scratch) subsetSums(ct *cityC, lastS uint8) {
	nk, slot, dCost, dTerm := sc.nk, &sc.slot, &sc.dCost, &sc.dTerm
	nT := 1 << nk
	sCost, sTerm, sMask, housing := &sc.sCost, &sc.sTerm, &sc.sMask, &sc.housing
	sCost[0], sMask[0], housing[0] = 0, 0, 0
	sTerm[pFather][0], sTerm[pMother][0], sTerm[pBoth][0] = 0, 0, 0
	for T := 1; T < nT; T++ {
		j := bits.TrailingZeros8(uint8(T))
		prev := T & (T - 1)
		sCost[T] = sCost[prev] + dCost[j]
		sMask[T] = sMask[prev] | 1<<slot[j]
		housing[T] = ct.housingCum[bits.OnesCount8(uint8(T))]
		for P := pFather; P <= pBoth; P++ {
			sTerm[P][T] = sTerm[P][prev] + dTerm[P][j]
		}
	}
	tLast := -1
	if lastS&^sMask[nT-1] == 0 {
		tLast = 0
		for j := 0; j < nk; j++ {
			tLast |= int(lastS>>slot[j]&1) << j
		}
	}
	sc.nT, sc.tLast = nT, tLast
}

// utilities is decide's fourth phase: the utility of every alternative, P
// = none with no child along and, for each P away, every subset T of the
// children (T must hold sc.must if both go), in sc.w, P-major (a = (P−1)·nT
// + T; the last is P = none); and the largest of each P (sc.mx).
func (m *Model) utilities(hh *household, sc *scratch) {
	pref := &m.c.p.Preferences
	alpha := pref.Alpha
	sub := m.c.subsistence
	kappa := pref.Kappa
	iv := &sc.iv
	nT, tLast, must, homeCost := sc.nT, sc.tLast, sc.must, sc.homeCost
	income, base, sCost, housing, sTerm := &sc.income, &sc.base, &sc.sCost, &sc.housing, &sc.sTerm
	lastS := hh.lastS

	// Every alternative's consumption, P-major (a = (P−1)·nT + T; the last
	// is P = none), then all their logarithms in one pass.
	nA := 3*nT + 1
	w := sc.w[:nA]
	for P := pFather; P <= pBoth; P++ {
		inc := income[P] - homeCost
		row := w[(P-1)*nT : P*nT]
		for T := range row {
			row[T] = fmax(inc-sCost[T]-housing[T], sub) // rarely at the floor: predictable
		}
	}
	w[nA-1] = fmax(income[pNone]-homeCost, sub)
	fmath.LogSliceShort(w)

	// Utilities and, per P, the largest. Every alternative pays κ but last
	// year's (P and subset unchanged), whose utility is then recomputed
	// without it (κ ≥ 0, so the largest is taken after).
	iv[pNone] = base[pNone] + float64(alpha*w[nA-1])
	if hh.lastP != pNone || lastS != 0 {
		iv[pNone] -= kappa
	}
	mx := &sc.mx
	for P := pFather; P <= pBoth; P++ {
		row := w[(P-1)*nT : P*nT]
		bP := base[P]
		st := sTerm[P][:len(row)]
		lc := 0.0
		if tLast >= 0 {
			lc = row[tLast]
		}
		top := math.Inf(-1) // the row's largest utility
		for T := range row {
			u := bP + st[T] + float64(alpha*row[T]) - kappa
			row[T] = u
			top = max(top, u) // branch-free: which is larger is unpredictable
		}
		if P == int(hh.lastP) && tLast >= 0 {
			u := bP + st[tLast] + float64(alpha*lc)
			row[tLast] = u
			top = max(top, u)
		}
		if P == pBoth && must != 0 {
			// Subsets that leave a young child without a caregiver are
			// not available: weight 0, and not in the largest.
			top = math.Inf(-1)
			for T := range row {
				if uint8(T)&must != must {
					row[T] = math.Inf(-1)
				}
				top = max(top, row[T])
			}
		}
		mx[P] = top
	}
}

// probabilities is decide's fifth phase: the weights e^((u − max)/(λσ))
// of each nest and their sums (sc.sum), the probability of each P
// (sc.prP), and each child's probability of being left behind.
func (m *Model) probabilities(ch *choice, sc *scratch) {
	// The weights e^((u − max)/(λσ)) of each nest and their sums; then the
	// probability of each P, from the nests' inclusive values
	// iv = max + λσ·ln Σ e. With λ = 1 (a plain logit, the baseline's) the
	// logarithms cancel: P(P) = Σ e^(u/σ) over P's alternatives / the
	// same over all, so every weight is taken against one largest utility
	// and no logarithm or second exponential is needed.
	pref := &m.c.p.Preferences
	nT, nk, w, iv, mx, sum, slot := sc.nT, sc.nk, sc.w[:3*sc.nT+1], &sc.iv, &sc.mx, &sc.sum, &sc.slot
	ls := pref.NestLambda * pref.Sigma
	invLs := 1 / ls
	prP := &sc.prP
	var wP [4]float64 // P(P) / Σ e over P's row
	if pref.NestLambda == 1 {
		top := fmax(fmax(iv[0], mx[1]), fmax(mx[2], mx[3]))
		prP[pNone] = fmath.Exp(float64((iv[pNone] - top) * invLs))
		tot := prP[pNone]
		for P := pFather; P <= pBoth; P++ {
			sum[P] = fmath.ExpShift(w[(P-1)*nT:P*nT], top, invLs)
			prP[P] = sum[P]
			tot += sum[P]
		}
		// prP[P] / sum[P], written so that a nest whose weights all
		// underflow (sum 0) gives 0, not 0/0.
		inv := 1 / tot
		for P := range prP {
			prP[P] = float64(prP[P] * inv)
		}
		wP[pFather], wP[pMother], wP[pBoth] = inv, inv, inv
	} else {
		for P := pFather; P <= pBoth; P++ {
			sum[P] = fmath.ExpShift(w[(P-1)*nT:P*nT], mx[P], invLs)
		}
		lsum := [3]float64{sum[1], sum[2], sum[3]}
		fmath.LogSlice(lsum[:])
		for P := pFather; P <= pBoth; P++ {
			iv[P] = mx[P] + float64(ls*lsum[P-1])
		}
		top := fmax(fmax(iv[0], iv[1]), fmax(iv[2], iv[3]))
		*prP = *iv
		invTot := 1 / fmath.ExpShift(prP[:], top, 1/pref.Sigma)
		for P := range prP {
			prP[P] *= invTot
		}
		for P := pFather; P <= pBoth; P++ {
			wP[P] = prP[P] / sum[P]
		}
	}
	ch.pNone = prP[pNone]
	// P(left behind) of child j: Σ_P wP · (Σ of e over subsets without j).
	for P := pFather; P <= pBoth; P++ {
		row := w[(P-1)*nT : P*nT]
		var notIn [MaxKids]float64 // Σ e over the subsets without j, in order of T
		switch nk {                // (the common sizes written out)
		case 1:
			notIn[0] = row[0]
		case 2:
			notIn[0] = row[0] + row[2]
			notIn[1] = row[0] + row[1]
		case 3:
			notIn[0] = row[0] + row[2] + row[4] + row[6]
			notIn[1] = row[0] + row[1] + row[4] + row[5]
			notIn[2] = row[0] + row[1] + row[2] + row[3]
		default:
			for j := 0; j < nk; j++ {
				for hi := 0; hi < nT; hi += 2 << j {
					for _, e := range row[hi : hi+1<<j] {
						notIn[j] += e
					}
				}
			}
		}
		for j := 0; j < nk; j++ {
			ch.pLeft[slot[j]] += float64(wP[P] * notIn[j])
		}
	}
}

// zero3 stands for the learning loss and depression risk of a child who
// does not learn or feel: read, never written.
var zero3 [3]float64

// scratch is a worker's working space for decide, reused from household to
// household (every entry is written before it is read), so that nothing
// is zeroed per household.
type scratch struct {
	sCost   [1 << MaxKids]float64 // Σ (city − home) cost over subset T
	housing [1 << MaxKids]float64 // housing for |T| children
	sTerm   [4][1 << MaxKids]float64
	w       [3<<MaxKids + 1]float64 // every alternative's consumption, log, utility, weight
	sMask   [1 << MaxKids]uint8     // T as a mask of slots
	lg      [3 * MaxKids]float64    // per child and P away: 1 + spend/S̄, then its logarithm

	// What each phase of decide leaves for the next.
	income, netEarn [4]float64 // by P
	slot            [MaxKids]uint8
	dCost           [MaxKids]float64    // city cost − home cost, by compact index
	dTerm           [4][MaxKids]float64 // term in the city − term in the village, by P
	base            [4]float64          // Σ village terms, by P
	nk, nT, tLast   int
	must            uint8 // compact indices that may not be left without a caregiver
	homeCost        float64
	iv, mx, sum     [4]float64 // by P: inclusive values, largest utilities, Σ weights
	prP             [4]float64 // P(P)
}

// drawP is the P that the uniform x falls on, given the probabilities
// prP, taken in order (pBoth if rounding leaves x above them all).
// (Kept out of line: inside decide the compiler makes branches of it.)
//
//go:noinline
func drawP(x float64, prP *[4]float64) int {
	x1 := x - prP[0]
	x2 := x1 - prP[1]
	P := selectInt(x2 < prP[2], pMother, pBoth)
	P = selectInt(x1 < prP[1], pFather, P)
	return selectInt(x < prP[0], pNone, P)
}

// drawT is the subset that x (uniform on [0, Σ row)) falls on, taking the
// subsets from the last (len(row)−1 if rounding leaves x above them all).
//
//go:noinline
func drawT(x float64, row []float64) int {
	t, found := len(row)-1, 0
	for T := len(row) - 1; T >= 0; T-- {
		hit := selectInt(x < row[T], 1, 0)
		t = selectInt(hit&^found != 0, T, t)
		found |= hit
		x -= row[T]
	}
	return t
}

// selectInt is a if c, else b; the compiler makes it a conditional move.
func selectInt(c bool, a, b int) int {
	if c {
		return a
	}
	return b
}

// fmax is the larger of a and b, for numbers that are never NaN (the
// builtin max also orders NaN and signed zeros, at a cost).
func fmax(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}

// spendingGain is γ·ln(1 + spending / mean spending); where nobody spends
// anything (mean 0) spending makes no difference.
func spendingGain(gamma, spend, mean float64) float64 {
	if mean <= 0 {
		return 0
	}
	return gamma * fmath.Log1p(spend/mean)
}

// piOf is the yearly human-capital loss by the number of parents absent.
func piOf(hc *HumanCapital, sep int) float64 {
	switch sep {
	case 1:
		return hc.PiOne
	case 2:
		return hc.PiBoth
	}
	return 0
}
