package sim

import (
	"context"
	"fmt"
	"math"
)

// Value is one metric of one year: a name of docs/ODD.md II.x (or one the
// project adds, documented in docs/ODD.md), a group ("" or key=value pairs
// joined by ';' in the fixed key order sex, age, tier, then the rest), and
// the value. Counts are real-world (× scale); shares are plain. A value
// whose denominator is empty is NaN.
type Value struct {
	Name  string
	Group string
	Value float64
}

var sexNames = [2]string{"boy", "girl"}

// Age bands of docs/ODD.md II.x.
var bands = [...]struct {
	name   string
	lo, hi int
}{{"0-5", 0, 5}, {"6-11", 6, 11}, {"12-14", 12, 14}, {"15-17", 15, 17}}

var placeNames = [nPlaces]string{"village-both-parents", "left-behind", "city-public-school", "city-private-school", "city-out-of-school", "urban-hukou"}

var remNames = [nRem]string{"none", "daughters", "sons", "mixed"}

var stageNames = [3]string{"primary", "middle", "high"}

func ratio(a, b float64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return a / b
}

// Scale is how many real households one simulated household stands for:
// real_households over the simulated households active in the first
// recorded year (before it, over the initial households), so that the
// recorded population has the real number of households whatever the
// burn-in did to the simulated count.
func (m *Model) Scale() float64 {
	if m.scale > 0 {
		return m.scale
	}
	return m.c.p.Population.RealHouseholds / float64(m.c.p.Population.Households)
}

