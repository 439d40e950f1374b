package sim

import (
	"context"
	"math"
	"strings"
	"testing"
)

// Unit tests of the submodels of docs/ODD.md III.iv, each against values
// worked out by hand in the comments. Money in the comments is in thousand
// yuan a year, the unit of compiled (compile.go).
//
// Unless a test says otherwise, every number comes from unitParams below.
// The numbers are the design's starting values (docs/ODD.md, Parameters,
// whose source column calls them the design's appendix) where there is
// one, and otherwise chosen to make the arithmetic easy; they are set
// here, not taken from DefaultParams, so that a change of a default does not
// move a hand calculation.

// unitParams is a world of one region ("r") and one city ("c").
func unitParams() *Params {
	p := DefaultParams()
	p.Time = Time{StartYear: 2020, Years: 5, BurnIn: 0}
	p.Population = Population{Households: 1, RealHouseholds: 1, RuralShare: 1, ChildTrend: 0}
	p.Preferences = Preferences{
		Alpha: 1.0, BetaH: 8.0, BetaD: 3.0, Psi: 0.18, Kappa: 0.15, Sigma: 0.22,
		NestLambda: 1, DestWageWeight: 1, DestSwitch: 0, SubsistenceYuanYear: 3000,
		// Discount 0: parents do not look ahead, so that the hand-worked
		// utilities of the decision tests hold; TestOutlook tests it.
		CollegeValue: 0, Discount: 0,
	}
	p.Wages = Wages{
		ReturnSchooling: 0.06, Age: 0, AgeSq: -0.0008,
		Female:      math.Log(0.75), // the reference mother earns 3/4 of the father
		RefAgeYears: 35, RefSchoolingYears: 9, AbilitySD: 0.3, ShockSD: 0,
	}
	p.Remittances = Remittances{Rho0: 0.42, Rho1: 0.20, EduShare: 0.07}
	p.HumanCapital = HumanCapital{
		GainByStage: []float64{0, 0.05, 0.03, 0.02}, QualityRef: 1.0, Gamma: 0.1,
		PiOne: 0.01, PiBoth: 0.04, DeltaMove: 0.10, DeltaDep: 0.10, SigmaH: 0,
		InitialSD: 1.0,
		// Round numbers for the arithmetic (the baseline's sources are in
		// docs/ODD.md): 0.1 SD a year lost per unit of turnover, 0.5 SD a
		// year for infrastructure in full use by trained teachers, none for
		// training alone, 0.14 for a CAL programme, half the stock kept.
		TurnoverEffect: 0.1, ICTEffect: 0.5, TrainingEffect: 0, CALEffect: 0.14, SchoolPersistence: 0.5,
	}
	p.MentalHealth = MentalHealth{
		StartAgeYears: 6, Onset: 0.118, RelativeRisk: []float64{1.0, 1.6, 2.05}, Recovery: 0.35,
		CounsellingSMD: 0.23, CounsellingKeep: 0.5, IdeationDepressed: 0.40, Ideation: 0.10,
	}
	p.Transitions = Transitions{
		HighSchoolA0: -1.2, HighSchoolA1: 1.0, HighSchoolA2: 0.5, HighSchoolA3: 1.0,
		GaokaoCutoff: 0.5, GaokaoNoiseSD: 0, GaokaoPointsSD: 100,
		// No one leaves school unless a test says so (TestDropout).
		DropoutA0: -100, DropoutScore: -0.5, DropoutIncome: -0.5, DropoutWage: 1,
	}
	p.Demography = Demography{
		FamilySize:        []float64{0.40, 0.42, 0.14, 0.04},
		BirthHazard:       []float64{0.10, 0.35, 0.35, 0.25, 0.12, 0.04},
		SRBByOrder:        []float64{1.113},
		BirthSpacingYears: 3, EntryAgeMin: 20, EntryAgeMax: 30, FatherAgeGapYears: 2,
		SchoolingMeanYears: 9.5, SchoolingSDYears: 2.5, CaregiverOffsetYears: 27,
		CaregiverLoss: 0.01, CaregiverLossAgeYears: 60, CaregiverSlope: 0.08,
		CaregiverGain: 0.05, CaregiverNewAgeYears: 55, MaxMotherAgeYears: 49,
	}
	p.Policy = Policy{
		GuardianshipEnforcement: 1, GuardianshipAgeYears: 16, GaokaoBonusPoints: 0,
		BonusMinYearsLB: 0, GirlsCCTYuanYear: 0, GirlsCCTMinAgeYears: 12, SonPreferenceScale: 1,
	}
	p.Observation = Observation{RestrictiveAdmission: 0.5}
	p.Regions = []Region{{
		Name: "r", Weight: 1, RuralIncomeYuanYear: 20000, OwnSchoolingYuanYear: 2000,
		TeacherQuality:  Stages{Primary: 0.95, Middle: 0.86, High: 0.80},
		TeacherTurnover: 0.2, Infrastructure: 0.3, TeacherTraining: 0.4,
		GrandparentShare: 1, SonPreference: Beta{A: 2, B: 7},
		FirstMoveCostYuan: 8000, NetworkEffect: 0.5, CounsellingCoverage: 0.1,
		Destinations: map[string]float64{"c": 1},
	}}
	p.Cities = []City{{
		Name: "c", Tier: 3, WageYuanMonth: 5000, LivingCostYuanYear: 15000,
		HousingPerChildYuanYear: []float64{10000},
		PublicQuality:           1.25,
		School: Schools{
			Primary: StageAccess{Admission: 0.8, SeatsMultiple: 1, PublicFeeYuanYear: 0, PrivateFeeYuanYear: 4000, PrivateQuality: 0.97},
			Middle:  StageAccess{Admission: 0.5, SeatsMultiple: 1, PublicFeeYuanYear: 0, PrivateFeeYuanYear: 23000, PrivateQuality: 0.97},
			High:    StageAccess{Admission: 0.4, SeatsMultiple: 1, PublicFeeYuanYear: 2000, PrivateFeeYuanYear: 23000, PrivateQuality: 0.97},
		},
		Exams: Exams{
			Zhongkao: ExamRule{Rule: "years", SchoolYears: 3, ParentYears: 3},
			Gaokao:   ExamRule{Rule: "years", SchoolYears: 3, ParentYears: 3},
		},
		HukouConversion: 0.01, WageElasticity: 0.1,
	}}
	return &p
}

