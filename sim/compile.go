package sim

import (
	"math"
	"sort"

	"github.com/hukousim/hukousim/sim/fmath"
)

// compiled is Params turned into indexed arrays in the units the step uses:
// money in thousand yuan per year, cities and regions by index.
type compiled struct {
	p       *Params
	regions []regionC
	cities  []cityC
	// gain is g by stage index 0 preschool, 1 primary, 2 middle, 3 high.
	gain      [4]float64
	rr        [3]float64
	srb       []float64 // P(boy) by birth order
	familyCum [MaxKids]float64
	regionCum []float64
	hazard    [6]float64
	// By the number of parents a child is separated from (0, 1, 2): the
	// yearly human-capital loss, ψ·separations, and β_d·E[depression onset]
	// in the city (no counselling there).
	pi, psiSep, depC [3]float64
	subsistence      float64
	cct              float64
	wageVarHalf      float64 // σ_ε²/2: E[exp(ε)] = exp(σ_ε²/2)
	// counselGap is 1 − RR, the relative cut in depression onset of a
	// child fully covered by counselling (counsellingRR).
	counselGap float64
}

type regionC struct {
	ruralIncome float64
	ownSpend    float64
	school      [3]float64 // yearly effect of the rural school by stage, SD (schoolEffect)
	grandparent float64
	sonA, sonB  float64
	firstMove   float64
	netEffect   float64
	counselling float64
	destShare   []float64 // by city index
	sameProv    []float64 // share of same-province migrants, by city index
}

type cityC struct {
	tier        int
	lnWage      float64 // ln of the reference worker's yearly wage, thousand yuan
	living      float64
	childCost   float64
	housing     []float64
	pubX        float64 // yearly effect of a city public school, SD: public_quality − q̄
	stage       [3]stageC
	zk, gk      examC // who may sit the zhongkao and the gaokao here without hukou
	convert     float64
	convertYrs  int // years a parent must have worked here before the family may convert
	elasticity  float64
	restrictive bool
	// housingCum[n]: housing and living costs of n children along.
	housingCum [MaxKids + 1]float64
}

// examC is an exam rule as thresholds: a pupil may sit the exam if it has
// at least school consecutive years of the city's 学籍 and a parent at
// least parent years in the city; never, whatever the years, under a
// hukou rule.
type examC struct {
	never          bool
	school, parent int
}

func compileExam(r *ExamRule) examC {
	switch r.Rule {
	case "hukou":
		return examC{never: true}
	case "open":
		return examC{}
	}
	return examC{school: r.SchoolYears, parent: r.ParentYears}
}

// ok reports whether a pupil with xueji years of the city's 学籍, whose
// parents have been parent years in the city, may sit the exam.
func (e examC) ok(xueji, parent int) bool {
	return !e.never && xueji >= e.school && parent >= e.parent
}

type stageC struct {
	admission, seats, pubFee, privFee float64
	privX                             float64 // yearly effect of the private school, SD: private_quality − q̄
}

const k = 1.0 / 1000 // yuan to thousand yuan

