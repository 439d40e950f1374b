package sim

import (
	"context"
	"fmt"
	"math"
	"math/bits"
	"testing"

	"github.com/hukousim/hukousim/sim/rng"
)

// kidTerms are one child's pieces of the utility under each P and location.
type kidTerms struct {
	term     [4][2]float64 // [P][0 village, 1 city]: ω(β_h·E[Δh] − β_d·E[dep]) − ψ·separations
	costCity float64       // school fees (expected over admission) minus any transfer, thousand yuan
	costHome float64       // minus any transfer at home
}

// decideRef is the decision as first written (package math, no
// precomputation): the reference the fast decide is tested against.
// It is docs/ODD.md II.ii (the look-ahead read from the same table): the
// destination, then the nested-logit choice of which parents go (upper
// level) and which children go with them (lower level), each drawn with
// its own keyed uniform.
func (m *Model) decideRef(hh *household) choice {
	k := m.hhKey(hh)
	c := m.c
	p := c.p
	cs := &m.city
	r := int(hh.region)
	reg := &c.regions[r]
	var ch choice

	// Destination: kept, or (re)drawn from the region's network shares
	// tilted by each city's expected net wage.
	d := int(hh.dest)
	rd := k.Stream(rng.Destination)
	if u := rd.Float64(); d < 0 || u < p.Preferences.DestSwitch {
		d = pick(cs.destCum[r][:len(c.cities)], rd.Float64())
	}
	ch.dest = d
	ch.sameCity = hh.lastP != pNone && int(hh.dest) == d
	ct := &c.cities[d]

	ch.lnWF, ch.lnWM = m.logWages(hh, d)
	wF := math.Exp(ch.lnWF+c.wageVarHalf) * cs.wageIndex[d]
	wM := math.Exp(ch.lnWM+c.wageVarHalf) * cs.wageIndex[d]
	var income, netEarn [4]float64
	for P := pNone; P <= pBoth; P++ {
		away := float64(awayCount[P])
		wages := 0.0
		if P&pFather != 0 {
			wages += wF
		}
		if P&pMother != 0 {
			wages += wM
		}
		netEarn[P] = math.Max(0, wages-ct.living*away)
		income[P] = reg.ruralIncome*(2-away) + wages - ct.living*away
	}
	moveCost := 0.0
	if hh.lastP == pNone {
		moveCost = reg.firstMove * (1 - reg.netEffect*cs.netShare[r])
	}

	// Per-child terms.
	theta := float64(hh.theta) * p.Policy.SonPreferenceScale
	mask, nk := hh.occupied()
	var kt [MaxKids]kidTerms
	var omega [MaxKids]float64
	var must uint8 // children who may not be left without a caregiver
	hc := &p.HumanCapital
	mh := &p.MentalHealth
	pref := &p.Preferences
	for s := 0; s < MaxKids; s++ {
		kd := &hh.kids[s]
		if kd.age < 0 {
			continue
		}
		m.ensureTrack(hh, s)
		age := int(kd.age)
		st := stageOf(age)
		girl := kd.sex == 1
		omega[s] = 1
		if girl {
			omega[s] = 1 - theta
		}
		if age < p.Policy.GuardianshipAgeYears {
			must |= 1 << s
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
		if girl && age >= p.Policy.GirlsCCTMinAgeYears && age >= 6 && kd.flags&kDropout == 0 {
			kt[s].costHome = -c.cct // rural or vocational school
			if student {
				kt[s].costCity = -c.cct
			}
		}
		if student {
			kt[s].costCity += admit*ct.stage[st].pubFee + (1-admit)*ct.stage[st].privFee
		}
		for P := pNone; P <= pBoth; P++ {
			for along := 0; along < 2; along++ {
				if P == pNone && along == 1 {
					continue
				}
				sep := awayCount[P] // in the village: the parents away
				if along == 1 {
					sep = 2 - awayCount[P] // in the city: the parents at home
				}
				dh := 0.0
				switch {
				case age < 6:
					dh = c.gain[0]
				case student && along == 0:
					spend := reg.ownSpend
					if P != pNone {
						// Parents expect the remittance-funded spending split
						// equally among the children (realised: split ∝ ω).
						spend += p.Remittances.EduShare * (p.Remittances.Rho0 + p.Remittances.Rho1*omega[s]) * netEarn[P] / float64(nk)
					}
					rr := &p.Regions[hh.region]
					x := rr.TeacherQuality.Get(st) - hc.QualityRef - hc.TurnoverEffect*rr.TeacherTurnover +
						hc.ICTEffect*rr.Infrastructure*rr.TeacherTraining + hc.TrainingEffect*rr.TeacherTraining + hc.CALEffect*rr.CALCoverage
					dh = c.gain[st+1] + x + spendingGainRef(hc.Gamma, spend, cs.meanSpend)
					if wasCity && switchable {
						dh -= hc.DeltaMove
					}
				case student:
					cp := &p.Cities[ch.dest]
					q := admit*cp.PublicQuality + (1-admit)*cp.School.Get(st).PrivateQuality
					dh = c.gain[st+1] + q - hc.QualityRef + spendingGainRef(hc.Gamma, reg.ownSpend, cs.meanSpend)
					if (!wasCity || !ch.sameCity) && switchable {
						dh -= hc.DeltaMove
					}
				}
				if age < 6 || student {
					dh -= piOf(hc, sep)
				}
				dep := 0.0
				if age >= mh.StartAgeYears {
					cov := 0.0
					if along == 0 {
						cov = reg.counselling
					}
					or := math.Exp(-mh.CounsellingSMD * math.Pi / math.Sqrt(3))
					rrCounsel := or / (1 - mh.Onset + mh.Onset*or)
					dep = mh.Onset * c.rr[sep] * (1 - cov*(1-rrCounsel))
				}
				kt[s].term[P][along] = omega[s]*(pref.BetaH*dh-pref.BetaD*dep) - pref.Psi*float64(sep)
				if along == 1 {
					// Looking ahead: the city's path less the village's.
					years := 1
					if ch.sameCity {
						years = int(hh.yearsAway) + 1
					}
					la1, la2 := m.out.lookAhead(r, d, m.sameProvince(hh, d), kd, hh.xueji(s), hh.examCity(s), ch.sameCity && hh.xueji(s) > 0, years)
					la := la1
					if P == pBoth {
						la = la2
					}
					kt[s].term[P][1] += omega[s] * la / m.out.omegaBar[r][kd.sex]
				}
			}
		}
	}
	if hh.flags&hCare != 0 {
		must = 0
	} else if must != 0 {
		rg := k.Stream(rng.Guardian)
		if rg.Float64() >= p.Policy.GuardianshipEnforcement {
			must = 0 // this year the rule is not enforced on this household
		}
	}
	var housingCum [MaxKids + 1]float64
	for j := 0; j < MaxKids; j++ {
		housingCum[j+1] = housingCum[j] + ct.housingFor(j) + ct.childCost
	}

	// Utilities. Alternatives: P = none with no child along, and for each
	// P away every subset S of the children (S must hold `must` if both go).
	lastS := hh.lastS & mask
	util := func(P int, S uint8) float64 {
		cons := income[P] - housingCum[bits.OnesCount8(S)]
		if P != pNone {
			cons -= moveCost
		}
		u := 0.0
		for s := 0; s < MaxKids; s++ {
			if mask&(1<<s) == 0 {
				continue
			}
			if S&(1<<s) != 0 {
				cons -= kt[s].costCity
				u += kt[s].term[P][1]
			} else {
				cons -= kt[s].costHome
				u += kt[s].term[P][0]
			}
		}
		u += pref.Alpha * math.Log(math.Max(cons, c.subsistence))
		if P == pFather || P == pMother {
			u -= pref.PsiCouple
		}
		if P != int(hh.lastP) || S != lastS {
			u -= pref.Kappa
		}
		return u
	}
	var v [4][1 << MaxKids]float64
	var iv [4]float64
	var sum [4]float64
	var notIn [4][MaxKids]float64
	ls := pref.NestLambda * pref.Sigma
	v[pNone][0] = util(pNone, 0)
	iv[pNone] = v[pNone][0]
	for P := pFather; P <= pBoth; P++ {
		mx := math.Inf(-1)
		for S := mask; ; S = (S - 1) & mask {
			if P == pBoth && S&must != must {
				v[P][S] = math.Inf(-1)
			} else {
				v[P][S] = util(P, S)
				mx = math.Max(mx, v[P][S])
			}
			if S == 0 {
				break
			}
		}
		for S := mask; ; S = (S - 1) & mask {
			e := math.Exp((v[P][S] - mx) / ls) // exp(−Inf) = 0 for the infeasible
			v[P][S] = e
			sum[P] += e
			for s := 0; s < MaxKids; s++ {
				if mask&(1<<s) != 0 && S&(1<<s) == 0 {
					notIn[P][s] += e
				}
			}
			if S == 0 {
				break
			}
		}
		iv[P] = mx + ls*math.Log(sum[P])
	}
	top := math.Max(math.Max(iv[0], iv[1]), math.Max(iv[2], iv[3]))
	var prP [4]float64
	tot := 0.0
	for P := range prP {
		prP[P] = math.Exp((iv[P] - top) / pref.Sigma)
		tot += prP[P]
	}
	for P := range prP {
		prP[P] /= tot
	}
	ch.pNone = prP[pNone]
	for s := 0; s < MaxKids; s++ {
		if mask&(1<<s) == 0 {
			continue
		}
		for P := pFather; P <= pBoth; P++ {
			ch.pLeft[s] += prP[P] * notIn[P][s] / sum[P]
		}
	}

	// Draw P, then S given P, each with its own stream.
	rp := k.Stream(rng.ChooseP)
	x := rp.Float64()
	ch.P = pBoth
	for P := range prP {
		if x < prP[P] {
			ch.P = P
			break
		}
		x -= prP[P]
	}
	if ch.P != pNone {
		rs := k.Stream(rng.ChooseS)
		x = rs.Float64() * sum[ch.P]
		ch.S = mask
		for S := mask; ; S = (S - 1) & mask {
			if x < v[ch.P][S] {
				ch.S = S
				break
			}
			x -= v[ch.P][S]
			if S == 0 {
				break
			}
		}
	}
	return ch
}

func spendingGainRef(gamma, spend, mean float64) float64 {
	if mean <= 0 {
		return 0
	}
	return gamma * math.Log1p(spend/mean)
}

// The fast decide gives the plain version's choice probabilities, to
// rounding, and the same choices from the same draws, on every household
// of a population that has run for some years (children of every age,
// migrants, converted families and city schools all present): with
// λ = 1, where the fast version takes the plain logit's short cut, and
// with λ = 0.5, where it goes through the nests' inclusive values.
func TestDecideMatchesReference(t *testing.T) {
	for _, lambda := range []float64{1, 0.5} {
		t.Run(fmt.Sprintf("lambda=%g", lambda), func(t *testing.T) {
			testDecideMatchesReference(t, lambda)
		})
	}
}

func testDecideMatchesReference(t *testing.T, lambda float64) {
	p := testParams()
	p.Preferences.NestLambda = lambda
	p.Population.Households = 4000
	p.Policy.GirlsCCTYuanYear = 1000 // exercise the transfer terms too
	m, err := New(p, nil, Config{Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	for range 8 {
		if err := m.Step(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	m.year++ // decide for the next year, from the state the last step left
	m.city.update(m)
	m.buildOutlook()
	n, diff := 0, 0
	worst := 0.0
	for i := range m.hh {
		hh := &m.hh[i]
		if hh.flags&hActive == 0 || hh.flags&hConverted != 0 {
			continue
		}
		a, b := *hh, *hh
		got := m.decide(&a, m.hhKey(&a), new(scratch))
		want := m.decideRef(&b)
		n++
		worst = max(worst, math.Abs(got.pNone-want.pNone))
		for s := range got.pLeft {
			worst = max(worst, math.Abs(got.pLeft[s]-want.pLeft[s]))
		}
		if got.P != want.P || got.S != want.S || got.dest != want.dest {
			diff++
		}
	}
	t.Logf("%d households: largest probability difference %.2g, %d different choices", n, worst, diff)
	if worst > 1e-9 {
		t.Errorf("probabilities differ by up to %g", worst)
	}
	// A choice can differ only when a uniform falls within rounding of a
	// boundary: essentially never.
	if diff > 0 {
		t.Errorf("%d of %d choices differ", diff, n)
	}
	if n < 3000 {
		t.Fatalf("only %d households checked", n)
	}
}