// unitModel builds a model of p and puts it in p's start year with the
// city snapshot of a first year (policy admission, wage index 1, no
// network, mean spending = the region's own spending).
func unitModel(t testing.TB, p *Params) *Model {
	t.Helper()
	m, err := New(p, nil, Config{Seed: 17, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	m.year = p.Time.StartYear
	m.city.update(m)
	m.buildOutlook()
	return m
}

// unitHousehold is a couple at the reference age (35) and schooling (9),
// wage ability 0, in region 0 with an able caregiver, no son preference,
// never away, and no children.
func unitHousehold(id uint64) household {
	hh := household{id: id, dest: -1, flags: hActive | hCare, ageF: 35, ageM: 35, schoolF: 9, schoolM: 9}
	for i := range hh.kids {
		hh.kids[i].age = -1
	}
	return hh
}

func near(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol
}

// within5SE reports whether a share of hits out of n is p within five
// binomial standard errors. The draws come from fixed keys, so a test using
// it is deterministic.
func within5SE(hits, n int, p float64) (share, tol float64, ok bool) {
	share = float64(hits) / float64(n)
	tol = 5 * math.Sqrt(p*(1-p)/float64(n))
	return share, tol, math.Abs(share-p) <= tol
}

// --- compile ---------------------------------------------------------------

func TestCompile(t *testing.T) {
	p := unitParams()
	p.Policy.GirlsCCTYuanYear = 1500
	p.Wages.ShockSD = 0.3
	p.Demography.SRBByOrder = []float64{1.113, 1.5}
	second := p.Cities[0]
	second.Name, second.WageYuanMonth, second.LivingCostYuanYear = "d", 4500, 13000
	second.HousingPerChildYuanYear = []float64{5000, 7500, 10000}
	second.School.Middle.Admission = 0.2
	p.Cities = append(p.Cities, second)
	p.Regions[0].Destinations = map[string]float64{"d": 0.3, "c": 0.7}
	east := p.Regions[0]
	east.Name, east.Weight, east.Destinations = "east", 0.4, map[string]float64{"c": 1}
	p.Regions[0].Weight = 0.6
	p.Regions = append(p.Regions, east)
	if errs := p.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	c := compile(p)

	// Rural school effect = teacher_quality − q̄ − turnover_effect·turnover
	// + ict_effect·infrastructure·training + training_effect·training
	// + cal_effect·cal_coverage, with q̄ 1, turnover 0.2, infrastructure
	// 0.3, training 0.4, no CAL: −0.1·0.2 = −0.02, 0.5·0.3·0.4 = 0.06.
	wantX := [3]float64{
		0.95 - 1 - 0.02 + 0.06, // primary −0.01
		0.86 - 1 - 0.02 + 0.06, // middle  −0.10
		0.80 - 1 - 0.02 + 0.06, // high    −0.16
	}
	for s, w := range [3]float64{-0.01, -0.10, -0.16} {
		if !near(wantX[s], w, 1e-12) {
			t.Fatalf("hand arithmetic: %v vs %v", wantX[s], w)
		}
		if got := c.regions[0].school[s]; !near(got, w, 1e-12) {
			t.Errorf("rural school effect stage %d = %.15g, want %.15g", s, got, w)
		}
	}
	// City schools: public_quality − q̄ = 0.25, private 0.97 − 1 = −0.03.
	if got := c.cities[0].pubX; !near(got, 0.25, 1e-12) {
		t.Errorf("public school effect = %.15g, want 0.25", got)
	}
	if got := c.cities[0].stage[1].privX; !near(got, -0.03, 1e-12) {
		t.Errorf("private school effect = %.15g, want -0.03", got)
	}

	// Money in thousand yuan a year.
	for _, tc := range []struct {
		name      string
		got, want float64
	}{
		{"rural income 20000", c.regions[0].ruralIncome, 20},
		{"own schooling 2000", c.regions[0].ownSpend, 2},
		{"first move 8000", c.regions[0].firstMove, 8},
		{"living c 15000", c.cities[0].living, 15},
		{"living d 13000", c.cities[1].living, 13},
		{"housing c 1st 10000", c.cities[0].housingFor(0), 10},
		{"housing d 2nd 7500", c.cities[1].housingFor(1), 7.5},
		{"housing d 5th = last 10000", c.cities[1].housingFor(4), 10},
		{"housing c 3rd = only 10000", c.cities[0].housingFor(2), 10},
		{"public fee high 2000", c.cities[0].stage[2].pubFee, 2},
		{"private fee primary 4000", c.cities[0].stage[0].privFee, 4},
		{"private fee middle 23000", c.cities[0].stage[1].privFee, 23},
		{"subsistence 3000", c.subsistence, 3},
		{"girls' CCT 1500", c.cct, 1.5},
		// ln W of the reference worker = ln(12·wage_yuan_month/1000):
		// 12·5000/1000 = 60, 12·4500/1000 = 54.
		{"ln wage c = ln 60", c.cities[0].lnWage, 4.0943445622221004},
		{"ln wage d = ln 54", c.cities[1].lnWage, 3.9889840465642745},
		// σ_ε²/2 = 0.3²/2 = 0.045.
		{"wage variance half", c.wageVarHalf, 0.045},
		// P(boy) = srb/(1 + srb): 1.113/2.113, 1.5/2.5.
		{"P(boy) order 1", c.srb[0], 0.526739233317558},
		{"P(boy) order 2", c.srb[1], 0.6},
		// Destination shares by city index (c = 0, d = 1), not map order.
		{"west share c", c.regions[0].destShare[0], 0.7},
		{"west share d", c.regions[0].destShare[1], 0.3},
		{"east share d", c.regions[1].destShare[1], 0},
		{"region cum 0", c.regionCum[0], 0.6},
		{"region cum 1", c.regionCum[1], 1.0},
		{"family cum 2", c.familyCum[1], 0.82},
		{"family cum 4", c.familyCum[3], 1.0},
		{"admission middle d", c.cities[1].stage[1].admission, 0.2},
		{"gain middle", c.gain[2], 0.03},
		{"RR both", c.rr[2], 2.05},
		{"hazard 20-24", c.hazard[1], 0.35},
	} {
		if !near(tc.got, tc.want, 1e-12) {
			t.Errorf("%s: got %.15g, want %.15g", tc.name, tc.got, tc.want)
		}
	}
	// Restrictive: policy middle admission below 0.5.
	if c.cities[0].restrictive || !c.cities[1].restrictive {
		t.Errorf("restrictive = %v, %v; want false (0.5), true (0.2)", c.cities[0].restrictive, c.cities[1].restrictive)
	}
}

func TestStageOf(t *testing.T) {
	for _, tc := range []struct{ age, want int }{
		{0, -1}, {5, -1}, {6, 0}, {11, 0}, {12, 1}, {14, 1}, {15, 2}, {17, 2},
	} {
		if got := stageOf(tc.age); got != tc.want {
			t.Errorf("stageOf(%d) = %d, want %d", tc.age, got, tc.want)
		}
	}
}

func TestPick(t *testing.T) {
	cum := []float64{1, 3, 6} // weights 1, 2, 3
	for _, tc := range []struct {
		u    float64
		want int
	}{
		{0, 0},         // 0 < 1
		{0.16, 0},      // 0.96 < 1
		{0.17, 1},      // 1.02
		{0.49, 1},      // 2.94
		{0.5, 2},       // 3.0 is not < 3
		{0.999999, 2},  // 5.999994
		{1 - 1e-16, 2}, // the largest uniform
	} {
		if got := pick(cum, tc.u); got != tc.want {
			t.Errorf("pick(%v, %v) = %d, want %d", cum, tc.u, got, tc.want)
		}
	}
}

func TestPiOf(t *testing.T) {
	hc := &HumanCapital{PiOne: 0.01, PiBoth: 0.04}
	for sep, want := range []float64{0, 0.01, 0.04} {
		if got := piOf(hc, sep); got != want {
			t.Errorf("piOf(%d) = %v, want %v", sep, got, want)
		}
	}
}

// --- income and remittances (docs/ODD.md III.iv) -----------------------------

// TestRemittance runs m.earn for a father (or both parents) at city c with
// wage index 0.9 and no wage shock. θ = 0.5 with son_preference_scale 0.8:
// ω = 1 for the son (slot 0), 1 − 0.5·0.8 = 0.6 for the daughters (slots
// 1, 2).
//
//	father's wage 60·0.9 = 54, living 15: net 39, income 20 + 54 − 15 = 59
//	both: wages 54 + 45·0.9 = 94.5, living 30: net 64.5, income 64.5
//
// ρ = 0.42 + 0.20·mean ω over those left behind; education spending
// 0.07·remit, split ∝ ω among them, on top of the own 2 per child.
func TestRemittance(t *testing.T) {
	son, girl1, girl2 := uint8(1), uint8(2), uint8(4)
	for _, tc := range []struct {
		name   string
		P      int
		S      uint8
		income float64
		remit  float64
		spend  [3]float64
		group  int
	}{
		// All three left: mean ω = 2.2/3, ρ = 0.42 + 0.2·2.2/3 = 0.5666667,
		// remit = 0.5666667·39 = 22.1, edu 1.547: son 1.547/2.2 = 0.703182,
		// each girl 1.547·0.6/2.2 = 0.421909.
		{"all left", pFather, 0, 59, 22.1, [3]float64{2.703182, 2.421909, 2.421909}, remMixed},
		// Son left: ρ = 0.62, remit = 24.18, edu 1.6926 to the son.
		{"son left", pFather, girl1 | girl2, 59, 24.18, [3]float64{3.6926, 2, 2}, remSons},
		// Daughters left: ρ = 0.42 + 0.2·0.6 = 0.54, remit = 21.06,
		// edu 1.4742, 0.7371 each.
		{"daughters left", pFather, son, 59, 21.06, [3]float64{2, 2.7371, 2.7371}, remDaughters},
		// None left: ρ0 alone, remit = 0.42·39 = 16.38, own spending only.
		{"none left", pFather, son | girl1 | girl2, 59, 16.38, [3]float64{2, 2, 2}, remNone},
		// Both away, all left: remit = 0.5666667·64.5 = 36.55, edu 2.5585:
		// son 2.5585/2.2 = 1.162955, each girl 0.697773.
		{"both away", pBoth, 0, 64.5, 36.55, [3]float64{3.162955, 2.697773, 2.697773}, remMixed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := unitParams()
			p.Policy.SonPreferenceScale = 0.8
			m := unitModel(t, p)
			m.city.wageIndex[0] = 0.9
			hh := unitHousehold(3)
			hh.theta = 0.5
			hh.kids[0] = kid{age: 8, sex: 0}
			hh.kids[1] = kid{age: 10, sex: 1}
			hh.kids[2] = kid{age: 4, sex: 1}
			ch := choice{P: tc.P, S: tc.S, dest: 0, lnWF: math.Log(60), lnWM: math.Log(45)}
			var a tally
			spend := m.earn(&hh, &ch, &a, m.hhKey(&hh))
			if !near(float64(hh.income), tc.income, 1e-4) {
				t.Errorf("income = %v, want %v", hh.income, tc.income)
			}
			if !near(float64(hh.remit), tc.remit, 1e-4) {
				t.Errorf("remit = %v, want %v", hh.remit, tc.remit)
			}
			for s, w := range tc.spend {
				if !near(spend[s], w, 1e-6) {
					t.Errorf("spending of slot %d = %.7f, want %.7f", s, spend[s], w)
				}
			}
			if a.remit[tc.group][1] != 1 || !near(a.remit[tc.group][0], tc.remit, 1e-9) {
				t.Errorf("remittance group %s = %v, want [%v 1]", remNames[tc.group], a.remit[tc.group], tc.remit)
			}
			away := float64(awayCount[tc.P])
			if a.migratingHH != 1 || a.migrantAdults != away || a.stock[0] != away {
				t.Errorf("migrating %v, adults %v, stock %v; want 1, %v, %v", a.migratingHH, a.migrantAdults, a.stock[0], away, away)
			}
		})
	}
}

// TestEarnAtHome: nobody away: income 2·20, no remittance, own spending.
func TestEarnAtHome(t *testing.T) {
	m := unitModel(t, unitParams())
	hh := unitHousehold(3)
	hh.kids[0] = kid{age: 8}
	hh.remit = 5
	ch := choice{P: pNone}
	var a tally
	spend := m.earn(&hh, &ch, &a, m.hhKey(&hh))
	if hh.income != 40 || hh.remit != 0 || spend[0] != 2 || a.migratingHH != 0 {
		t.Errorf("income %v remit %v spend %v migrating %v; want 40, 0, 2, 0", hh.income, hh.remit, spend[0], a.migratingHH)
	}
}

// --- human capital (docs/ODD.md III.iv, Human capital and school) ------------

// TestHumanCapital runs m.children for one child with σ_h = 0 and last
// year's mean spending 2:
//
//	Δh = g(stage) + (q − q̄) − π(type) + γ·ln(1 + spending/2)
//	     − δ_move·switch − δ_dep·depressed
//
// with g = 0/0.05/0.03/0.02, q̄ = 1, γ = 0.1, π = 0.01/0.04, δ = 0.10, rural
// q 0.975 (primary) and 0.894 (middle) (TestCompile), city public 1.25,
// private 0.97.
func TestHumanCapital(t *testing.T) {
	type row struct {
		name      string
		age       int8
		P         int
		S         uint8
		sameCity  bool // someone was away at city c last year too
		flags     uint8
		school    uint8
		admission float64 // of city c at the child's stage
		spend     float64
		want      float64
		wantSch   uint8
		switches  uint8
		bug       string
	}
	for _, tc := range []row{
		// 0.05 + (−0.01) + 0.1·ln(1 + 3/2) − 0.01 (the school stock starts
		// at 0 and takes this year's −0.01 in)
		// = 0.04 + 0.0916291 − 0.01 = 0.1216291.
		{"village pupil, father away", 8, pFather, 0, false, 0, schRural, 0.8, 3, 0.1216290731874155, schRural, 0, ""},
		// Keeps its public seat (age 9, within primary, same city; admission
		// 0, so only the kept seat gives a public school): 0.05 + (1.25 − 1)
		// + 0.1·ln 2 = 0.3 + 0.0693147 = 0.3693147; both parents along.
		{"city public pupil", 9, pBoth, 1, true, kCity | kPublicSeat, schCityPublic, 0, 2, 0.36931471805599453, schCityPublic, 0, ""},
		// From the village to the city with the mother (father home: type
		// 1), admission 0 so a private school, depressed:
		// 0.05 + (0.97 − 1) + 0.1·ln 2 − 0.01 − 0.10 − 0.10 = −0.1206853.
		{"switch to the city, depressed", 10, pMother, 1, false, kDepressed, schRural, 0, 2, -0.12068528194400548, schCityPrivate, 1, ""},
		// Back from the city to the village at 13, both away (type 2):
		// 0.03 + (−0.10) + 0.1·ln 2 − 0.04 − 0.10 = −0.1406853.
		{"switch to the village, both away", 13, pBoth, 0, true, kCity, schCityPrivate, 0.5, 2, -0.14068528194400546, schRural, 1, ""},
		// The family moved to another city (not sameCity): the seat is not
		// kept; admission 0 gives a private school, a switch:
		// 0.05 + (0.97 − 1) + 0.1·ln 2 − 0.10 = −0.0106853.
		{"new city, loses its public seat", 9, pBoth, 1, false, kCity | kPublicSeat, schCityPublic, 0, 2, -0.010685281944005466, schCityPrivate, 1, ""},
		// The same with admission 1: a public school again, but in another
		// city, so still a switch: 0.3693147 − 0.10 = 0.2693147.
		{"new city, public again", 9, pBoth, 1, false, kCity | kPublicSeat, schCityPublic, 1, 2, 0.26931471805599453, schCityPublic, 1,
			"children() counts a city-to-city move as a switch only when the school type changes " +
				"(prevSchool != kd.school); a pupil whose family changed destination city (ch.sameCity " +
				"false) and who is public (or private) in both cities changes school without δ_move"},
		// Preschool, both away: g(0) − π_2 = 0 − 0.04.
		{"preschool, both away", 3, pBoth, 0, false, 0, schPreschool, 0.8, 2, -0.04, schPreschool, 0, ""},
		// Academic high-school pupil in a city public school (seat kept at
		// 16), who will sit the gaokao in the city (exam: examCity below):
		// 0.02 + 0.25 + 0.1·ln 2 = 0.3393147.
		{"city high school, exam in the city", 16, pBoth, 1, true, kCity | kPublicSeat | kAcademic, schCityPublic, 0, 2, 0.33931471805599455, schCityPublic, 0, ""},
		// Vocational track (not a student): no change.
		{"vocational", 16, pNone, 0, false, kVocational, schVocational, 0.4, 2, 0, schVocational, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := unitModel(t, unitParams())
			m.city.meanSpend = 2
			m.city.admission[0][max(stageOf(int(tc.age)), 0)] = tc.admission
			hh := unitHousehold(5)
			hh.kids[0] = kid{h: 0.5, age: tc.age, flags: tc.flags, school: tc.school}
			hh.setExamCity(0, true)
			ch := choice{P: tc.P, S: tc.S, dest: 0, sameCity: tc.sameCity}
			spend := [MaxKids]float64{tc.spend, 2, 2, 2}
			var a tally
			m.children(&hh, &ch, &spend, false, &a)
			kd := &hh.kids[0]
			if got := float64(kd.h) - 0.5; !near(got, tc.want, 1e-6) {
				t.Errorf("Δh = %.7f, want %.7f", got, tc.want)
			}
			if kd.school != tc.wantSch {
				t.Errorf("school = %d, want %d", kd.school, tc.wantSch)
			}
			if kd.switches != tc.switches {
				t.Errorf("switches = %d, want %d", kd.switches, tc.switches)
			}
		})
	}
}

