// Package classroom is `hukousim serve`: one web page, served from the
// binary, on which a class picks a preset, moves a few sliders, predicts,
// and watches the baseline and its own scenario run year by year (docs/
// ODD.md, The classroom page). The same engine runs behind it; a class's
// scenario is a scenario file like any other, which the page offers for
// download with the run's reports.
package classroom

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/hukousim/hukousim/output/i18n"
	"github.com/hukousim/hukousim/scenarios"
	"github.com/hukousim/hukousim/sim"
)

// ReformYear is the year a class's changes start, as the shipped reforms
// do: the years before are every scenario's own.
const ReformYear = 2025

// Slider is one lever a class can move: its label, unit and bounds, and
// how its value becomes scenario fields.
type Slider struct {
	ID       string  `json:"id"`
	Label    string  `json:"label"`
	Unit     string  `json:"unit"`
	Min      float64 `json:"min"`
	Max      float64 `json:"max"`
	Step     float64 `json:"step"`
	Baseline float64 `json:"baseline"` // the baseline's value in the last year
	Toggle   bool    `json:"toggle"`   // on (1) or off (0)
	Percent  bool    `json:"percent"`  // a share, shown in per cent
	Help     string  `json:"help"`
	// sets gives the overrides for value v; value reads a scenario's
	// value in force (its last epoch's parameters).
	sets  func(v float64) []string
	value func(p *sim.Params) float64
}

// Localized are the sliders with their label, unit and help in l.
func Localized(l i18n.Lang) []Slider {
	out := levers()
	for i := range out {
		k := "slider." + out[i].ID + "."
		out[i].Label, out[i].Unit, out[i].Help = l.T(k+"label"), l.T(k+"unit"), l.T(k+"help")
	}
	return out
}

var regions = []string{"southwest", "central", "south-central", "north", "east-coast"}

// baseTurnover is each region's teacher turnover in the baseline, which
// the turnover slider scales.
var baseTurnover = map[string]float64{}

// examRule is a city's exam rule in --set form.
func examRule(rule string, school, parent int) string {
	return fmt.Sprintf("{rule: %s, school_years: %d, parent_years: %d}", rule, school, parent)
}

// Sliders are the levers, in the order the page shows them, labelled in
// English.
func Sliders() []Slider { return Localized(i18n.EN) }

// levers are the sliders without their words.
func levers() []Slider {
	num := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	return []Slider{
		{ID: "admission", Min: 0, Max: 1, Step: 0.05, Percent: true,
			sets: func(v float64) []string {
				return []string{"cities.megacity.school.primary.admission=" + num(v), "cities.megacity.school.middle.admission=" + num(v)}
			},
			value: func(p *sim.Params) float64 { return city(p, "megacity").School.Middle.Admission }},
		{ID: "local_gaokao", Min: 0, Max: 1, Step: 1, Toggle: true,
			sets: func(v float64) []string {
				mega, coast := examRule("points", 3, 30), examRule("years", 3, 3)
				if v >= 0.5 {
					mega = examRule("years", 3, 3)
				}
				return []string{"cities.megacity.exams.zhongkao=" + mega, "cities.megacity.exams.gaokao=" + mega,
					"cities.coastal-city.exams.zhongkao=" + coast, "cities.coastal-city.exams.gaokao=" + coast}
			},
			value: func(p *sim.Params) float64 {
				if city(p, "megacity").Exams.Gaokao.Rule == "years" {
					return 1
				}
				return 0
			}},
		{ID: "son_preference", Min: 0, Max: 1, Step: 0.1, // the model's range: 1 is today's, 0 none
			sets:  func(v float64) []string { return []string{"policy.son_preference_scale=" + num(v)} },
			value: func(p *sim.Params) float64 { return p.Policy.SonPreferenceScale }},
		{ID: "counselling", Min: 0, Max: 1, Step: 0.05, Percent: true,
			sets: func(v float64) []string {
				var out []string
				for _, r := range regions {
					out = append(out, "regions."+r+".counselling_coverage="+num(v))
				}
				return out
			},
			value: func(p *sim.Params) float64 { return region(p, regions[0]).CounsellingCoverage }},
		{ID: "teacher_turnover", Min: 0, Max: 2, Step: 0.1,
			sets: func(v float64) []string {
				var out []string
				for _, r := range regions {
					out = append(out, "regions."+r+".teacher_turnover="+num(math.Round(v*baseTurnover[r]*1e6)/1e6))
				}
				return out
			},
			value: func(p *sim.Params) float64 {
				return math.Round(region(p, regions[0]).TeacherTurnover/baseTurnover[regions[0]]*100) / 100
			}},
		{ID: "girls_cct", Min: 0, Max: 5000, Step: 250,
			sets: func(v float64) []string {
				return []string{"policy.girls_cct_yuan_year=" + num(v), "policy.girls_cct_min_age_years=12"}
			},
			value: func(p *sim.Params) float64 { return p.Policy.GirlsCCTYuanYear }},
	}
}