// Metrics returns the metrics of the last step, in a fixed order. It reads
// the year's totals and changes nothing.
func (m *Model) Metrics() []Value {
	t := &m.cur
	sc := m.Scale()
	var out []Value
	put := func(name, group string, v float64) { out = append(out, Value{name, group, v}) }
	count := func(name string, v float64) { put(name, "", v*sc) }

	count("households", t.households)
	count("children", t.children)
	count("lbc", t.lbc)
	put("lbc_share", "", ratio(t.lbc, t.children))
	// Over all children, urban-hukou ones included: the model's children
	// (all from rural-hukou households) are rural_hukou_share of them.
	put("lbc_share_all", "", ratio(float64(t.lbc*m.c.p.Population.RuralShare), t.children))
	count("migrant_children", t.migrantChildren)
	count("urban_hukou_children", t.urbanChildren)
	count("lbc_father_away", t.lbcType[0])
	count("lbc_mother_away", t.lbcType[1])
	count("lbc_both_away", t.lbcType[2])
	put("lbc_both_away_share", "", ratio(t.lbcType[2]+t.lbcType[3], t.lbc))
	count("lbc_alone", t.lbcType[3])

	var n, lb [2]float64
	for sex := range 2 {
		for age := range 18 {
			n[sex] += t.bySexAge[sex][age][0]
			lb[sex] += t.bySexAge[sex][age][1]
		}
	}
	put("lbc_share_girls", "", ratio(lb[1], n[1]))
	put("lbc_share_boys", "", ratio(lb[0], n[0]))
	put("lbc_boys_share", "", ratio(lb[0], lb[0]+lb[1]))
	for _, b := range bands {
		var bn, bl float64
		for sex := range 2 {
			for age := b.lo; age <= b.hi; age++ {
				bn += t.bySexAge[sex][age][0]
				bl += t.bySexAge[sex][age][1]
			}
		}
		put("lbc_share_"+b.name, "", ratio(bl, bn))
	}
	for sex := range 2 {
		for age := range 18 {
			put("lbc_share_by_age", fmt.Sprintf("sex=%s;age=%d", sexNames[sex], age), ratio(t.bySexAge[sex][age][1], t.bySexAge[sex][age][0]))
		}
	}

	// The daughters' gaps, from choice probabilities (the headline) and from
	// realised choices (the _realised variants).
	gap := func(x *[2][2]float64) float64 {
		return ratio(ratio(x[1][1], x[1][0]), ratio(x[0][1], x[0][0])) - 1
	}
	put("daughter_lb_gap_restrictive", "", gap(&t.restrictProb))
	put("daughter_lb_gap_restrictive_realised", "", gap(&t.restrictReal))
	jump := func(x *[2][18][nTiers][2]float64, tier int) float64 {
		pr := func(sex, age int) float64 {
			var a, b float64
			for ti := range nTiers {
				if tier == 0 || tier == ti+1 {
					a += x[sex][age][ti][1]
					b += x[sex][age][ti][0]
				}
			}
			return ratio(a, b)
		}
		return (pr(1, 12) - pr(1, 11)) - (pr(0, 12) - pr(0, 11))
	}
	put("daughter_lb_jump_age12", "", jump(&t.migProb, 0))
	// Each sex's own jump from 11 to 12 (choice probabilities, all tiers):
	// the published finding is a jump for girls and none for boys.
	for sex := range 2 {
		pr := func(age int) float64 {
			var a, b float64
			for ti := range nTiers {
				a += t.migProb[sex][age][ti][1]
				b += t.migProb[sex][age][ti][0]
			}
			return ratio(a, b)
		}
		put("lb_jump_age12", "sex="+sexNames[sex], pr(12)-pr(11))
	}
	put("daughter_lb_jump_age12_realised", "", jump(&t.migReal, 0))
	for tier := 1; tier <= nTiers; tier++ {
		put("daughter_lb_jump_age12", fmt.Sprintf("tier=%d", tier), jump(&t.migProb, tier))
	}
	for sex := range 2 {
		for _, b := range bands {
			for ti := range nTiers {
				var a, d float64
				for age := b.lo; age <= b.hi; age++ {
					d += t.migProb[sex][age][ti][0]
					a += t.migProb[sex][age][ti][1]
				}
				put("lb_prob", fmt.Sprintf("sex=%s;age=%s;tier=%d", sexNames[sex], b.name, ti+1), ratio(a, d))
			}
		}
	}

	// Ages 12-14 by sibling composition (docs/ODD.md II.ii, Which child
	// goes): whether a daughter is left behind more when she has a brother.
	for sex := range 2 {
		for sb := range nSibs {
			for ti := range nTiers {
				x := t.sibProb[sex][sb][ti]
				put("lb_prob_siblings", fmt.Sprintf("sex=%s;siblings=%s;tier=%d", sexNames[sex], sibNames[sb], ti+1), ratio(x[1], x[0]))
			}
		}
		// How the children 12-14 of migrant parents of each sex divide
		// among the compositions (all tiers; the stopping rule gives
		// daughters more brothers).
		var n [nSibs]float64
		tot := 0.0
		for sb := range nSibs {
			for ti := range nTiers {
				n[sb] += t.sibProb[sex][sb][ti][0]
			}
			tot += n[sb]
		}
		for sb := range nSibs {
			put("siblings_share", fmt.Sprintf("sex=%s;siblings=%s", sexNames[sex], sibNames[sb]), ratio(n[sb], tot))
		}
	}

	// Children of migrant parents of every age, by the parents' destination
	// tier: the share left behind (choice probabilities).
	for ti := range nTiers {
		var a, d float64
		for sex := range 2 {
			for age := range 18 {
				d += t.migProb[sex][age][ti][0]
				a += t.migProb[sex][age][ti][1]
			}
		}
		put("lb_prob_tier", fmt.Sprintf("tier=%d", ti+1), ratio(a, d))
	}

	// The age profile behind the jump: among children of migrant parents,
	// the share left behind by sex and single year of age (all tiers, from
	// choice probabilities).
	for sex := range 2 {
		for age := range 18 {
			var a, d float64
			for ti := range nTiers {
				d += t.migProb[sex][age][ti][0]
				a += t.migProb[sex][age][ti][1]
			}
			put("lb_prob_by_age", fmt.Sprintf("sex=%s;age=%d", sexNames[sex], age), ratio(a, d))
		}
	}

	mean := func(x [2]float64) float64 { return ratio(x[0], x[1]) }
	put("remit_gap_daughters", "", ratio(mean(t.remit[remDaughters]), mean(t.remit[remSons]))-1)
	for g := range nRem {
		put("remittance_mean_yuan_year", "left="+remNames[g], mean(t.remit[g])*1000)
	}

	prev := func(g, i int) float64 { return ratio(t.mh[g][i], t.mh[g][0]) }
	put("depression_nonlbc", "", prev(mhNonLBC, 1))
	put("depression_lbc_one", "", prev(mhLBCOne, 1))
	put("depression_lbc_both", "", prev(mhLBCBoth, 1))
	put("depression_lbc", "", ratio(t.mh[mhLBCOne][1]+t.mh[mhLBCBoth][1], t.mh[mhLBCOne][0]+t.mh[mhLBCBoth][0]))
	put("depression_migrant", "", prev(mhCity, 1))
	put("ideation_lbc", "", ratio(t.mh[mhLBCOne][2]+t.mh[mhLBCBoth][2], t.mh[mhLBCOne][0]+t.mh[mhLBCBoth][0]))
	put("ideation_nonlbc", "", prev(mhNonLBC, 2))

	yn := [2]string{"no", "yes"}
	for sex := range 2 {
		for l := range 2 {
			put("h_mean", fmt.Sprintf("sex=%s;left_behind=%s", sexNames[sex], yn[l]), mean(t.hSum[sex][l]))
		}
	}
	put("h_gap_both_away", "", mean(t.hGap[0])-mean(t.hGap[1]))

	if m.Recording() {
		for sex := range 2 {
			for e := range 2 {
				co := t.cohort[sex][e]
				g := fmt.Sprintf("sex=%s;ever_left_behind=%s", sexNames[sex], yn[e])
				put("cohort_size", g, co[0]*sc)
				put("highschool_rate", g, ratio(co[1], co[0]))
				put("college_rate", g, ratio(co[2], co[0]))
			}
			for l := range 2 {
				co := t.cohort12[sex][l]
				g := fmt.Sprintf("sex=%s;left_behind_at_12=%s", sexNames[sex], yn[l])
				put("highschool_rate", g, ratio(co[1], co[0]))
				put("college_rate", g, ratio(co[2], co[0]))
			}
		}
	}

	// Dropout: the yearly hazard of enrolled pupils, by sex × age band ×
	// where the child lives, by destination tier among children of migrant
	// parents, and in junior high (12-14) by sex and for all.
	dropBands := [2]string{"12-14", "15"}
	dropWhere := [3]string{"village-both-parents", "left-behind", "city"}
	var jh [3][2]float64 // boys, girls, all × [n, out]
	for sex := range 2 {
		for b := range 2 {
			for w := range 3 {
				x := t.dropout[sex][b][w]
				put("dropout_rate", fmt.Sprintf("sex=%s;age=%s;place=%s", sexNames[sex], dropBands[b], dropWhere[w]), ratio(x[1], x[0]))
				if b == 0 {
					for _, i := range [2]int{sex, 2} {
						jh[i][0] += x[0]
						jh[i][1] += x[1]
					}
				}
			}
		}
	}
	for b := range 2 {
		for ti := range nTiers {
			x := t.dropoutTier[b][ti]
			put("dropout_rate", fmt.Sprintf("age=%s;tier=%d", dropBands[b], ti+1), ratio(x[1], x[0]))
		}
	}
	put("dropout_junior_high", "", ratio(jh[2][1], jh[2][0]))
	for sex := range 2 {
		put("dropout_junior_high", "sex="+sexNames[sex], ratio(jh[sex][1], jh[sex][0]))
	}

	// The zhongkao: the share of pupils who take the academic track, by
	// where they sat it (the village with both parents, left behind, the
	// city; docs/ODD.md III.iv, Exam rules).
	for w := range 3 {
		x := t.zhongkao[w]
		put("academic_track_rate", "place="+dropWhere[w], ratio(x[1], x[0]))
	}

	count("migrant_adults", t.migrantAdults)
	count("households_migrating", t.migratingHH)
	count("hukou_conversions", t.conversions)
	count("births", m.demo.births)
	count("entrants", m.demo.entrants)
	put("migrant_public_share", "", ratio(t.migPublic[0], t.migPublic[1]))
	put("migrant_wage_yuan_month", "", ratio(t.wageTotal[0], t.wageTotal[1])*1000/12)
	for sex := range 2 {
		for pl := range nPlaces {
			put("children_by_place", fmt.Sprintf("sex=%s;place=%s", sexNames[sex], placeNames[pl]), t.places[sex][pl]*sc)
		}
	}
	for ci, ct := range m.c.p.Cities {
		for st := range 3 {
			put("admission", fmt.Sprintf("city=%s;stage=%s", ct.Name, stageNames[st]), m.city.admission[ci][st])
		}
		put("wage_index", "city="+ct.Name, m.city.wageIndex[ci])
	}
	return out
}