// TestSchoolStock: school effects go through the pupil's school-effect
// stock, which keeps school_persistence (0.5) of itself each year; h moves
// with the stock, so an effect fades out once the school no longer gives it.
func TestSchoolStock(t *testing.T) {
	for _, tc := range []struct {
		name         string
		cal          float64 // the region's CAL coverage
		e0           float32 // the stock at the start of the year
		inCity       bool
		wantDH, want float64 // Δh and the stock after the year
	}{
		// Village primary pupil aged 8, both parents home, spending at the
		// mean: g 0.05 + γ·ln 2 0.0693147; the stock 0.5·0.2 − 0.01 = 0.09
		// moves h by 0.09 − 0.2 = −0.11: Δh = 0.1193147 − 0.11 = 0.0093147.
		{"village, stock fading", 0, 0.2, false, 0.009314718055994531, 0.09},
		// The same with a CAL programme for every rural pupil: the stock
		// takes 0.14 more, and so does h (the trials' one-year gain).
		{"village, CAL", 1, 0.2, false, 0.14931471805599453, 0.23},
		// A city public pupil with the same stock, both parents along:
		// 0.5·0.2 + 0.25 = 0.35; Δh = 0.05 + 0.0693147 + 0.15 − 0.10 (a
		// switch: it was in the village) = 0.1693147.
		{"to the city", 0, 0.2, true, 0.16931471805599453, 0.35},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := unitParams()
			p.Regions[0].CALCoverage = tc.cal
			m := unitModel(t, p)
			m.city.meanSpend = 2
			m.city.admission[0][0] = 1
			hh := unitHousehold(5)
			hh.kids[0] = kid{h: 0.5, e: tc.e0, age: 8, school: schRural}
			ch := choice{P: pNone, dest: 0}
			if tc.inCity {
				ch = choice{P: pBoth, S: 1, dest: 0}
			}
			spend := [MaxKids]float64{2, 2, 2, 2}
			var a tally
			m.children(&hh, &ch, &spend, false, &a)
			kd := &hh.kids[0]
			if got := float64(kd.h) - 0.5; !near(got, tc.wantDH, 1e-6) {
				t.Errorf("Δh = %.7f, want %.7f", got, tc.wantDH)
			}
			if got := float64(kd.e); !near(got, tc.want, 1e-6) {
				t.Errorf("stock = %.7f, want %.7f", got, tc.want)
			}
		})
	}
}

