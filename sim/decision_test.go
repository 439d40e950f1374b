package sim

import (
	"math"
	"testing"
)

// Unit tests of the household decision, docs/ODD.md II.ii. The world is
// unitParams (submodels_test.go); money in thousand yuan a year.

// decisionParams switches off everything but money: β_h = β_d = ψ = κ = 0,
// α = 1, no wage shock. U(a) = ln C(a) + σ·ε_a, so with σ = λ = 1 each
// alternative's probability is C(a)/Σ C.
func decisionParams(sigma, lambda float64) *Params {
	p := unitParams()
	p.Preferences.Alpha, p.Preferences.BetaH, p.Preferences.BetaD = 1, 0, 0
	p.Preferences.Psi, p.Preferences.Kappa = 0, 0
	p.Preferences.Sigma, p.Preferences.NestLambda = sigma, lambda
	p.Wages.ShockSD = 0
	return p
}

// decisionHousehold has one preschool child (age 3, a boy).
func decisionHousehold(id uint64) household {
	hh := unitHousehold(id)
	hh.kids[0] = kid{age: 3}
	return hh
}

// The consumption of the 7 alternatives of decisionHousehold in unitParams'
// world (thousand yuan a year):
//
//	rural income 20 per adult at home
//	father: ln W = ln 60 (reference worker: 12·5000/1000 = 60)
//	mother: ln W = ln 60 + ln 0.75 = ln 45
//	living cost 15 per adult away, housing 10 for the child along,
//	first-move cost 8·(1 − 0.5·network 0) = 8 (never away before),
//	a preschool child has no school cost.
//
//	none               2·20                       = 40
//	father, child home 20 + 60 − 15 − 8           = 57
//	father, child along                57 − 10    = 47
//	mother, child home 20 + 45 − 15 − 8           = 42
//	mother, child along                42 − 10    = 32
//	both, child home   60 + 45 − 30 − 8           = 67
//	both, child along                  67 − 10    = 57
//	                                       total 342
//
// Index: nest (0 none, 1 father, 2 mother, 3 both), then 0 child at home,
// 1 child along.
var handC = [4][2]float64{{40, 0}, {57, 47}, {42, 32}, {67, 57}}

// textbookNested is the nested logit of McFadden (1978) as in Train,
// "Discrete Choice Methods with Simulation", ch. 4, with taste scale σ:
// I_n = ln Σ_j exp(V_j/(λσ)), P(n) = exp(λ·I_n)/Σ_m exp(λ·I_m),
// P(j | n) = exp(V_j/(λσ) − I_n). It returns P(none) and P(a parent away and
// the child at home).
func textbookNested(C [4][2]float64, sigma, lambda float64) (none, left float64) {
	var I, w [4]float64
	tot := 0.0
	for n := range C {
		alts := C[n][:]
		if n == pNone {
			alts = C[n][:1]
		}
		s := 0.0
		for _, c := range alts {
			s += math.Exp(math.Log(c) / (lambda * sigma))
		}
		I[n] = math.Log(s)
		w[n] = math.Exp(lambda * I[n])
		tot += w[n]
	}
	none = w[0] / tot
	for n := 1; n < 4; n++ {
		left += w[n] / tot * math.Exp(math.Log(C[n][0])/(lambda*sigma)-I[n])
	}
	return none, left
}

func TestDecisionMultinomialShares(t *testing.T) {
	m := unitModel(t, decisionParams(1, 1))
	hh := decisionHousehold(1)
	ch := m.decide(&hh, m.hhKey(&hh), new(scratch))
	// P(none) = 40/342; P(left behind) = (57 + 42 + 67)/342 = 166/342.
	wantNone, wantLeft := 40.0/342, 166.0/342
	if !near(ch.pNone, wantNone, 1e-12) {
		t.Errorf("pNone = %.15g, want 40/342 = %.15g", ch.pNone, wantNone)
	}
	if !near(ch.pLeft[0], wantLeft, 1e-12) {
		t.Errorf("pLeft = %.15g, want 166/342 = %.15g", ch.pLeft[0], wantLeft)
	}
	for s := 1; s < MaxKids; s++ {
		if ch.pLeft[s] != 0 {
			t.Errorf("pLeft of empty slot %d = %v, want 0", s, ch.pLeft[s])
		}
	}
	if ch.dest != 0 {
		t.Errorf("dest = %d, want 0 (the only city)", ch.dest)
	}
	if math.Abs(ch.lnWF-math.Log(60)) > 1e-12 || math.Abs(ch.lnWM-math.Log(45)) > 1e-12 {
		t.Errorf("ln wages = %v, %v; want ln 60, ln 45", ch.lnWF, ch.lnWM)
	}
}