func city(p *sim.Params, name string) *sim.City {
	for i := range p.Cities {
		if p.Cities[i].Name == name {
			return &p.Cities[i]
		}
	}
	panic("classroom: no city " + name) // the embedded baseline has them all
}

func region(p *sim.Params, name string) *sim.Region {
	for i := range p.Regions {
		if p.Regions[i].Name == name {
			return &p.Regions[i]
		}
	}
	panic("classroom: no region " + name)
}

// Preset is a scenario a class may start from, with its sliders' values.
type Preset struct {
	Name        string             `json:"name"`
	Title       string             `json:"title"`
	Description string             `json:"description"`
	Values      map[string]float64 `json:"values"`
}

// Presets are the baseline and the embedded reforms (not the history),
// each with the values its sliders take in its last year.
func Presets() ([]Preset, error) {
	base, err := scenarios.Load("baseline", nil)
	if err != nil {
		return nil, err
	}
	for _, r := range regions {
		baseTurnover[r] = region(&base.Params, r).TeacherTurnover
	}
	var out []Preset
	for _, info := range scenarios.List() {
		if info.Name == "history" {
			continue
		}
		sc, err := scenarios.Load(info.Name, nil)
		if err != nil {
			return nil, err
		}
		eps, err := sc.Epochs()
		if err != nil {
			return nil, err
		}
		p := &sc.Params
		if len(eps) > 0 {
			p = eps[len(eps)-1].Params
		}
		pr := Preset{Name: sc.Name, Title: sc.Title, Description: strings.TrimSpace(sc.Description), Values: map[string]float64{}}
		for _, s := range Sliders() {
			pr.Values[s.ID] = s.value(p)
		}
		out = append(out, pr)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name == "baseline" && out[j].Name != "baseline" })
	return out, nil
}

// ClassYAML is the class's scenario: the preset, and from ReformYear the
// sliders whose values differ from the preset's (a slider left alone
// changes nothing, so a preset's own gradual reforms run as shipped).
// Its words are in l.
func ClassYAML(preset Preset, values map[string]float64, l i18n.Lang) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "name: class\ntitle: %q\ndescription: >\n  %s\nextends: %s\n",
		l.T("page.class_title"), l.T("page.class_description", l.Text(preset.Title), ReformYear), preset.Name)
	var sets []string
	var what []string
	for _, s := range Sliders() {
		v, ok := values[s.ID]
		if !ok || v == preset.Values[s.ID] {
			continue
		}
		sets = append(sets, s.sets(v)...)
		what = append(what, fmt.Sprintf("%s %s", l.T("slider."+s.ID+".label"), strconv.FormatFloat(v, 'g', -1, 64)))
	}
	if len(sets) > 0 {
		fmt.Fprintf(&b, "reforms:\n  - year: %d\n    note: %q\n    set:\n", ReformYear, l.T("page.class_note", strings.Join(what, l.T("page.class_sep"))))
		for _, s := range sets {
			path, val, _ := strings.Cut(s, "=")
			fmt.Fprintf(&b, "      %s: %s\n", path, val)
		}
	}
	return []byte(b.String())
}