// TestCounsellingRR: the trials' standardised mean difference as a
// relative risk of onset. smd 0.23 at base risk 0.118: OR = exp(−0.23·π/√3)
// = 0.6589064, RR = 0.6589064 / (1 − 0.118 + 0.118·0.6589064) = 0.6865389.
// No effect (smd 0) is RR 1, and a base risk near 0 leaves RR = OR.
func TestCounsellingRR(t *testing.T) {
	for _, tc := range []struct{ smd, p0, want float64 }{
		{0.23, 0.118, 0.686538894879549},
		{0, 0.118, 1},
		{0.23, 1e-12, 0.65890635662905},
	} {
		if got := counsellingRR(tc.smd, tc.p0); !near(got, tc.want, 1e-12) {
			t.Errorf("counsellingRR(%g, %g) = %.15g, want %.15g", tc.smd, tc.p0, got, tc.want)
		}
	}
}

// --- mental health (docs/ODD.md III.iv) ----------------------------------------

// TestMentalHealth: the yearly onset and recovery frequencies over 20 000
// independent ten-year-olds (distinct household ids) against
//
//	onset    p_on·RR(type)·(1 − z·(1 − RR_c))
//	recovery p_rec
//
// with p_on 0.118, RR 1/1.6/2.05, p_rec 0.35, the counselling RR_c of
// smd 0.23 at 0.118 (0.6865389, TestCounsellingRR), and the exposure z the
// coverage 0.1 in the village in 1/255 steps (26/255), 0 in the city: the
// village factor 1 − (26/255)·0.3134611 = 0.9680393. Ideation: 0.40 if
// depressed after the update, else 0.10.
func TestMentalHealth(t *testing.T) {
	const n = 20_000
	for _, tc := range []struct {
		name      string
		P         int
		S         uint8
		depressed bool
		couns     uint8   // last year's exposure
		want      float64 // P(depressed after the year)
	}{
		{"onset, village, both home", pNone, 0, false, 0, 0.11422863266466846},    // 0.118·0.9680393
		{"onset, village, father away", pFather, 0, false, 0, 0.1827658122634695}, // ·1.6
		{"onset, village, both away", pBoth, 0, false, 0, 0.2341686969625703},     // ·2.05
		{"onset, city, both along", pBoth, 1, false, 0, 0.118},                    // type 0, no counselling
		{"onset, city, mother home", pFather, 1, false, 0, 0.118 * 1.6},           // 0.1888
		{"recovery, village", pBoth, 0, true, 0, 1 - 0.35},
		{"recovery, city", pBoth, 1, true, 0, 1 - 0.35}, // 0.65 stay depressed
		// Full counselling (coverage 1) reaches village children only:
		// 0.118·0.6865389 = 0.0810116 in the village, 0.118 in the city.
		{"onset, village, full counselling", pNone, 0, false, 0, 0.08101158959578678},
		{"onset, city, full counselling", pBoth, 1, false, 0, 0.118},
		// Fully covered last year, in the city now: half the exposure is
		// kept (128/255): 0.118·(1 − (128/255)·0.3134611) = 0.0994333.
		{"onset, city, covered last year", pBoth, 1, false, 255, 0.09943326850298317},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := unitParams()
			if strings.HasSuffix(tc.name, "full counselling") {
				p.Regions[0].CounsellingCoverage = 1
			}
			m := unitModel(t, p)
			dep, idDep, idNot := 0, 0, 0
			for id := range uint64(n) {
				hh := unitHousehold(id)
				var f uint8
				if tc.depressed {
					f = kDepressed
				}
				if tc.S != 0 {
					f |= kCity
				}
				hh.kids[0] = kid{age: 10, sex: uint8(id % 2), flags: f, school: schRural, couns: tc.couns}
				ch := choice{P: tc.P, S: tc.S, dest: 0}
				spend := [MaxKids]float64{2, 2, 2, 2}
				var a tally
				m.children(&hh, &ch, &spend, false, &a)
				kd := &hh.kids[0]
				if kd.flags&kDepressed != 0 {
					dep++
					if kd.flags&kIdeation != 0 {
						idDep++
					}
				} else if kd.flags&kIdeation != 0 {
					idNot++
				}
			}
			if got, tol, ok := within5SE(dep, n, tc.want); !ok {
				t.Errorf("depressed share %.4f, want %.4f ± %.4f", got, tc.want, tol)
			}
			if got, tol, ok := within5SE(idDep, dep, 0.40); !ok {
				t.Errorf("ideation among depressed %.4f, want 0.40 ± %.4f", got, tol)
			}
			if got, tol, ok := within5SE(idNot, n-dep, 0.10); !ok {
				t.Errorf("ideation among not depressed %.4f, want 0.10 ± %.4f", got, tol)
			}
		})
	}
}

// TestDropout: the yearly hazard of leaving school over 20 000 independent
// pupils against logistic(d0 + ds·h + di·ln income per head
// + dw·[15]·ln(w / 4.5)), with d0 −2, ds −0.5, di −0.5, dw 1, h 0.4, last
// year's income 40 (thousand yuan) and one child: 40/3 per head; the city
// pays 5,000 yuan a month (ln(5/4.5) = 0.1053605).
//
//	13: z = −2 − 0.2 − 0.5·ln(13.333) = −2 − 0.2 − 1.2951 = −3.4951, p = 0.029451
//	15: z + 0.1053605 = −3.3898, p = 0.032617
//
// A girl with a 3,000-yuan transfer: 43/3 per head, z = −3.5312 at 13,
// p = 0.028435. A pupil who left does not come back, and its school is
// none in the village.
func TestDropout(t *testing.T) {
	const n = 20_000
	for _, tc := range []struct {
		name string
		age  int8
		girl bool
		want float64
	}{
		{"13", 13, false, 0.029451},
		{"15", 15, false, 0.032617},
		{"13, girl with a transfer", 13, true, 0.028435},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := unitParams()
			p.Transitions.DropoutA0 = -2
			p.Policy.GirlsCCTYuanYear = 3000
			p.Cities[0].WageYuanMonth = 5000
			m := unitModel(t, p)
			out := 0
			for id := range uint64(n) {
				hh := unitHousehold(id)
				hh.income = 40
				k := kid{h: 0.4, age: tc.age, school: schRural}
				if tc.girl {
					k.sex = 1
				}
				if tc.age == 15 {
					k.flags = kAcademic
				}
				hh.kids[0] = k
				ch := choice{P: pNone, dest: 0}
				spend := [MaxKids]float64{2, 2, 2, 2}
				var a tally
				m.children(&hh, &ch, &spend, false, &a)
				kd := &hh.kids[0]
				if kd.flags&kDropout != 0 {
					out++
					if kd.school != schNone || kd.flags&(kAcademic|kVocational) != 0 {
						t.Fatalf("a pupil who left: school %d, flags %b", kd.school, kd.flags)
					}
				}
			}
			if got, tol, ok := within5SE(out, n, tc.want); !ok {
				t.Errorf("dropout share %.4f, want %.4f ± %.4f", got, tc.want, tol)
			}
		})
	}
}

// TestMentalHealthStartAge: below start_age_years the chain does not run.
func TestMentalHealthStartAge(t *testing.T) {
	p := unitParams()
	p.MentalHealth.Onset = 1
	m := unitModel(t, p)
	hh := unitHousehold(1)
	hh.kids[0] = kid{age: 5}
	hh.kids[1] = kid{age: 6}
	ch := choice{P: pNone}
	spend := [MaxKids]float64{2, 2, 2, 2}
	var a tally
	m.children(&hh, &ch, &spend, false, &a)
	if hh.kids[0].flags&kDepressed != 0 || hh.kids[1].flags&kDepressed == 0 {
		t.Errorf("onset 1: depressed at 5 = %v, at 6 = %v; want false, true",
			hh.kids[0].flags&kDepressed != 0, hh.kids[1].flags&kDepressed != 0)
	}
}

// --- transitions (docs/ODD.md III.iv, Transitions at 15 and 18) --------------