func TestDecisionNested(t *testing.T) {
	for _, tc := range []struct {
		name                    string
		sigma, lambda           float64
		handNone, handLeft, tol float64
	}{
		// λ = σ = 1: 40/342 and 166/342 (above).
		{"mnl", 1, 1, 40.0 / 342, 166.0 / 342, 1e-12},
		// λ = 0.5, σ = 1: exp(V/λ) = C², exp(λ·I_n) = sqrt(Σ C²):
		// none 40; father sqrt(57² + 47²) = sqrt(5458) = 73.8783;
		// mother sqrt(42² + 32²) = sqrt(2788) = 52.8015;
		// both sqrt(67² + 57²) = sqrt(7738) = 87.9659; total 254.6457.
		// P(none) = 40/254.6457 = 0.157081. P(left) = Σ_n P(n)·C_n0²/Σ C²
		// = (73.8783·3249/5458 + 52.8015·1764/2788 + 87.9659·4489/7738)
		// /254.6457 = 0.504297.
		{"lambda 0.5", 1, 0.5, 0.1570809978, 0.5042968130, 1e-9},
		// σ = 0.5, λ = 1: a multinomial logit with P ∝ C²:
		// Σ C² = 1600 + 3249 + 2209 + 1764 + 1024 + 4489 + 3249 = 17584;
		// P(none) = 1600/17584, P(left) = (3249 + 1764 + 4489)/17584.
		{"sigma 0.5", 0.5, 1, 1600.0 / 17584, 9502.0 / 17584, 1e-12},
		// Both at once, against the textbook formula only.
		{"sigma 0.3 lambda 0.4", 0.3, 0.4, math.NaN(), math.NaN(), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := unitModel(t, decisionParams(tc.sigma, tc.lambda))
			hh := decisionHousehold(1)
			ch := m.decide(&hh, m.hhKey(&hh), new(scratch))
			wantNone, wantLeft := textbookNested(handC, tc.sigma, tc.lambda)
			if !math.IsNaN(tc.handNone) && (!near(wantNone, tc.handNone, tc.tol) || !near(wantLeft, tc.handLeft, tc.tol)) {
				t.Fatalf("textbook formula %v, %v disagrees with the hand numbers %v, %v", wantNone, wantLeft, tc.handNone, tc.handLeft)
			}
			if !near(ch.pNone, wantNone, 1e-12) {
				t.Errorf("pNone = %.15g, want %.15g", ch.pNone, wantNone)
			}
			if !near(ch.pLeft[0], wantLeft, 1e-12) {
				t.Errorf("pLeft = %.15g, want %.15g", ch.pLeft[0], wantLeft)
			}
		})
	}
}

// TestDecisionDraws: the realised choices of 30 000 households (distinct
// ids, hence independent keyed uniforms) follow C/342 within 5 SE for each
// of the 7 alternatives.
func TestDecisionDraws(t *testing.T) {
	m := unitModel(t, decisionParams(1, 1))
	const n = 30_000
	var count [4][2]int
	for id := range uint64(n) {
		hh := decisionHousehold(id)
		ch := m.decide(&hh, m.hhKey(&hh), new(scratch))
		if ch.P == pNone && ch.S != 0 {
			t.Fatalf("household %d: children along with no one away (S = %b)", id, ch.S)
		}
		if ch.S&^1 != 0 {
			t.Fatalf("household %d: S = %b holds an empty slot", id, ch.S)
		}
		count[ch.P][ch.S]++
	}
	for P := range handC {
		for along := range 2 {
			if P == pNone && along == 1 {
				continue
			}
			want := handC[P][along] / 342
			if got, tol, ok := within5SE(count[P][along], n, want); !ok {
				t.Errorf("P=%d along=%d: share %.4f, want %.4f ± %.4f", P, along, got, want, tol)
			}
		}
	}
}

