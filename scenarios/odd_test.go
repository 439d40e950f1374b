package scenarios

import (
	"flag"
	"fmt"
	"math"
	"os"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/hukousim/hukousim/sim"
)

// update rewrites generated text (the parameter table of docs/ODD.md)
// instead of comparing with it.
var update = flag.Bool("update", false, "rewrite generated sections of docs/ODD.md instead of comparing")

const (
	oddFile     = "../docs/ODD.md"
	paramsBegin = "<!-- params:begin -->"
	paramsEnd   = "<!-- params:end -->"
)

// TestODDParameterTable keeps the parameter table of docs/ODD.md in step with
// the code: paths, units, ranges and meanings come from the struct tags of
// sim.Params, defaults from sim.DefaultParams/DefaultRegion/DefaultCity, the
// baseline column from scenarios/baseline.yaml, and sources from
// paramSources below. Regenerate with
//
//	go test ./scenarios -run ODD -update
func TestODDParameterTable(t *testing.T) {
	base, err := Load("baseline", nil)
	if err != nil {
		t.Fatalf("loading the baseline: %v", err)
	}
	rows := parameterRows(&base.Params)
	for _, sr := range base.Series { // dated values: their first and last
		for i := range rows {
			if rows[i].path == sr.Path {
				a, b := sr.Points[0], sr.Points[len(sr.Points)-1]
				rows[i].base = fmt.Sprintf("dated: %.4g (%d) … %.4g (%d)", a.Value, a.Year, b.Value, b.Year)
			}
		}
	}

	seen := map[string]bool{}
	for _, r := range rows {
		seen[r.path] = true
		if strings.TrimSpace(paramSources[r.path]) == "" {
			t.Errorf("parameter %s has no entry in paramSources", r.path)
		}
	}
	var extra []string
	for k := range paramSources {
		if !seen[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(extra)
	for _, k := range extra {
		t.Errorf("paramSources has %q, which names no parameter", k)
	}

	table := renderParamTable(rows)
	doc, err := os.ReadFile(oddFile)
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	i := strings.Index(text, paramsBegin)
	j := strings.Index(text, paramsEnd)
	if i < 0 || j < i {
		t.Fatalf("%s: markers %s ... %s not found", oddFile, paramsBegin, paramsEnd)
	}
	got := text[i+len(paramsBegin) : j]
	want := "\n" + table
	if got == want {
		return
	}
	if *update {
		text = text[:i+len(paramsBegin)] + want + text[j:]
		if err := os.WriteFile(oddFile, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("rewrote the parameter table of %s", oddFile)
		return
	}
	t.Errorf("the parameter table of %s is out of date; run go test ./scenarios -run ODD -update\n%s", oddFile, firstDiff(got, want))
}

// paramRow is one line of the table.
type paramRow struct {
	path, def, base, unit, rng, doc string
}

// parameterRows walks sim.Params in field order. A named list (regions,
// cities) is written once, as regions[].field, with the Go template of its
// elements as the default and the range over the baseline's elements.
func parameterRows(base *sim.Params) []paramRow {
	var rows []paramRow
	def := sim.DefaultParams()
	var walk func(t reflect.Type, defs, bases []reflect.Value, path, parentDoc string)
	walk = func(t reflect.Type, defs, bases []reflect.Value, path, parentDoc string) {
		for i := range t.NumField() {
			f := t.Field(i)
			name := strings.Split(f.Tag.Get("yaml"), ",")[0]
			p := name
			if path != "" {
				p = path + "." + name
			}
			fd := fieldValues(defs, i)
			fb := fieldValues(bases, i)
			switch {
			case f.Type.Kind() == reflect.Struct:
				// A top-level block's doc says nothing a path does not;
				// a nested block's (a stage, a distribution) does.
				doc := ""
				if path != "" {
					doc = f.Tag.Get("doc")
				}
				walk(f.Type, fd, fb, p, doc)
			case isNamedList(f.Type):
				var tmpl reflect.Value
				switch f.Type.Elem() {
				case reflect.TypeFor[sim.Region]():
					tmpl = reflect.ValueOf(sim.DefaultRegion())
				case reflect.TypeFor[sim.City]():
					tmpl = reflect.ValueOf(sim.DefaultCity())
				default:
					panic("odd: no default element for " + f.Type.String())
				}
				var elems []reflect.Value
				for _, b := range fb {
					for k := range b.Len() {
						elems = append(elems, b.Index(k))
					}
				}
				walk(f.Type.Elem(), []reflect.Value{tmpl}, elems, p+"[]", "")
			default:
				doc := f.Tag.Get("doc")
				if parentDoc != "" {
					doc += " (" + parentDoc + ")"
				}
				rows = append(rows, paramRow{
					path: p,
					def:  summarise(fd),
					base: summarise(fb),
					unit: f.Tag.Get("unit"),
					rng:  renderRange(f.Tag.Get("range")),
					doc:  doc,
				})
			}
		}
	}
	walk(reflect.TypeFor[sim.Params](), []reflect.Value{reflect.ValueOf(def)}, []reflect.Value{reflect.ValueOf(*base)}, "", "")
	return rows
}

func fieldValues(vs []reflect.Value, i int) []reflect.Value {
	out := make([]reflect.Value, len(vs))
	for k, v := range vs {
		out[k] = v.Field(i)
	}
	return out
}

// summarise writes one value, or the range of several (one per list
// element): min-max for numbers, element by element for lists of numbers,
// key by key for maps.
func summarise(vs []reflect.Value) string {
	if len(vs) == 0 {
		return "—"
	}
	switch vs[0].Kind() {
	case reflect.String:
		var names []string
		for _, v := range vs {
			if v.String() != "" {
				names = append(names, v.String())
			}
		}
		if len(names) == 0 {
			return "—"
		}
		return strings.Join(names, ", ")
	case reflect.Bool:
		n := 0
		for _, v := range vs {
			if v.Bool() {
				n++
			}
		}
		switch n {
		case 0:
			return "false"
		case len(vs):
			return "true"
		}
		return fmt.Sprintf("true in %d of %d", n, len(vs))
	case reflect.Int, reflect.Float64:
		xs := make([]float64, len(vs))
		for k, v := range vs {
			xs[k] = number(v)
		}
		return span(xs)
	case reflect.Slice:
		n := vs[0].Len()
		for _, v := range vs {
			n = max(n, v.Len())
		}
		if n == 0 {
			return "[]"
		}
		parts := make([]string, n)
		for e := range n {
			var xs []float64
			for _, v := range vs {
				if e < v.Len() {
					xs = append(xs, number(v.Index(e)))
				}
			}
			parts[e] = span(xs)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case reflect.Map:
		byKey := map[string][]float64{}
		for _, v := range vs {
			it := v.MapRange()
			for it.Next() {
				byKey[it.Key().String()] = append(byKey[it.Key().String()], number(it.Value()))
			}
		}
		if len(byKey) == 0 {
			return "{}"
		}
		keys := make([]string, 0, len(byKey))
		for k := range byKey {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + " " + span(byKey[k])
		}
		return strings.Join(parts, "; ")
	}
	panic("odd: cannot summarise " + vs[0].Type().String())
}

func number(v reflect.Value) float64 {
	switch v.Kind() {
	case reflect.Int:
		return float64(v.Int())
	case reflect.Float64:
		return v.Float()
	}
	panic("odd: not a number: " + v.Type().String())
}

// span is "x" when all values are equal, else "min-max".
func span(xs []float64) string {
	lo, hi := slices.Min(xs), slices.Max(xs)
	if lo == hi {
		return num(lo)
	}
	return num(lo) + "-" + num(hi)
}

// num writes a number in its shortest form, with short exponents (89.4e6 is
// 8.94e7).
func num(x float64) string {
	if x == 0 {
		return "0" // no -0
	}
	if math.Abs(x) >= 1e6 && x == math.Trunc(x) {
		// 89400000 reads better as 8.94e7.
		s := strconv.FormatFloat(x, 'e', -1, 64)
		return strings.Replace(strings.Replace(s, "e+0", "e", 1), "e+", "e", 1)
	}
	s := strconv.FormatFloat(x, 'g', -1, 64)
	s = strings.Replace(s, "e+0", "e", 1)
	s = strings.Replace(s, "e+", "e", 1)
	return strings.Replace(s, "e-0", "e-", 1)
}

// renderRange writes a range tag "lo,hi" as [lo, hi].
func renderRange(tag string) string {
	if tag == "" {
		return "—"
	}
	a, b, _ := strings.Cut(tag, ",")
	lo, err1 := strconv.ParseFloat(a, 64)
	hi, err2 := strconv.ParseFloat(b, 64)
	if err1 != nil || err2 != nil {
		panic("odd: bad range tag " + tag)
	}
	return "[" + num(lo) + ", " + num(hi) + "]"
}

func renderParamTable(rows []paramRow) string {
	cell := func(s string) string {
		if s == "" {
			s = "—"
		}
		return strings.ReplaceAll(s, "|", `\|`)
	}
	var b strings.Builder
	b.WriteString("| path | default | baseline | unit | range | meaning | source |\n")
	b.WriteString("| --- | --- | --- | --- | --- | --- | --- |\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s | %s |\n",
			r.path, cell(r.def), cell(r.base), cell(r.unit), cell(r.rng), cell(r.doc), cell(paramSources[r.path]))
	}
	return b.String()
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return fmt.Sprintf("first difference at table line %d:\n  have: %s\n  want: %s", i+1, a, b)
		}
	}
	return ""
}

// paramSources is the source of every parameter's baseline value, keyed by
// path: as in the comments of scenarios/baseline.yaml. A source naming the
// design's appendix is an un-sourced starting value (docs/ODD.md,
// Parameters, says what that design is);
// "assumed: ..." a modelling choice with its reason; "targets.yaml: ..." a
// published fact listed in the design's targets file.
var paramSources = map[string]string{
	"time.start_year": "targets.yaml: the 2020 census year",
	"time.years":      "design §2: default horizon of 20 years",
	"time.burn_in":    "assumed: 18 years, so that every child recorded from 2020 on has a whole simulated history from birth (the design's default is 10)",

	"population.households":           "assumed: small enough for a laptop demo (README)",
	"population.real_households":      "derived: 298 M children 0-17 (2020 census, targets.yaml) × 54.6% with rural hukou (NBS 2020 communiqué) = 162.7 M children ÷ 1.678 children 0-17 per household (the model's steady state in 2020, with the stopping rule)",
	"population.rural_hukou_share":    "NBS 2020 statistical communiqué: hukou-registered urbanisation 45.4%, so 54.6% rural hukou",
	"population.child_trend_per_year": "0: population.rural_children carries the path of the child population (docs/ODD.md, After 2020)",

	"preferences.alpha":                   "design default",
	"preferences.beta_h":                  "calibrated (design default 8.0 as the start)",
	"preferences.beta_d":                  "design default",
	"preferences.psi":                     "calibrated (design default 0.18; start 0.10)",
	"preferences.psi_couple":              "calibrated to the both-away share (start 0.10; no earlier value)",
	"preferences.kappa":                   "design default",
	"preferences.sigma":                   "calibrated (design default 0.22 as the start)",
	"preferences.nest_lambda":             "design default (0.5 changed little)",
	"preferences.destination_wage_weight": "assumed: destination odds ∝ network share × net wage",
	"preferences.destination_switch":      "assumed: one migrant household in 50 moves city a year",
	"preferences.subsistence_yuan_year":   "design default (3 thousand yuan)",
	"preferences.college_value_sd":        "ln 1.43 / ln 1.18 = 2.2: college +43% lifetime earnings (Heckman and Li 2004, Pacific Economic Review 9(3):155-171), +18% wage per SD of numeracy (Hanushek et al. 2015, EER 73:103-130)",
	"preferences.discount":                "Keane and Wolpin 1997, JPE 105(3):473-522, extended model (0.9363)",

	"wages.return_schooling":    "design default",
	"wages.age":                 "design default (no linear term)",
	"wages.age_sq":              "design default",
	"wages.female":              "design default",
	"wages.ref_age_years":       "assumed: a reference worker of 35",
	"wages.ref_schooling_years": "NBS 2020 migrant worker report: junior high (9 years) is the modal level",
	"wages.ability_sd":          "design default",
	"wages.shock_sd":            "design default",

	"remittances.rho0":      "design default",
	"remittances.rho1":      "calibrated to the remittance gap (design default 0.20 as the start; the target pins ρ1/ρ0)",
	"remittances.edu_share": "design default",

	"human_capital.gain_by_stage":      "design default",
	"human_capital.quality_ref":        "assumed: school quality centred on 1.0 so that quality gaps are about 0.1 SD a year (gaps of 0.5-1 SD by the end of compulsory school)",
	"human_capital.gamma":              "design default",
	"human_capital.pi_one":             "design default",
	"human_capital.pi_both":            "calibrated to the score gap (design default 0.04 as the start)",
	"human_capital.delta_move":         "design default",
	"human_capital.delta_dep":          "design default",
	"human_capital.sigma_h":            "design default",
	"human_capital.turnover_effect":    "Ronfeldt, Loeb and Wyckoff (2013), AERJ 50(1):4-36 (CALDER WP 70): 0.06-0.10 SD lower at 100% grade-level turnover; the middle",
	"human_capital.ict_effect":         "trials: hardware without a structured programme has no effect on scores (Cristia et al. 2017, AEJ Applied 9(3):295-320; Barrera-Osorio and Linden 2009, World Bank WP 4836), and CAL's technology-only effect is null (Ma, Fairlie, Loyalka and Rozelle 2024, EDCC 72(4))",
	"human_capital.training_effect":    "Loyalka, Popova, Li and Shi (2019), AEJ Applied 11(3):128-154: a national teacher-training programme, precise nulls on pupils' scores after a year",
	"human_capital.cal_effect":         "CAL trials in rural and migrant schools: +0.12 SD (Lai et al. 2013, J. Dev. Effectiveness 5(2)), +0.15 (Lai et al. 2015, Econ. Educ. Review 47:34-48), +0.16 (Mo et al. 2014, J. Dev. Effectiveness); the middle",
	"human_capital.school_persistence": "one fifth to one half of a school effect persists a year on (Andrabi, Das, Khwaja and Zajonc 2011, AEJ Applied 3(3):29-54; Jacob, Lefgren and Sims 2010, JHR 45(4), about 0.2; Kane and Staiger 2008, NBER WP 14607, about 0.5); the middle",
	"human_capital.initial_sd":         "design §2: h in SD of the start cohort",

	"mental_health.start_age_years":         "design §4.4: the chain runs from age 6",
	"mental_health.onset":                   "design default",
	"mental_health.relative_risk":           "design default (compare RR 1.52, Fellmeth et al. 2018, targets.yaml)",
	"mental_health.recovery":                "design default",
	"mental_health.counselling_smd":         "Werner-Seidler et al. (2017), Clinical Psychology Review 51:30-47: school-based depression prevention, g = 0.23 after the programme (81 trials); as a relative risk of onset by Chinn (2000) and Zhang and Yu (1998)",
	"mental_health.counselling_persistence": "Werner-Seidler et al. (2017): g = 0.11 twelve months on, against 0.23 after the programme (0.48)",
	"mental_health.ideation_depressed":      "assumed: with ~30% of left-behind children depressed, 0.3·0.40 + 0.7·0.10 ≈ 0.19, near the 18.7% of Qu et al. (2021)",
	"mental_health.ideation":                "assumed: as ideation_depressed",

	"transitions.highschool_a0":        "assumed: about 55% of rural junior-high graduates enter academic high school; logistic(−1.2 + 0.5·ln 15) ≈ 0.59 at 15 thousand yuan per head and h = 0",
	"transitions.highschool_a1":        "assumed (as highschool_a0)",
	"transitions.highschool_a2":        "assumed (as highschool_a0)",
	"transitions.highschool_a3":        "assumed (as highschool_a0)",
	"transitions.gaokao_cutoff":        "assumed (no target pins it down)",
	"transitions.gaokao_noise_sd":      "assumed",
	"transitions.gaokao_points_per_sd": "assumed: gaokao totals of 750 points with an SD near 100",
	"transitions.dropout_a0":           "calibrated: one parameter to the junior-high dropout target (scenarios/targets.yaml), a yearly hazard of 0.016",
	"transitions.dropout_score":        "assumed: half of highschool_a1 with the sign turned; weaker pupils leave more (Yi et al. 2012, IJED 32(4):555-563; Shi et al. 2015, China Quarterly 224), but no published size was at hand (Known limitations)",
	"transitions.dropout_income":       "assumed: highschool_a2 with the sign turned; poorer families' children leave more (Yi et al. 2012; Brown and Park 2002, EER 21:523-541), no published size at hand (Known limitations)",
	"transitions.dropout_wage":         "assumed: an elasticity of 1 of the odds at 15 in the wage; better migrant opportunities lower high-school enrolment (de Brauw and Giles 2017, JHR 52(1); Leight and Pan 2024, WBER), no published size at hand (Known limitations)",

	"demography.family_size":                  "design default (children 1/2/3/4)",
	"demography.sonless_extra_birth":          "share of China's population under the rural 1.5-child rule (a second child after a daughter), 53.6% (Gu, Wang, Guo and Zhang 2007, Population and Development Review 33(1):129-147)",
	"demography.birth_hazard":                 "assumed: the burn-in turns them into a steady age structure",
	"demography.srb_by_order":                 "burn-in births: 2010 census by order (113.7, 130.3, 158.4); from 2020 (a dated change in the baseline) the 2020 census ratio 1.113 (targets.yaml)",
	"demography.birth_spacing_years":          "assumed",
	"demography.entry_mother_age_min":         "assumed: first births at 20-30",
	"demography.entry_mother_age_max":         "assumed: first births at 20-30",
	"demography.father_age_gap_years":         "assumed",
	"demography.parent_schooling_mean_years":  "NBS 2020 migrant worker report: primary or less ~16%, junior high 55%, senior high 17%, college 12% → mean ≈ 9.5 years",
	"demography.parent_schooling_sd_years":    "assumed: about the spread of the NBS 2020 schooling mix",
	"demography.caregiver_age_offset_years":   "assumed: a grandparent a generation older",
	"demography.caregiver_loss":               "design default: 0.01·exp(0.08·(age − 60))",
	"demography.caregiver_loss_ref_age_years": "design default",
	"demography.caregiver_loss_slope":         "design default",
	"demography.caregiver_gain":               "assumed: \"a small probability\" (design §3)",
	"demography.caregiver_new_age_years":      "assumed",
	"demography.max_mother_age_years":         "assumed: the last band of birth_hazard (40-44)",

	"policy.guardianship_enforcement":    "design default",
	"policy.guardianship_age_years":      "design §4.1: children under 16",
	"policy.gaokao_bonus_points":         "policy of 2020: no bonus for left-behind pupils",
	"policy.bonus_min_years_left_behind": "policy of 2020: no bonus (the gaokao-bonus scenario sets 3)",
	"policy.girls_cct_yuan_year":         "policy of 2020: no transfer",
	"policy.girls_cct_min_age_years":     "assumed: junior-high age (used only when a transfer is paid)",
	"policy.son_preference_scale":        "neutral: θ as drawn (the son-preference-shift scenario lowers it)",

	"observation.restrictive_middle_admission": "assumed: restrictive if below one in two",
	"observation.mark_reforms":                 "an output choice: off in the baseline, on in the history scenario (docs/ODD.md, History)",
	"population.rural_children":                "derived: NBS births, the 18 cohorts of each year (2003-2024; from 2025 held at 2024's 9.54 M, within CPDRC's 2022 projection of about 10 M), ÷ 2020's sum × 298 M × the rural-hukou share (docs/ODD.md, After 2020); the history scenario gives the census counts (History)",
	"prices.wage_index":                        "NBS migrant worker reports: mean monthly income 4,072 (2020) … 4,961 yuan (2024), each ÷ 4,072, held after; the history scenario gives 2010-2020 (History)",
	"prices.urban_cost_index":                  "NBS urban consumption per head 27,007 (2020) … 34,557 yuan (2024), each ÷ 27,007, held after; the history scenario gives 2010-2020 (History)",
	"prices.rural_income_index":                "NBS rural disposable income per head 17,131 (2020) … 23,119 yuan (2024), each ÷ 17,131, held after; the history scenario gives 2010-2020 (History)",

	"regions[].name":                    "grouping assumed; Ministry of Civil Affairs (2018): Sichuan, Anhui, Hunan, Henan, Jiangxi, Hubei and Guizhou hold nearly 70% of rural left-behind children",
	"regions[].weight":                  "assumed: roughly proportional to each group's rural population (2020 census)",
	"regions[].rural_income_yuan_year":  "NBS 2020 rural disposable income per head by province (national 17,131, targets.yaml) × 59.3% not from wages (NBS 2020) × 1.95 persons per adult (assumed)",
	"regions[].own_schooling_yuan_year": "design default",
	"regions[].teacher_quality.primary": "assumed: the yearly rural school effect of the earlier formula, teacher_quality·(1 − 0.5·turnover) + 0.3·0.4, carried over (around the design default 0.9 + 0.05, lower in the west, higher on the coast)",
	"regions[].teacher_quality.middle":  "calibrated: one factor (the township middle schools) on values assumed as the primary school's",
	"regions[].teacher_quality.high":    "assumed: as the primary school",
	"regions[].teacher_turnover":        "design default (0.2); assumed higher in the west, lower in the north and on the coast",
	"regions[].infrastructure":          "design default",
	"regions[].teacher_training":        "design default",
	"regions[].grandparent_share":       "design default",
	"regions[].son_preference.a":        "calibrated: one factor (×0.747) on the design default Beta(2, 7) and the assumed regional differences (stronger in central and south-central, high provincial sex ratios at birth in the 2010 census; weaker on the east coast)",
	"regions[].son_preference.b":        "as son_preference.a",
	"regions[].first_move_cost_yuan":    "design default",
	"regions[].network_effect":          "design default",
	"regions[].counselling_coverage":    "design default",
	"regions[].cal_coverage":            "assumed: structured CAL reached few rural schools by 2020 (the trials covered a few hundred); the computer-assisted-learning scenario sets 1",
	"regions[].same_province":           "assumed by geography (interior provinces hold no megacity or coastal city); check: 44% of migrants cross a provincial border against 41.6% (NBS 2020 migrant worker report)",
	"regions[].destinations":            "assumed: migration corridors (southwest to Guangdong and Zhejiang; centre to Beijing, Shanghai and the Yangtze delta; south-central to the Pearl River delta; north to Beijing-Tianjin; east coast within the province)",

	"cities[].name":                                 "one archetype per hukou tier of the State Council's 2014 urbanisation plan (targets.yaml)",
	"cities[].tier":                                 "State Council 2014 urbanisation plan (targets.yaml): over 5 M strict points systems ... under 0.5 M open",
	"cities[].wage_yuan_month":                      "assumed, around NBS 2020: out-migrants 4,549, local migrants 3,606 yuan a month (targets.yaml); the simulated mean is about 4,780 (2020)",
	"cities[].living_cost_yuan_year":                "design default (25/18/13/9 thousand), fifth archetype interpolated",
	"cities[].child_cost_yuan_year":                 "assumed: NBS 2020 urban consumption per head 27,007 less housing (24.6%) × 0.6 for a child ≈ 12.2 thousand, scaled from 2× (megacity) to 0.8× (county town); the megacity's, with its housing, calibrated to the megacity split (×0.475)",
	"cities[].housing_per_child_yuan_year":          "design default for the first child (10/7/5/3 thousand), interpolated; assumed rising with each further child (migrant housing is small); the megacity's calibrated with its child cost (×0.475)",
	"cities[].public_quality":                       "assumed: the design default 1.30-1.10 rescaled to about 0.1 SD a year above quality_ref (see human_capital.quality_ref)",
	"cities[].school.primary.admission":             "design default (0.35/0.60/0.80/0.95), fifth archetype interpolated; coastal city and provincial capital calibrated (×0.985) to the public-school share; the megacity 0.7: Beijing's 2014 rules kept about 30% of migrant pupils out (targets.yaml inputs)",
	"cities[].school.primary.seats_multiple":        "assumed: 1.2, enough slack that seats bind only when demand rises by a fifth over the base year",
	"cities[].school.primary.public_fee_yuan_year":  "assumed: compulsory schooling in a public school is free",
	"cities[].school.primary.private_fee_yuan_year": "design default (8/6/4/3 thousand), fifth archetype interpolated",
	"cities[].school.primary.private_quality":       "assumed: just below quality_ref and below public schools (design default 0.95-1.00)",
	"cities[].school.middle.admission":              "design default (0.20/0.45/0.70/0.90), fifth archetype interpolated; coastal city and provincial capital calibrated (×0.985) to the public-school share; the megacity 0.7: Beijing's 2014 rules kept about 30% of migrant pupils out (targets.yaml inputs)",
	"cities[].school.middle.seats_multiple":         "assumed: 1.2, enough slack that seats bind only when demand rises by a fifth over the base year",
	"cities[].school.middle.public_fee_yuan_year":   "assumed: compulsory schooling in a public school is free",
	"cities[].school.middle.private_fee_yuan_year":  "design default (46/34.5/23/17 thousand), fifth archetype interpolated; calibrated (×2.43)",
	"cities[].school.middle.private_quality":        "assumed: just below quality_ref and below public schools (design default 0.95-1.00)",
	"cities[].school.high.admission":                "design default (0.05/0.20/0.40/0.70), fifth archetype interpolated",
	"cities[].school.high.seats_multiple":           "assumed: 1.2, enough slack that seats bind only when demand rises by a fifth over the base year",
	"cities[].school.high.public_fee_yuan_year":     "assumed: 2,000 yuan a year of public high-school fees",
	"cities[].school.high.private_fee_yuan_year":    "design default (46/34.5/23/17 thousand, as middle school), fifth archetype interpolated",
	"cities[].school.high.private_quality":          "assumed: just below quality_ref and below public schools (design default 0.95-1.00)",
	"cities[].exams.zhongkao.rule":                  "megacity: Beijing (hukou; Beijing education commission 2014 rules) and Shanghai (120 points; plan of 30 Dec 2012); coastal city: Guangdong (粤教考〔2013〕7号); capitals and prefectures: most provinces' 2012-13 rules (Yang Dongping, China Daily 2013-01-22); county town assumed open; zhongkao rules assumed of the gaokao's shape",
	"cities[].exams.zhongkao.school_years":          "as cities[].exams.zhongkao.rule: 3 years of local 学籍 (a complete stage)",
	"cities[].exams.zhongkao.parent_years":          "as cities[].exams.zhongkao.rule: coastal 3 (Guangdong: 3 years of residence permit and insurance); megacity 30 = (120 points − at most 30 age points) / 3 points a year of insurance (Shanghai)",
	"cities[].exams.gaokao.rule":                    "as cities[].exams.zhongkao.rule",
	"cities[].exams.gaokao.school_years":            "as cities[].exams.zhongkao.school_years",
	"cities[].exams.gaokao.parent_years":            "as cities[].exams.zhongkao.parent_years",
	"cities[].hukou_conversion":                     "assumed: near zero under points systems (0.001), rising to 0.06 in open county towns",
	"cities[].hukou_conversion_years":               "0 in every city after the NDRC's 2019 key tasks (发改规划〔2019〕617号: no conditions under 3 M; points or unnumbered conditions above); the history's earlier 3 and 5 years are the State Council's 2011 notice and 2014 opinion",
	"cities[].wage_elasticity":                      "assumed",
}