// TestHighSchoolProb: logistic(a0 + a1·h + a2·ln(income per head) − a3·θ·girl)
// with a0 = −1.2, a1 = 1, a2 = 0.5, a3 = 1.
func TestHighSchoolProb(t *testing.T) {
	tr := &Transitions{HighSchoolA0: -1.2, HighSchoolA1: 1, HighSchoolA2: 0.5, HighSchoolA3: 1}
	for _, tc := range []struct {
		name                    string
		h, perHead, theta, girl float64
		want                    float64
	}{
		// z = −1.2 + 0.3 + 0.5·ln 10 − 0.25 = −1.15 + 1.1512925 = 0.0012925;
		// p = 1/(1 + e^−0.0012925) = 0.5003231.
		{"girl", 0.3, 10, 0.25, 1, 0.5003231365792677},
		// z = −0.9 + 1.1512925 = 0.2512925; p = 0.5624946.
		{"boy", 0.3, 10, 0.25, 0, 0.5624946150223832},
		// z = −1.2 − 1 + 0.5·ln 5 = −2.2 + 0.8047190 = −1.3952810; p = 0.1985660.
		{"girl, no son preference", -1, 5, 0, 1, 0.19856600647814607},
		// Income floored at 1 yuan: z = −1.2 + 0.5·ln 0.001 = −1.2 − 3.4538776
		// = −4.6538776; p = 0.0094347.
		{"no income", 0, 0, 0, 0, 0.009434735223599673},
	} {
		if got := highSchoolProb(tr, tc.h, tc.perHead, tc.theta, tc.girl); !near(got, tc.want, 1e-12) {
			t.Errorf("%s: p = %.15g, want %.15g", tc.name, got, tc.want)
		}
	}
}

// TestZhongkao: m.zhongkao over 20 000 girls with h = 0.3, θ = 0.25 in
// households of income 40 with two children: income per head 40/4 = 10,
// p = 0.5003231 (above). With a girls' CCT of 8000 yuan her family's income
// counts 48, per head 12: z = −1.15 + 0.5·ln 12 = −1.15 + 1.2424533
// = 0.0924533, p = 0.5230969.
func TestZhongkao(t *testing.T) {
	const n = 20_000
	for _, tc := range []struct {
		cct  float64
		want float64
	}{{0, 0.5003231365792677}, {8000, 0.5230968816247232}} {
		p := unitParams()
		p.Policy.GirlsCCTYuanYear = tc.cct
		m := unitModel(t, p)
		academic := 0
		for id := range uint64(n) {
			hh := unitHousehold(id)
			hh.theta = 0.25
			hh.income = 40
			hh.kids[0] = kid{h: 0.3, age: 14, sex: 1}
			hh.kids[1] = kid{age: 10}
			m.zhongkao(&hh, 0, false, false, 0)
			f := hh.kids[0].flags & (kAcademic | kVocational)
			switch f {
			case kAcademic:
				academic++
			case kVocational:
			default:
				t.Fatalf("track flags %b: want exactly one of academic, vocational", f)
			}
		}
		if got, tol, ok := within5SE(academic, n, tc.want); !ok {
			t.Errorf("cct %v: academic share %.4f, want %.4f ± %.4f", tc.cct, got, tc.want, tol)
		}
	}
}

// TestGaokao: with no luck on the day (noise 0), G = h + bonus/100 against
// cutoff 0.5. h = 0.45 fails alone; 10 bonus points add 0.10: G = 0.55 passes.
func TestGaokao(t *testing.T) {
	for _, tc := range []struct {
		name          string
		bonus         float64
		minYears      int
		lbOne, lbBoth uint8
		converted     bool
		academic      bool
		college, ever bool
	}{
		{"no bonus", 0, 0, 0, 0, false, true, false, false},
		{"bonus", 10, 0, 0, 0, false, true, true, false},
		{"bonus, 2 of 3 years left behind", 10, 3, 1, 1, false, true, false, true},
		{"bonus, 3 of 3 years left behind", 10, 3, 2, 1, false, true, true, true},
		{"bonus, converted (urban hukou)", 10, 0, 0, 0, true, true, false, false},
		{"vocational track", 10, 0, 0, 0, false, false, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := unitParams()
			p.Policy.GaokaoBonusPoints = tc.bonus
			p.Policy.BonusMinYearsLB = tc.minYears
			m := unitModel(t, p) // in the start year: outcomes are recorded
			hh := unitHousehold(9)
			track := uint8(kVocational)
			if tc.academic {
				track = kAcademic
			}
			hh.kids[0] = kid{h: 0.45, age: 17, sex: 1, flags: track, lbOne: tc.lbOne, lbBoth: tc.lbBoth}
			var a tally
			m.gaokao(&hh, 0, tc.converted, &a)
			co := a.cohort[1][b2i(tc.ever)]
			want := [3]float64{1, b2f(tc.academic), b2f(tc.college)}
			if co[0] != want[0] || co[1] != want[1] || co[2] != want[2] {
				t.Errorf("cohort [n, high school, college] = %v, want %v", co[:3], want)
			}
		})
	}
}

// --- demography (docs/ODD.md I.iii step 2; III.iv, Demography and entry) -----

// TestCaregiverLoss: the yearly loss is 0.01·exp(0.08·(age − 60)) at the
// caregiver's age after this year's birthday, capped at 1:
// age 70: 0.01·e^0.8 = 0.0222554; 90: 0.01·e^2.4 = 0.1102318;
// 120: 0.01·e^4.8 = 1.215 → 1; 40: 0.01·e^−1.6 = 0.0020190.
// Without a caregiver one is found with probability 0.05, aged 55.
func TestCaregiverLoss(t *testing.T) {
	const n = 40_000
	for _, tc := range []struct {
		name    string
		care    bool
		ageNext uint8 // the caregiver's age after ageHousehold
		want    float64
	}{
		{"age 70", true, 70, 0.022255409284924678},
		{"age 90", true, 90, 0.11023176380641601},
		{"age 120 (capped)", true, 120, 1},
		{"age 40", true, 40, 0.0020189651799465537},
		{"gain", false, 70, 0.05},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := unitModel(t, unitParams())
			changed := 0
			for id := range uint64(n) {
				hh := unitHousehold(id)
				if !tc.care {
					hh.flags &^= hCare
				}
				hh.careAge = tc.ageNext - 1
				hh.kids[0] = kid{age: 5}
				var a tally
				m.ageHousehold(&hh, &a)
				if (hh.flags&hCare != 0) != tc.care {
					changed++
					if !tc.care && hh.careAge != 55 {
						t.Fatalf("new caregiver aged %d, want 55", hh.careAge)
					}
				}
			}
			if got, tol, ok := within5SE(changed, n, tc.want); !ok {
				t.Errorf("share changed %.5f, want %.5f ± %.5f", got, tc.want, tol)
			}
		})
	}
}

// TestBirths: a birth needs a child still to come and a mother (after this
// year's birthday) in a hazard band 15-19, ..., 40-44; no birth after
// max_mother_age (49), when her intended number is reached, or when it is
// not reached but she is 45-49 (no hazard band).
func TestBirths(t *testing.T) {
	const n = 20_000
	for _, tc := range []struct {
		name     string
		ageM     uint8 // after the birthday
		toCome   uint8
		want     float64
		wantLeft uint8 // kidsToCome afterwards when there is no birth
	}{
		{"20-24 band", 24, 1, 0.35, 1},
		{"15-19 band", 15, 2, 0.10, 2},
		{"40-44 band", 44, 1, 0.04, 1},
		{"intended number reached", 24, 0, 0, 0},
		{"under 15", 14, 1, 0, 1},
		{"45, no band", 45, 1, 0, 1},
		{"over max mother age", 50, 1, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := unitModel(t, unitParams())
			births := 0
			for id := range uint64(n) {
				hh := unitHousehold(id)
				hh.ageM = tc.ageM - 1
				hh.kidsToCome = tc.toCome
				hh.births = 1
				hh.kids[0] = kid{age: 4}
				var a tally
				m.ageHousehold(&hh, &a)
				_, nk := hh.occupied()
				switch nk {
				case 2:
					births++
					if hh.kidsToCome != tc.toCome-1 || hh.births != 2 || a.births != 1 || hh.kids[1].age != 0 {
						t.Fatalf("after a birth: to come %d, births %d, acc %v, newborn age %d", hh.kidsToCome, hh.births, a.births, hh.kids[1].age)
					}
				case 1:
					if hh.kidsToCome != tc.wantLeft {
						t.Fatalf("no birth: kids to come %d, want %d", hh.kidsToCome, tc.wantLeft)
					}
				default:
					t.Fatalf("%d children after one year", nk)
				}
			}
			if tc.want == 0 {
				if births != 0 {
					t.Errorf("%d births, want none", births)
				}
				return
			}
			if got, tol, ok := within5SE(births, n, tc.want); !ok {
				t.Errorf("birth share %.4f, want %.4f ± %.4f", got, tc.want, tol)
			}
		})
	}
}