// TestGuardianship: with housing of 30 per child along, leaving the child
// behind with both parents away is the single best alternative, so the
// rule matters. C (as above, housing 30 instead of 10):
//
//	none 40; father 57 / 27; mother 42 / 12; both 67 / 37.
//
// Rule enforced (no caregiver, child under 16): (both, home) is infeasible,
// total 40 + 57 + 27 + 42 + 12 + 37 = 215, P(none) = 40/215,
// P(left) = (57 + 42)/215 = 99/215.
// Not enforced: total 282, P(none) = 40/282, P(left) = 166/282, and
// P(both, home) = 67/282 = 0.2376.
func TestGuardianship(t *testing.T) {
	const n = 20_000
	for _, tc := range []struct {
		name        string
		enforcement float64
		care        bool
		age         int8
		wantNone    float64 // NaN: not computed by hand
		wantLeft    float64
		bothHome    float64 // share of draws (both away, child home); NaN: only > 0
	}{
		{"enforced", 1, false, 3, 40.0 / 215, 99.0 / 215, 0},
		{"enforced, child 15", 1, false, 15, math.NaN(), math.NaN(), 0},
		{"not enforced", 0, false, 3, 40.0 / 282, 166.0 / 282, 67.0 / 282},
		{"caregiver", 1, true, 3, 40.0 / 282, 166.0 / 282, 67.0 / 282},
		{"enforced, child 16", 1, false, 16, math.NaN(), math.NaN(), math.NaN()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := decisionParams(1, 1)
			p.Cities[0].HousingPerChildYuanYear = []float64{30000}
			p.Policy.GuardianshipEnforcement = tc.enforcement
			m := unitModel(t, p)
			hits := 0
			for id := range uint64(n) {
				hh := decisionHousehold(id)
				hh.kids[0].age = tc.age
				if !tc.care {
					hh.flags &^= hCare
				}
				ch := m.decide(&hh, m.hhKey(&hh), new(scratch))
				if id == 0 && !math.IsNaN(tc.wantNone) {
					if !near(ch.pNone, tc.wantNone, 1e-12) || !near(ch.pLeft[0], tc.wantLeft, 1e-12) {
						t.Errorf("pNone, pLeft = %.12g, %.12g; want %.12g, %.12g", ch.pNone, ch.pLeft[0], tc.wantNone, tc.wantLeft)
					}
				}
				if ch.P == pBoth && ch.S == 0 {
					hits++
				}
			}
			switch {
			case math.IsNaN(tc.bothHome):
				if hits == 0 {
					t.Errorf("a child of %d was never left behind with both away; the rule is only for children under 16", tc.age)
				}
			case tc.bothHome == 0:
				if hits != 0 {
					t.Errorf("%d of %d households left a child under 16 alone with the rule enforced", hits, n)
				}
			default:
				if got, tol, ok := within5SE(hits, n, tc.bothHome); !ok {
					t.Errorf("share (both, home) = %.4f, want %.4f ± %.4f", got, tc.bothHome, tol)
				}
			}
		})
	}
}

// TestGuardianshipPartial: with enforcement 0.95 the rule is waived for a
// household in a year with probability 0.05, visible in pLeft (166/282
// waived, 99/215 enforced).
func TestGuardianshipPartial(t *testing.T) {
	p := decisionParams(1, 1)
	p.Cities[0].HousingPerChildYuanYear = []float64{30000}
	p.Policy.GuardianshipEnforcement = 0.95
	m := unitModel(t, p)
	const n = 20_000
	waived := 0
	for id := range uint64(n) {
		hh := decisionHousehold(id)
		hh.flags &^= hCare
		ch := m.decide(&hh, m.hhKey(&hh), new(scratch))
		switch {
		case near(ch.pLeft[0], 166.0/282, 1e-12):
			waived++
		case near(ch.pLeft[0], 99.0/215, 1e-12):
		default:
			t.Fatalf("household %d: pLeft = %v is neither 166/282 nor 99/215", id, ch.pLeft[0])
		}
	}
	if got, tol, ok := within5SE(waived, n, 0.05); !ok {
		t.Errorf("waived share %.4f, want 0.05 ± %.4f", got, tol)
	}
}