func compile(p *Params) *compiled {
	c := &compiled{p: p}
	// Yuan to thousand yuan, at the price levels of the year (1: the
	// amounts as given; k·1 is k exactly, so a scenario without price
	// indices computes the same bits as before them).
	kw, ku, kr := k*p.Prices.WageIndex, k*p.Prices.UrbanCostIndex, k*p.Prices.RuralIncomeIndex
	cityIndex := map[string]int{}
	for i, ct := range p.Cities {
		cityIndex[ct.Name] = i
		cc := cityC{
			tier:        ct.Tier,
			lnWage:      fmath.Log(math.Max(ct.WageYuanMonth*12*kw, 1e-9)),
			living:      ct.LivingCostYuanYear * ku,
			childCost:   ct.ChildCostYuanYear * ku,
			pubX:        ct.PublicQuality - p.HumanCapital.QualityRef,
			zk:          compileExam(&ct.Exams.Zhongkao),
			gk:          compileExam(&ct.Exams.Gaokao),
			convert:     ct.HukouConversion,
			convertYrs:  ct.HukouConversionYears,
			elasticity:  ct.WageElasticity,
			restrictive: ct.School.Middle.Admission < p.Observation.RestrictiveAdmission,
		}
		for _, h := range ct.HousingPerChildYuanYear {
			cc.housing = append(cc.housing, h*ku)
		}
		for s := 0; s < 3; s++ {
			a := ct.School.Get(s)
			cc.stage[s] = stageC{admission: a.Admission, seats: a.SeatsMultiple, pubFee: a.PublicFeeYuanYear * ku, privFee: a.PrivateFeeYuanYear * ku, privX: a.PrivateQuality - p.HumanCapital.QualityRef}
		}
		for j := 0; j < MaxKids; j++ {
			cc.housingCum[j+1] = cc.housingCum[j] + cc.housingFor(j) + cc.childCost
		}
		c.cities = append(c.cities, cc)
	}
	cum := 0.0
	for _, r := range p.Regions {
		rc := regionC{
			ruralIncome: r.RuralIncomeYuanYear * kr,
			ownSpend:    r.OwnSchoolingYuanYear * kr,
			grandparent: r.GrandparentShare,
			sonA:        r.SonPreference.A,
			sonB:        r.SonPreference.B,
			firstMove:   r.FirstMoveCostYuan * k,
			netEffect:   r.NetworkEffect,
			counselling: r.CounsellingCoverage,
			destShare:   make([]float64, len(p.Cities)),
			sameProv:    make([]float64, len(p.Cities)),
		}
		for s := 0; s < 3; s++ {
			rc.school[s] = schoolEffect(&p.HumanCapital, &r, s)
		}
		// Sorted keys: map order must never reach a result.
		names := make([]string, 0, len(r.Destinations))
		for n := range r.Destinations {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			if i, ok := cityIndex[n]; ok {
				rc.destShare[i] = r.Destinations[n]
			}
		}
		for n, v := range r.SameProvince {
			if i, ok := cityIndex[n]; ok {
				rc.sameProv[i] = v // each key once: order does not matter
			}
		}
		c.regions = append(c.regions, rc)
		cum += r.Weight
		c.regionCum = append(c.regionCum, cum)
	}
	copy(c.gain[:], p.HumanCapital.GainByStage)
	copy(c.rr[:], p.MentalHealth.RelativeRisk)
	for _, s := range p.Demography.SRBByOrder {
		c.srb = append(c.srb, s/(1+s))
	}
	cum = 0
	for i, f := range p.Demography.FamilySize {
		cum += f
		c.familyCum[i] = cum
	}
	copy(c.hazard[:], p.Demography.BirthHazard)
	c.subsistence = p.Preferences.SubsistenceYuanYear * k
	c.cct = p.Policy.GirlsCCTYuanYear * k
	c.wageVarHalf = p.Wages.ShockSD * p.Wages.ShockSD / 2
	mh := &p.MentalHealth
	c.counselGap = 1 - counsellingRR(mh.CounsellingSMD, mh.Onset)
	for sep := range 3 {
		c.psiSep[sep] = float64(p.Preferences.Psi * float64(sep))
		c.depC[sep] = float64(p.Preferences.BetaD * float64(mh.Onset*c.rr[sep]))
	}
	for sep := range 3 {
		c.pi[sep] = piOf(&p.HumanCapital, sep)
	}
	return c
}

// schoolEffect is the yearly effect, in SD of test score, of region r's
// rural school at stage s on a pupil (docs/ODD.md III.iv, Human capital):
// the teachers' quality against q̄, less the turnover loss, plus the
// infrastructure teachers are trained to use, the training itself and a
// structured computer-assisted-learning programme, each at the size the
// trials find. The pupil's school-effect stock takes it in and fades.
func schoolEffect(hc *HumanCapital, r *Region, s int) float64 {
	x := r.TeacherQuality.Get(s) - hc.QualityRef
	x -= float64(hc.TurnoverEffect * r.TeacherTurnover)
	x += float64(hc.ICTEffect * float64(r.Infrastructure*r.TeacherTraining))
	x += float64(hc.TrainingEffect * r.TeacherTraining)
	x += float64(hc.CALEffect * r.CALCoverage)
	return x
}

// counsellingRR turns the standardised mean difference in depressive
// symptoms that school-based trials report into the relative risk of
// onset for a covered child: the log odds ratio is −smd·π/√3 (Chinn 2000,
// Statistics in Medicine 19:3127, the logistic distribution's SD), and an
// odds ratio becomes a relative risk at the base risk p0 as
// OR / (1 − p0 + p0·OR) (Zhang and Yu 1998, JAMA 280:1690).
func counsellingRR(smd, p0 float64) float64 {
	or := fmath.Exp(-float64(smd * (math.Pi / math.Sqrt(3))))
	return or / (1 - p0 + float64(p0*or))
}

// pick returns the first index whose cumulative weight exceeds u·total.
func pick(cum []float64, u float64) int {
	x := u * cum[len(cum)-1]
	for i, c := range cum {
		if x < c {
			return i
		}
	}
	return len(cum) - 1
}

// stageOf maps an age to its school stage: -1 preschool, 0 primary,
// 1 middle, 2 high.
func stageOf(age int) int {
	switch {
	case age < 6:
		return -1
	case age < 12:
		return 0
	case age < 15:
		return 1
	default:
		return 2
	}
}

func (c *cityC) housingFor(nth int) float64 {
	if nth < len(c.housing) {
		return c.housing[nth]
	}
	return c.housing[len(c.housing)-1]
}