// TestSexRatioAtBirth: with a birth certain (hazard 1) the share of boys is
// srb/(1 + srb) by birth order, the last value holding beyond:
// 1st 1.05/2.05 = 0.5121951, 2nd 1.5/2.5 = 0.6, 3rd (last value) 0.6.
func TestSexRatioAtBirth(t *testing.T) {
	const n = 40_000
	p := unitParams()
	p.Demography.BirthHazard = []float64{1, 1, 1, 1, 1, 1}
	p.Demography.SRBByOrder = []float64{1.05, 1.5}
	m := unitModel(t, p)
	for order, want := range []float64{1.05 / 2.05, 0.6, 0.6} {
		boys := 0
		for id := range uint64(n) {
			hh := unitHousehold(id)
			hh.ageM = 27
			hh.kidsToCome = 1
			for j := range order {
				hh.kids[j] = kid{age: int8(3 + 2*j)}
			}
			hh.births = uint8(order)
			var a tally
			m.ageHousehold(&hh, &a)
			nb := &hh.kids[order]
			if nb.age != 0 {
				t.Fatalf("order %d: no newborn in slot %d (age %d)", order+1, order, nb.age)
			}
			if nb.sex == 0 {
				boys++
			}
		}
		if got, tol, ok := within5SE(boys, n, want); !ok {
			t.Errorf("birth order %d: share of boys %.4f, want %.4f ± %.4f", order+1, got, want, tol)
		}
	}
}

// TestLeavingAndExit: a child who turns 18 leaves its slot (and last year's
// arrangement); a household with no child left and none to come exits.
func TestLeavingAndExit(t *testing.T) {
	for _, tc := range []struct {
		name     string
		ageM     uint8 // after the birthday
		kids     []int8
		toCome   uint8
		active   bool
		children float64
	}{
		{"eldest leaves, sibling stays", 40, []int8{17, 10}, 0, true, 1},
		{"last child leaves", 45, []int8{17}, 0, false, 0},
		{"last child leaves, another to come", 30, []int8{17}, 1, true, 0},
		// Past max_mother_age the intended child will not come.
		{"last child leaves, mother 50", 50, []int8{17}, 1, false, 0},
		{"no children at all", 35, nil, 0, false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := unitParams()
			p.Demography.BirthHazard = []float64{0, 0, 0, 0, 0, 0} // no births to blur the count
			m := unitModel(t, p)
			hh := unitHousehold(1)
			hh.ageM = tc.ageM - 1
			for j, age := range tc.kids {
				hh.kids[j] = kid{age: age, flags: kCity}
			}
			hh.kidsToCome = tc.toCome
			hh.lastP, hh.lastS = pBoth, uint8(1<<len(tc.kids)-1)
			var a tally
			m.ageHousehold(&hh, &a)
			if hh.kids[0].age != -1 || hh.kids[0] != (kid{age: -1}) {
				t.Errorf("slot 0 = %+v, want empty", hh.kids[0])
			}
			if hh.lastS&1 != 0 {
				t.Errorf("last arrangement still holds the child who left (S = %b)", hh.lastS)
			}
			if len(tc.kids) > 1 && (hh.kids[1].age != 11 || hh.lastS != 2) {
				t.Errorf("sibling age %d, S = %b; want 11, 10", hh.kids[1].age, hh.lastS)
			}
			if got := hh.flags&hActive != 0; got != tc.active {
				t.Errorf("active = %v, want %v", got, tc.active)
			}
			if a.exits != b2f(!tc.active) || a.children != tc.children {
				t.Errorf("exits %v children %v; want %v, %v", a.exits, a.children, b2f(!tc.active), tc.children)
			}
		})
	}
}