// TestDecisionUtilityTerms: one term of U(a) at a time, each chosen so that
// exp(term) is a power of 2 and with σ = λ = 1 the probability of a is
// C(a)·exp(term(a)) / Σ (consumption as handC unless said otherwise). The
// columns of w are the weights C·exp(term) of (none), (father, home),
// (father, along), (mother, home), (mother, along), (both, home),
// (both, along).
func TestDecisionUtilityTerms(t *testing.T) {
	ln2 := math.Ln2
	for _, tc := range []struct {
		name     string
		set      func(p *Params, hh *household)
		w        [7]float64
		netShare float64 // of the region, from last year
	}{
		// ψ = ln 2 per separation: the child is separated from 0 parents
		// (none), 1 (father away, home), 1 (with the father in the city,
		// mother home), 1, 1, 2 (both away, home), 0 (both, along).
		// 40, 57/2, 47/2, 42/2, 32/2, 67/4, 57: sum 202.75.
		{name: "psi", set: func(p *Params, hh *household) { p.Preferences.Psi = ln2 },
			w: [7]float64{40, 28.5, 23.5, 21, 16, 16.75, 57}},
		// ψ_couple = ln 2 for a year with the couple apart: the four
		// alternatives with one parent away (father away with the child
		// home or along, the same for the mother) are halved.
		{name: "psi_couple", set: func(p *Params, hh *household) { p.Preferences.PsiCouple = ln2 },
			w: [7]float64{40, 28.5, 23.5, 21, 16, 67, 57}},
		// κ = ln 2 for changing last year's arrangement (father away, child
		// home). Having been away, the household pays no first-move cost:
		// C = 40, 65, 55, 50, 40, 75, 65; all but (father, home) halved.
		{name: "kappa", set: func(p *Params, hh *household) {
			p.Preferences.Kappa = ln2
			hh.lastP, hh.dest = pFather, 0
		}, w: [7]float64{20, 65, 27.5, 25, 20, 37.5, 32.5}},
		// β_h = 100·ln 2 on a preschool boy: E[Δh] = g(0) − π(type) =
		// 0, −0.01, −0.04: factors 1, 1/2, 1/16.
		// 40, 57/2, 47/2, 42/2, 32/2, 67/16, 57: sum 190.1875.
		{name: "beta_h", set: func(p *Params, hh *household) { p.Preferences.BetaH = 100 * ln2 },
			w: [7]float64{40, 28.5, 23.5, 21, 16, 4.1875, 57}},
		// Network: with half the region's households migrating, the
		// first-move cost is 8·(1 − 0.5·0.5) = 6 instead of 8:
		// C = 40, 59, 49, 44, 34, 69, 59.
		{name: "network share", set: func(*Params, *household) {}, w: [7]float64{40, 59, 49, 44, 34, 69, 59}, netShare: 0.5},
		// β_d = 20·ln 2 on a girl of 8 with θ = 0.5 (ω = 0.5), onset 0.1,
		// RR 1/2/3, no counselling: ω·β_d·E[dep] = 10·ln 2·(0.1, 0.2, 0.3):
		// factors 1/2, 1/4, 1/8. A pupil along pays the expected primary
		// fee 0.8·0 + 0.2·4 = 0.8: C = 40, 57, 46.2, 42, 31.2, 67, 56.2.
		// 20, 14.25, 11.55, 10.5, 7.8, 8.375, 28.1: sum 100.575.
		{name: "beta_d, daughter", set: func(p *Params, hh *household) {
			p.Preferences.BetaD = 20 * ln2
			p.MentalHealth.Onset, p.MentalHealth.RelativeRisk = 0.1, []float64{1, 2, 3}
			p.Regions[0].CounsellingCoverage = 0
			hh.theta = 0.5
			hh.kids[0] = kid{age: 8, sex: 1}
		}, w: [7]float64{20, 14.25, 11.55, 10.5, 7.8, 8.375, 28.1}},
		// The same for a son (ω = 1): factors 1/4, 1/16, 1/64.
		// 10, 3.5625, 2.8875, 2.625, 1.95, 1.046875, 14.05.
		{name: "beta_d, son", set: func(p *Params, hh *household) {
			p.Preferences.BetaD = 20 * ln2
			p.MentalHealth.Onset, p.MentalHealth.RelativeRisk = 0.1, []float64{1, 2, 3}
			p.Regions[0].CounsellingCoverage = 0
			hh.theta = 0.5
			hh.kids[0] = kid{age: 8, sex: 0}
		}, w: [7]float64{10, 3.5625, 2.8875, 2.625, 1.95, 1.046875, 14.05}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := decisionParams(1, 1)
			hh := decisionHousehold(1)
			tc.set(p, &hh)
			m := unitModel(t, p)
			m.city.netShare[0] = tc.netShare
			ch := m.decide(&hh, m.hhKey(&hh), new(scratch))
			sum := 0.0
			for _, w := range tc.w {
				sum += w
			}
			wantNone := tc.w[0] / sum
			wantLeft := (tc.w[1] + tc.w[3] + tc.w[5]) / sum
			if !near(ch.pNone, wantNone, 1e-12) || !near(ch.pLeft[0], wantLeft, 1e-12) {
				t.Errorf("pNone, pLeft = %.12g, %.12g; want %.12g, %.12g", ch.pNone, ch.pLeft[0], wantNone, wantLeft)
			}
		})
	}
}