// Cohort is the outcomes at 18 of one sex × ever-left-behind group in the
// last step (real-world counts).
type Cohort struct {
	Sex            string
	EverLeftBehind bool
	N              float64
	HighSchool     float64 // share
	College        float64 // share
	MeanH          float64
	MeanYearsOne   float64 // years left behind with one parent away
	MeanYearsBoth  float64 // years left behind with both away
}

// Cohorts returns the outcomes of those who finished at 17 in the last step.
func (m *Model) Cohorts() []Cohort {
	t := &m.cur
	var out []Cohort
	for sex := range 2 {
		for e := range 2 {
			co := t.cohort[sex][e]
			out = append(out, Cohort{
				Sex: sexNames[sex], EverLeftBehind: e == 1, N: co[0] * m.Scale(),
				HighSchool: ratio(co[1], co[0]), College: ratio(co[2], co[0]),
				MeanH: ratio(co[3], co[0]), MeanYearsOne: ratio(co[4], co[0]), MeanYearsBoth: ratio(co[5], co[0]),
			})
		}
	}
	return out
}

// MetricNames reports which metric names a run of p produces, from one
// recorded year of a ten-household copy of it (no burn-in): the names
// targets and calibration files may ask for (docs/ODD.md, Observation).
func MetricNames(p *Params) func(string) bool {
	q := *p
	q.Population.Households = 10
	q.Time.BurnIn = 0
	names := map[string]bool{}
	if m, err := New(&q, nil, Config{Workers: 1}); err == nil && m.Step(context.Background()) == nil {
		for _, v := range m.Metrics() {
			names[v.Name] = true
		}
	}
	return func(n string) bool { return names[n] }
}