// TestEntryKeepsChildren: with child_trend_per_year = 0, entry tops the
// child population up to the start's count every year.
func TestEntryKeepsChildren(t *testing.T) {
	p := testParams()
	p.Population.ChildTrend = 0
	m, err := New(p, nil, Config{Seed: 3, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	start := m.targetChildren
	if start == 0 || start != math.Trunc(start) {
		t.Fatalf("start children = %v", start)
	}
	for range p.Time.BurnIn + p.Time.Years {
		if err := m.Step(context.Background()); err != nil {
			t.Fatal(err)
		}
		n := 0
		for i := range m.hh {
			if m.hh[i].flags&hActive != 0 {
				_, k := m.hh[i].occupied()
				n += k
			}
		}
		if float64(n) != start || m.cur.children != start {
			t.Errorf("%d: %d children in households, %v observed; want %v (births %v, entrants %v)",
				m.Year(), n, m.cur.children, start, m.demo.births, m.demo.entrants)
		}
	}
}

// --- city state (docs/ODD.md I.iii; III.iv, City state) -----------------------

// TestCityState: admission = min(policy, seats_multiple·base demand / last
// demand) and wage index = (stock/base stock)^(−elasticity), once the base
// (the last burn-in year's totals) is set.
func TestCityState(t *testing.T) {
	p := unitParams()
	p.Cities[0].School.Primary.Admission = 0.8
	p.Cities[0].School.Middle.Admission = 0.9
	p.Cities[0].School.Middle.SeatsMultiple = 1.5
	m := unitModel(t, p)

	// First update of the start year after a burn-in year: the base is that
	// year's demand and stock, so seats (≥ 1 × base) do not yet bind.
	m.stepped = true
	m.cur.demand[0] = [3]float64{50, 100, 0}
	m.cur.stock[0] = 200
	m.cur.regHH[0], m.cur.regMig[0] = 120, 30
	m.cur.spend = [2]float64{300, 100}
	m.city.update(m)
	m.buildOutlook()
	if !m.baseSet || m.baseDemand[0] != [3]float64{50, 100, 0} || m.baseStock[0] != 200 {
		t.Fatalf("base = %v, %v, %v; want set to last year's totals", m.baseSet, m.baseDemand[0], m.baseStock[0])
	}
	check := func(year string, want [3]float64, wantWage, wantNet float64) {
		t.Helper()
		for st := range 3 {
			if !near(m.city.admission[0][st], want[st], 1e-12) {
				t.Errorf("%s: admission stage %d = %.15g, want %.15g", year, st, m.city.admission[0][st], want[st])
			}
		}
		if !near(m.city.wageIndex[0], wantWage, 1e-12) {
			t.Errorf("%s: wage index = %.15g, want %.15g", year, m.city.wageIndex[0], wantWage)
		}
		// Destination weight: share 1 × expected net wage^1 = 60·index − 15.
		if !near(m.city.destCum[0][0], wantNet, 1e-9) {
			t.Errorf("%s: destination weight = %.12g, want %.12g", year, m.city.destCum[0][0], wantNet)
		}
	}
	// 2020: primary min(0.8, 1·50/50) = 0.8; middle min(0.9, 1.5·100/100)
	// = 0.9; high: no base demand, policy 0.4. Wage index (200/200)^−0.1 = 1.
	check("2020", [3]float64{0.8, 0.9, 0.4}, 1, 45)
	// Network share 30/120 = 0.25, mean spending 300/100 = 3.
	if m.city.netShare[0] != 0.25 || m.city.meanSpend != 3 {
		t.Errorf("network share %v, mean spending %v; want 0.25, 3", m.city.netShare[0], m.city.meanSpend)
	}

	// 2021: demand has grown. Primary min(0.8, 1·50/40) = 0.8;
	// middle min(0.9, 1.5·100/250) = 0.6; high policy 0.4 (no base).
	// Wage index (300/200)^−0.1 = exp(−0.1·ln 1.5) = exp(−0.0405465)
	// = 0.9602645; net wage 60·0.9602645 − 15 = 42.6158700.
	m.year++
	m.cur.demand[0] = [3]float64{40, 250, 7}
	m.cur.stock[0] = 300
	m.city.update(m)
	m.buildOutlook()
	check("2021", [3]float64{0.8, 0.6, 0.4}, 0.960264500792218, 42.61587004753308)
	if m.baseDemand[0] != [3]float64{50, 100, 0} || m.baseStock[0] != 200 {
		t.Errorf("the base moved: %v, %v", m.baseDemand[0], m.baseStock[0])
	}
}

// TestCityStateBeforeBase: before the start year (burn-in), seats and
// congestion do not bind whatever last year's totals.
func TestCityStateBeforeBase(t *testing.T) {
	p := unitParams()
	p.Time.BurnIn = 3
	m := unitModel(t, p)
	m.year = p.Time.StartYear - 1
	m.stepped = true
	m.cur.demand[0] = [3]float64{1e6, 1e6, 1e6}
	m.cur.stock[0] = 1e6
	m.city.update(m)
	m.buildOutlook()
	if m.baseSet {
		t.Fatal("base set during the burn-in")
	}
	if m.city.admission[0] != [3]float64{0.8, 0.5, 0.4} || m.city.wageIndex[0] != 1 {
		t.Errorf("admission %v, wage index %v; want the policy [0.8 0.5 0.4], 1", m.city.admission[0], m.city.wageIndex[0])
	}
}

// --- regression tests of bugs these tests found (fixed) ----------------------

// TestConversionMoveIsASwitch: a child left in the village whose family
// converted to urban hukou moves to a city school the next year; that is a
// school switch (docs/ODD.md III.iv, Human capital and school: δ_move·[switch]).
//
//	joining from the village: 0.05 + (1.25 − 1) + 0.1·ln(1 + 2/2) − 0.10
//	                          = 0.2693147, one switch
//	already in the city:      0.3693147, no switch
func TestConversionMoveIsASwitch(t *testing.T) {
	for _, tc := range []struct {
		name     string
		flags    uint8
		school   uint8
		want     float64
		switches uint8
		bug      string
	}{
		{"already in the city", kCity | kPublicSeat, schCityPublic, 0.36931471805599453, 0, ""},
		{"joining from the village", 0, schRural, 0.26931471805599453, 1,
			"urbanChoice (household.go) sets kCity on every child before children() reads it as " +
				"'where the child was last year', so a converted family's left-behind child " +
				"moves to the city with no switch: no δ_move, switches not counted"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := unitModel(t, unitParams())
			hh := unitHousehold(2)
			hh.flags |= hConverted
			hh.dest, hh.lastP, hh.lastS = 0, pFather, 0
			hh.kids[0] = kid{h: 0.5, age: 9, flags: tc.flags, school: tc.school}
			var a tally
			m.householdYear(&hh, &a, nil, new(scratch))
			kd := &hh.kids[0]
			if got := float64(kd.h) - 0.5; !near(got, tc.want, 1e-6) {
				t.Errorf("Δh = %.7f, want %.7f", got, tc.want)
			}
			if kd.switches != tc.switches || kd.school != schCityPublic {
				t.Errorf("switches %d, school %d; want %d, %d", kd.switches, kd.school, tc.switches, schCityPublic)
			}
		})
	}
}

// TestGaokaoLuckIndependentOfZhongkao: a child of the initial population
// who is 16 at the start turns 17 in the first step; decide gives it its
// zhongkao result (ensureTrack) and children then sits it for the gaokao,
// both in one year. With the zhongkao a coin flip (a0..a3 = 0), h = 0,
// cutoff 1 and ν_g ~ N(0, 1) independent of the zhongkao,
// P(college | academic) = 1 − Φ(1) = 0.1586553.
func TestGaokaoLuckIndependentOfZhongkao(t *testing.T) {
	p := unitParams()
	p.Transitions = Transitions{GaokaoCutoff: 1, GaokaoNoiseSD: 1, GaokaoPointsSD: 100}
	m := unitModel(t, p)
	const n = 20_000
	var a tally
	for id := range uint64(n) {
		hh := unitHousehold(id)
		hh.kids[0] = kid{age: 17} // no track yet, h = 0
		m.ensureTrack(&hh, 0)     // as decide does
		m.gaokao(&hh, 0, false, &a)
	}
	co := a.cohort[0][0]
	if got, tol, ok := within5SE(int(co[1]), n, 0.5); !ok {
		t.Errorf("academic share %.4f, want 0.5 ± %.4f", got, tol)
	}
	if got, tol, ok := within5SE(int(co[2]), int(co[1]), 0.15865525393145707); !ok {
		t.Errorf("P(college | academic) = %.4f, want 0.1587 ± %.4f", got, tol)
	}
}

// TestChoiceProbabilityMetricsUnconditional: the metrics "from choice
// probabilities" (lb_prob, daughter_lb_gap_restrictive,
// daughter_lb_jump_age12) add 1 − P(none) and P(left behind) to a ratio
// whose realised twin adds 1 and [left behind] for households that drew
// migration. For the two to estimate the same P(left behind | migrant
// parents), the probability sums must run over every household that could
// migrate (its destination is drawn before P), not only those whose draw
// was "migrate": conditioning on the draw weights each household by
// 1 − P(none) once more. A household that drew "no one away" must still add
// 1 − 0.4 = 0.6 and 0.5 here.
func TestChoiceProbabilityMetricsUnconditional(t *testing.T) {
	m := unitModel(t, unitParams())
	hh := unitHousehold(4)
	hh.kids[0] = kid{age: 8}
	ch := choice{P: pNone, dest: 0, pNone: 0.4}
	ch.pLeft[0] = 0.5
	spend := [MaxKids]float64{2, 2, 2, 2}
	var a tally
	m.children(&hh, &ch, &spend, false, &a)
	tier := m.c.cities[0].tier
	if got := a.migProb[0][8][tier-1]; got != [2]float64{0.6, 0.5} {
		t.Errorf("probability sums = %v, want [0.6 0.5]", got)
	}
	if got := a.migReal[0][8][tier-1]; got != [2]float64{0, 0} {
		t.Errorf("realised sums = %v, want [0 0]", got)
	}
}

// TestZeroOwnSchooling: own_schooling_yuan_year = 0 passes validation
// (range [0, 1e7]), but in the first year the mean spending that
// ln(1 + spending/mean spending) divides by is then 0 (0/0 = NaN, x/0 =
// +Inf): utilities and human capital become NaN.
func TestZeroOwnSchooling(t *testing.T) {
	p := unitParams()
	p.Regions[0].OwnSchoolingYuanYear = 0
	if errs := p.Validate(); len(errs) > 0 {
		return // rejected at the edge: fine
	}
	m := unitModel(t, p)
	hh := unitHousehold(1)
	hh.kids[0] = kid{age: 8}
	ch := m.decide(&hh, m.hhKey(&hh), new(scratch))
	if !(ch.pNone >= 0 && ch.pNone <= 1) || math.IsNaN(ch.pLeft[0]) {
		t.Errorf("pNone = %v, pLeft = %v: not probabilities", ch.pNone, ch.pLeft[0])
	}
	spend := [MaxKids]float64{0, 0, 0, 0}
	var a tally
	m.children(&hh, &choice{P: pNone}, &spend, false, &a)
	if h := float64(hh.kids[0].h); math.IsNaN(h) || math.IsInf(h, 0) {
		t.Errorf("h = %v after a year", h)
	}
}

// TestExamRules is docs/ODD.md III.iv, Exam rules: who may sit the
// zhongkao in the city, where an academic-track pupil must be at school,
// and how 学籍 years are counted.
func TestExamRules(t *testing.T) {
	years := func(s, p int) ExamRule { return ExamRule{Rule: "years", SchoolYears: s, ParentYears: p} }
	for _, tc := range []struct {
		name        string
		zk, gk      ExamRule
		xueji, away uint8
		sameProv    float64
		want        bool
	}{
		{"open", ExamRule{Rule: "open"}, ExamRule{Rule: "open"}, 0, 0, 0, true},
		{"hukou zhongkao", ExamRule{Rule: "hukou"}, ExamRule{Rule: "open"}, 9, 20, 0, false},
		// 3 years of 学籍 and 3 of the parent's: exactly enough.
		{"years, met", years(3, 3), years(3, 3), 3, 3, 0, true},
		{"years, school short", years(3, 3), years(3, 3), 2, 9, 0, false},
		{"years, parent short", years(3, 3), years(3, 3), 9, 2, 0, false},
		// The gaokao rule is read three years on: 5 years of 学籍 by 17
		// needs 2 by 14, and 6 parent years by 17 needs 3 by 14.
		{"gaokao three years on, met", years(0, 0), years(5, 6), 2, 3, 0, true},
		{"gaokao three years on, short", years(0, 0), years(5, 6), 1, 3, 0, false},
		// A hukou-only gaokao bars the academic track in the city, unless
		// the family is from the city's own province.
		{"hukou gaokao", years(0, 0), ExamRule{Rule: "hukou"}, 9, 9, 0, false},
		{"hukou gaokao, same province", years(0, 0), ExamRule{Rule: "hukou"}, 9, 9, 1, true},
		// Points are thresholds like years: 30 insured years.
		{"points", ExamRule{Rule: "points", SchoolYears: 3, ParentYears: 30}, years(0, 0), 9, 29, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := unitParams()
			p.Cities[0].Exams = Exams{Zhongkao: tc.zk, Gaokao: tc.gk}
			p.Regions[0].SameProvince = map[string]float64{p.Cities[0].Name: tc.sameProv}
			m := unitModel(t, p)
			hh := unitHousehold(3)
			hh.yearsAway = tc.away
			hh.kids[0] = kid{age: 14}
			hh.setXueji(0, int(tc.xueji))
			if got := m.mayTakeZhongkao(&hh, 0, 0); got != tc.want {
				t.Errorf("mayTakeZhongkao = %v, want %v", got, tc.want)
			}
			// An ineligible pupil in the city is on the vocational track
			// whatever its score; an eligible one sits the exam there.
			hh.kids[0].h = 50
			m.zhongkao(&hh, 0, true, false, 0)
			kd := &hh.kids[0]
			if tc.want && (kd.flags&kAcademic == 0 || !hh.examCity(0)) {
				t.Errorf("eligible, h = 50: flags %b, exam in the city %v; want academic in the city", kd.flags, hh.examCity(0))
			}
			if !tc.want && kd.flags&kVocational == 0 {
				t.Errorf("not eligible: flags %b, want vocational", kd.flags)
			}
		})
	}

	// Where an academic pupil may be, and 学籍 years.
	for _, tc := range []struct {
		name      string
		examCity  bool
		S         uint8 // the child goes along
		sameCity  bool
		flags     uint8
		school    uint8
		xueji     int
		wantAcad  bool
		wantXueji int
	}{
		{"home exam, stays home", false, 0, false, kAcademic, schRural, 0, true, 0},
		{"home exam, goes to the city", false, 1, false, kAcademic, schRural, 0, false, 0},
		{"city exam, stays in the city", true, 1, true, kAcademic | kCity, schCityPrivate, 4, true, 5},
		{"city exam, sent home", true, 0, true, kAcademic | kCity, schCityPrivate, 4, false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := unitModel(t, unitParams())
			m.city.meanSpend = 2
			hh := unitHousehold(5)
			hh.kids[0] = kid{h: 0.5, age: 16, flags: tc.flags, school: tc.school}
			hh.setExamCity(0, tc.examCity)
			hh.setXueji(0, tc.xueji)
			ch := choice{P: pBoth, S: tc.S, dest: 0, sameCity: tc.sameCity}
			spend := [MaxKids]float64{2, 2, 2, 2}
			var a tally
			m.children(&hh, &ch, &spend, false, &a)
			kd := &hh.kids[0]
			if got := kd.flags&kAcademic != 0; got != tc.wantAcad {
				t.Errorf("academic = %v, want %v (flags %b)", got, tc.wantAcad, kd.flags)
			}
			if got := hh.xueji(0); got != tc.wantXueji {
				t.Errorf("xueji = %d, want %d", got, tc.wantXueji)
			}
		})
	}

	// 学籍 starts at 1 in a new city school and grows by a year in the same one.
	m := unitModel(t, unitParams())
	m.city.meanSpend = 2
	m.city.admission[0][0] = 1
	hh := unitHousehold(6)
	hh.kids[0] = kid{age: 8, school: schRural}
	spend := [MaxKids]float64{2, 2, 2, 2}
	var a tally
	for i, want := range []int{1, 2, 3} {
		ch := choice{P: pBoth, S: 1, dest: 0, sameCity: i > 0}
		m.children(&hh, &ch, &spend, false, &a)
		if got := hh.xueji(0); got != want {
			t.Fatalf("year %d in the city: xueji = %d, want %d", i+1, got, want)
		}
	}
}

// The per-slot 学籍 years and exam places share bytes of the household:
// each slot's value is its own, 学籍 is counted up to 15, and clearSlot
// empties a slot's.
func TestSlotBits(t *testing.T) {
	var hh household
	for s := range MaxKids {
		hh.setXueji(s, s+2)
		hh.setExamCity(s, s%2 == 1)
	}
	hh.setXueji(2, 40)
	for s, want := range []int{2, 3, 15, 5} {
		if got := hh.xueji(s); got != want {
			t.Errorf("slot %d: xueji %d, want %d", s, got, want)
		}
		if got := hh.examCity(s); got != (s%2 == 1) {
			t.Errorf("slot %d: exam in the city %v", s, got)
		}
	}
	hh.clearSlot(1)
	if hh.xueji(1) != 0 || hh.examCity(1) || hh.kids[1].age != -1 {
		t.Errorf("cleared slot 1: xueji %d, exam in the city %v, age %d", hh.xueji(1), hh.examCity(1), hh.kids[1].age)
	}
	if hh.xueji(0) != 2 || hh.xueji(3) != 5 || !hh.examCity(3) {
		t.Error("clearing slot 1 changed another slot")
	}
}

// TestEntryFollowsRuralChildren: given as dated values (epochs here), the
// child population follows population.rural_children relative to the
// start year, exactly where entry can fill the gap (docs/ODD.md, Dated
// inputs).
func TestEntryFollowsRuralChildren(t *testing.T) {
	p := testParams()
	p.Population.ChildTrend = 0
	p.Population.RuralChildren = 100e6
	start := p.Time.StartYear
	// 100 M in the start year, 110 M (+10%) from the second year on: the
	// population grows by entry alone, so the target is met exactly.
	q := *p
	q.Population.RuralChildren = 110e6
	m, err := New(p, []Epoch{{Year: start + 1, Params: &q}}, Config{Seed: 3, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	base := m.targetChildren
	for m.Year() < start+2 || !m.stepped {
		if err := m.Step(context.Background()); err != nil {
			t.Fatal(err)
		}
		want := base
		if m.Year() > start {
			want = math.Round(base * 1.1)
		}
		if m.Year() >= start && m.cur.children != want {
			t.Errorf("%d: %v children, want %v", m.Year(), m.cur.children, want)
		}
	}
}

// TestPriceIndices: an index of 1 compiles the amounts as given, to the
// bit; an index of 2 doubles every amount it covers and nothing else.
func TestPriceIndices(t *testing.T) {
	p := testParams()
	a := compile(p)
	q := *p
	q.Prices = Prices{WageIndex: 2, UrbanCostIndex: 2, RuralIncomeIndex: 2}
	b := compile(&q)
	for i := range a.cities {
		ca, cb := a.cities[i], b.cities[i]
		if cb.living != 2*ca.living || cb.childCost != 2*ca.childCost || cb.stage[1].privFee != 2*ca.stage[1].privFee || cb.housing[0] != 2*ca.housing[0] {
			t.Errorf("city %d: costs not doubled: %+v against %+v", i, cb, ca)
		}
		if math.Abs(cb.lnWage-ca.lnWage-math.Ln2) > 1e-12 {
			t.Errorf("city %d: ln wage %v against %v, want + ln 2", i, cb.lnWage, ca.lnWage)
		}
	}
	for i := range a.regions {
		if b.regions[i].ruralIncome != 2*a.regions[i].ruralIncome || b.regions[i].firstMove != a.regions[i].firstMove {
			t.Errorf("region %d: rural income %v against %v (first move %v, %v)", i, b.regions[i].ruralIncome, a.regions[i].ruralIncome, b.regions[i].firstMove, a.regions[i].firstMove)
		}
	}
	if b.subsistence != a.subsistence {
		t.Error("the subsistence floor moved with the indices")
	}
}

// TestNoCohortEcho: the initial households are drawn near the steady state
// of entry (docs/ODD.md III.ii), so with a constant child population the
// age structure does not swing: the share of children aged 15-17 stays
// within a point of its mean over 30 years. Drawn with the eldest uniform
// on 0-17 it swung by about ±2 points with an 18-year period.
func TestNoCohortEcho(t *testing.T) {
	p := testParams()
	p.Population.Households = 20000
	p.Population.ChildTrend = 0
	p.Time.BurnIn, p.Time.Years = 0, 30
	m, err := New(p, nil, Config{Seed: 11, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	var shares []float64
	for range p.Time.Years {
		if err := m.Step(context.Background()); err != nil {
			t.Fatal(err)
		}
		old, all := 0, 0
		for i := range m.hh {
			if m.hh[i].flags&hActive == 0 {
				continue
			}
			for _, k := range m.hh[i].kids {
				if k.age >= 0 {
					all++
					if k.age >= 15 {
						old++
					}
				}
			}
		}
		shares = append(shares, float64(old)/float64(all))
	}
	mean := 0.0
	for _, s := range shares {
		mean += s / float64(len(shares))
	}
	for y, s := range shares {
		if math.Abs(s-mean) > 0.01 {
			t.Errorf("year %d: %.3f of children aged 15-17, mean %.3f: the age structure swings", y, s, mean)
		}
	}
}

// TestConversionYears: with hukou_conversion 1, a migrant family converts
// in the first year its parent has worked hukou_conversion_years
// consecutive years in the city, and never before (docs/ODD.md III.iv,
// Hukou conversion); 0 years asks nothing.
func TestConversionYears(t *testing.T) {
	for _, tc := range []struct {
		need, away int
		want       bool
	}{
		{0, 1, true}, {3, 1, false}, {3, 2, false}, {3, 3, true}, {3, 7, true}, {5, 4, false},
	} {
		p := unitParams()
		p.Cities[0].HukouConversion = 1
		p.Cities[0].HukouConversionYears = tc.need
		m := unitModel(t, p)
		hh := unitHousehold(3)
		hh.dest, hh.lastP, hh.yearsAway = 0, pFather, uint8(tc.away)
		ch := choice{P: pFather, dest: 0}
		var a tally
		m.convert(&hh, &ch, &a, m.hhKey(&hh))
		if got := hh.flags&hConverted != 0; got != tc.want || a.conversions != map[bool]float64{true: 1}[tc.want] {
			t.Errorf("%d years asked, %d away: converted %v (%g counted), want %v", tc.need, tc.away, got, a.conversions, tc.want)
		}
	}
}
