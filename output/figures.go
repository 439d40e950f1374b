package output

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/hukousim/hukousim/output/i18n"
	"github.com/hukousim/hukousim/output/plot"
	"github.com/hukousim/hukousim/scenarios"
)

// The series of the figures: metric, group, legend label and colour key.
type seriesSpec struct {
	name, group, label, key string
	secondary               bool
}

// countScale turns a count into the unit figures draw it in: millions,
// or in Chinese 万 (ten thousands), as the reports write counts.
func countScale(lang i18n.Lang) float64 {
	if lang == i18n.ZH {
		return 1e-4
	}
	return 1e-6
}

// figWords are the words of figures in lang: the catalogue's fig.* keys.
func figWords(lang i18n.Lang) func(string, ...any) string {
	return func(key string, args ...any) string { return lang.T("fig."+key, args...) }
}

// RunFigures are the figures of one run. Single-year panels show year, or
// the last recorded year when year was not recorded. A figure whose
// metrics the run lacks is left out, as is a series it lacks.
func RunFigures(d *RunData, year int, lang i18n.Lang) []plot.Figure {
	t := figWords(lang)
	if len(d.Years) == 0 {
		return nil
	}
	yi := d.YearIndex(year)
	if yi < 0 {
		yi = len(d.Years) - 1
	}
	year = d.Years[yi]
	span := fmt.Sprintf("%d–%d", d.Years[0], d.Years[len(d.Years)-1])
	if len(d.Years) == 1 {
		span = strconv.Itoa(d.Years[0])
	}

	var figs []plot.Figure
	add := func(f plot.Figure) {
		f.Lang = string(lang)
		if len(f.Series) > 0 {
			figs = append(figs, f)
		}
	}

	// (a) How many, and who is away.
	add(plot.Figure{
		Name: "a-left-behind", Kind: plot.KindLine,
		Title:   t("a.title"),
		XLabel:  t("year"),
		YLabel:  t("a.y"),
		Caption: t("a.caption"),
		Series: overYears(d, countScale(lang), false, []seriesSpec{
			{"lbc", "", t("a.all"), "lbc", false},
			{"lbc_father_away", "", t("a.father"), "absence:father", false},
			{"lbc_mother_away", "", t("a.mother"), "absence:mother", false},
			{"lbc_both_away", "", t("a.both"), "absence:both", false},
			{"lbc_alone", "", t("a.alone"), "absence:alone", false},
		}),
	})
	add(plot.Figure{
		Name: "a2-share-left-behind", Kind: plot.KindLine, Percent: true,
		Title:   t("a2.title"),
		XLabel:  t("year"),
		YLabel:  t("a2.y"),
		Caption: t("a2.caption"),
		Series: overYears(d, 1, true, []seriesSpec{
			{"lbc_share", "", t("a2.rural"), "lbc", false},
			{"lbc_share_all", "", t("a2.all"), "lbc", true},
		}),
	})

	// (b) Girls and boys.
	add(plot.Figure{
		Name: "b-share-by-sex", Kind: plot.KindLine, Percent: true,
		Title:   t("b.title"),
		XLabel:  t("year"),
		YLabel:  t("b.y"),
		Caption: t("b.caption"),
		Series: overYears(d, 1, true, []seriesSpec{
			{"lbc_share_girls", "", t("girls"), "girl", false},
			{"lbc_share_boys", "", t("boys"), "boy", false},
		}),
	})
	var byAge []plot.Series
	for _, s := range []seriesSpec{{"lb_prob_by_age", "sex=girl", t("girls"), "girl", false}, {"lb_prob_by_age", "sex=boy", t("boys"), "boy", false}} {
		var pts []plot.Point
		for age := range 18 {
			if xs, ok := d.Series(s.name, fmt.Sprintf("%s;age=%d", s.group, age)); ok {
				pts = append(pts, point(float64(age), meanAt(xs, yi), 1, true))
			}
		}
		if len(pts) > 0 {
			byAge = append(byAge, plot.Series{Label: s.label, Key: s.key, Points: pts})
		}
	}
	add(plot.Figure{
		Name: "b2-share-by-age", Kind: plot.KindLine, Percent: true,
		Title:   t("b2.title", year),
		XLabel:  t("b2.x"),
		YLabel:  t("b2.y"),
		Caption: t("b2.caption"),
		Series:  byAge,
		Marks:   []plot.Mark{{X: 11.5, Label: t("b2.mark")}},
	})

	// (c) Where the children are, as shares of each sex.
	places := []struct{ group, label string }{
		{"village-both-parents", t("c.village")},
		{"left-behind", t("c.left")},
		{"city-public-school", t("c.public")},
		{"city-private-school", t("c.private")},
		{"city-out-of-school", t("c.out")},
		{"urban-hukou", t("c.urban")},
	}
	var placeCats []string
	for _, p := range places {
		placeCats = append(placeCats, p.label)
	}
	var where []plot.Series
	for _, sx := range []struct{ sex, label, key string }{{"girl", t("girls"), "girl"}, {"boy", t("boys"), "boy"}} {
		counts := make([][][]float64, len(places))
		complete := true
		for i, p := range places {
			xs, ok := d.Series("children_by_place", "sex="+sx.sex+";place="+p.group)
			if !ok {
				complete = false
				break
			}
			counts[i] = xs
		}
		if !complete {
			continue // shares of a sex need every place
		}
		s := plot.Series{Label: sx.label, Key: sx.key}
		for i := range places {
			shares := make([]float64, d.Reps)
			for r := range shares {
				total := 0.0
				for j := range places {
					total += counts[j][r][yi]
				}
				shares[r] = ratioOrNaN(counts[i][r][yi], total)
			}
			s.Points = append(s.Points, point(float64(i), MeanCI(shares), 1, true))
		}
		where = append(where, s)
	}
	add(plot.Figure{
		Name: "c-where-children-live", Kind: plot.KindBar, Percent: true, Categories: placeCats,
		Title:   t("c.title", year),
		XLabel:  "",
		YLabel:  t("c.y"),
		Caption: t("c.caption", year),
		Series:  where,
	})

	// (d) Mental health, by who is away; pooled over the recorded years
	// because one year's prevalence among, say, children with both parents
	// away rests on few children.
	mh := []struct {
		name, label, key string
		cat              int
	}{
		{"depression_nonlbc", t("d.home"), "absence:none", 0},
		{"depression_lbc_one", t("d.one"), "absence:one", 0},
		{"depression_lbc_both", t("d.both"), "absence:both", 0},
		{"ideation_nonlbc", t("d.home"), "absence:none", 1},
		{"ideation_lbc", t("d.lbc"), "lbc", 1},
	}
	var mhSeries []plot.Series
	for _, m := range mh {
		xs, ok := d.Series(m.name, "")
		if !ok {
			continue
		}
		p := point(float64(m.cat), pooled(xs), 1, true)
		// Both parents at home is one series across the two panels.
		if i := seriesIndex(mhSeries, m.key); i >= 0 {
			mhSeries[i].Points = append(mhSeries[i].Points, p)
			continue
		}
		mhSeries = append(mhSeries, plot.Series{Label: m.label, Key: m.key, Points: []plot.Point{p}})
	}
	add(plot.Figure{
		Name: "d-mental-health", Kind: plot.KindBar, Percent: true,
		Categories: []string{t("d.depression"), t("d.ideation")},
		Title:      t("d.title", span),
		YLabel:     t("d.y"),
		Caption:    t("d.caption", span),
		Series:     mhSeries,
	})

	// (e) Human capital.
	add(plot.Figure{
		Name: "e-human-capital", Kind: plot.KindLine, FreeY: true,
		Title:   t("e.title"),
		XLabel:  t("year"),
		YLabel:  t("e.y"),
		Caption: t("e.caption"),
		Series: overYears(d, 1, false, []seriesSpec{
			{"h_mean", "sex=girl;left_behind=no", t("e.girls_with"), "girl", false},
			{"h_mean", "sex=girl;left_behind=yes", t("e.girls_left"), "girl", true},
			{"h_mean", "sex=boy;left_behind=no", t("e.boys_with"), "boy", false},
			{"h_mean", "sex=boy;left_behind=yes", t("e.boys_left"), "boy", true},
		}),
	})

	// (f) Outcomes at 18, pooled over the recorded years: one year's cohort
	// is small.
	var cohort []plot.Series
	for _, s := range []seriesSpec{
		{"", "sex=girl;ever_left_behind=no", t("f.girls_never"), "girl", false},
		{"", "sex=girl;ever_left_behind=yes", t("f.girls_ever"), "girl", true},
		{"", "sex=boy;ever_left_behind=no", t("f.boys_never"), "boy", false},
		{"", "sex=boy;ever_left_behind=yes", t("f.boys_ever"), "boy", true},
	} {
		out := plot.Series{Label: s.label, Key: s.key, Secondary: s.secondary}
		for i, name := range []string{"highschool_rate", "college_rate"} {
			if xs, ok := d.Series(name, s.group); ok {
				out.Points = append(out.Points, point(float64(i), pooled(xs), 1, true))
			}
		}
		if len(out.Points) > 0 {
			cohort = append(cohort, out)
		}
	}
	add(plot.Figure{
		Name: "f-cohort-outcomes", Kind: plot.KindBar, Percent: true,
		Categories: []string{t("f.high"), t("f.college")},
		Title:      t("f.title", span),
		YLabel:     t("f.y"),
		Caption:    t("f.caption", span),
		Series:     cohort,
	})

	// (g) Remittances.
	var remit []plot.Series
	var remitCats []string
	for _, s := range []seriesSpec{
		{"remittance_mean_yuan_year", "left=none", t("g.none"), "left:none", false},
		{"remittance_mean_yuan_year", "left=daughters", t("g.daughters"), "girl", false},
		{"remittance_mean_yuan_year", "left=sons", t("g.sons"), "boy", false},
		{"remittance_mean_yuan_year", "left=mixed", t("g.mixed"), "left:mixed", false},
	} {
		xs, ok := d.Series(s.name, s.group)
		if !ok {
			continue
		}
		p := point(float64(len(remitCats)), pooled(xs), 1, false)
		remit = append(remit, plot.Series{Label: s.label, Key: s.key, Points: []plot.Point{p}})
		remitCats = append(remitCats, plot.Wrap(s.label, 16))
	}
	add(plot.Figure{
		Name: "g-remittances", Kind: plot.KindBar, Categories: remitCats,
		Title:   t("g.title", span),
		YLabel:  t("g.y"),
		Caption: t("g.caption", span),
		Series:  remit,
	})
	return markReforms(figs, d.ReformYears, lang)
}

// overYears is one line per spec over the recorded years, values × scale;
// share intervals are bounded to [0, 1] and counts' to ≥ 0 (clamp).
func overYears(d *RunData, scale float64, share bool, specs []seriesSpec) []plot.Series {
	var out []plot.Series
	for _, s := range specs {
		xs, ok := d.Series(s.name, s.group)
		if !ok {
			continue
		}
		ser := plot.Series{Label: s.label, Key: s.key, Secondary: s.secondary}
		for yi, y := range d.Years {
			p := point(float64(y), meanAt(xs, yi), scale, share)
			if scale != 1 { // a count
				p.Low = math.Max(p.Low, 0)
			}
			ser.Points = append(ser.Points, p)
		}
		out = append(out, ser)
	}
	return out
}

// meanAt is the mean and interval across replicates of year index yi.
func meanAt(xs [][]float64, yi int) Interval {
	v := make([]float64, len(xs))
	for r := range xs {
		v[r] = xs[r][yi]
	}
	return MeanCI(v)
}

// pooled averages each replicate over the recorded years (its missing
// years left out), then takes the mean and interval across replicates:
// replicates are the independent units, years within one are not.
func pooled(xs [][]float64) Interval {
	v := make([]float64, len(xs))
	for r, ys := range xs {
		v[r] = MeanCI(ys).Mean
	}
	return MeanCI(v)
}

// point is iv at x, scaled, with a share's interval bounded to [0, 1]:
// a t-interval from few replicates can reach past what a share can be.
func point(x float64, iv Interval, scale float64, share bool) plot.Point {
	p := plot.Point{X: x, Mean: iv.Mean * scale, Low: iv.Low * scale, High: iv.High * scale}
	if share {
		p.Low, p.High = Percent.Clamp(p.Low, p.High)
	}
	return p
}

func ratioOrNaN(a, b float64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return a / b
}

func seriesIndex(ss []plot.Series, key string) int {
	for i, s := range ss {
		if s.Key == key {
			return i
		}
	}
	return -1
}

// overlayMetric is a series a comparison draws over time, one figure
// each: metric (minus another, replicate by replicate, for a gap) × scale.
type overlayMetric struct {
	name, title, ylabel, caption string
	metric, group, minus         string
	scale                        float64
	share, diff                  bool
}

// overlayMetrics are the overlay figures, in the words of t: how many
// children are left behind, the girls' gap, and the harm the reforms aim
// at.
func overlayMetrics(lang i18n.Lang) []overlayMetric {
	t := figWords(lang)
	ref := t("o.caption")
	return []overlayMetric{
		{"o-left-behind", t("o.lbc.title"), t("a.y"), ref, "lbc", "", "", countScale(lang), false, false},
		{"o-share-left-behind", t("o.share.title"), t("o.share.y"), ref, "lbc_share", "", "", 1, true, false},
		{"o-girls-minus-boys", t("o.gap.title"), t("o.gap.y"), t("o.gap.caption"), "lbc_share_girls", "", "lbc_share_boys", 100, false, true},
		{"o-depression-left-behind", t("o.dep.title"), t("o.dep.y"), ref, "depression_lbc", "", "", 1, true, false},
		{"o-college-girls-left-behind", t("o.college.title"), t("o.college.y"), t("o.college.caption"),
			"college_rate", "sex=girl;ever_left_behind=yes", "", 1, true, false},
	}
}

// OverlayFigures compare runs over time, in lang: a few key series, one
// colour per scenario, names[0] the reference (drawn black in every
// figure).
func OverlayFigures(names []string, runs []*RunData, lang i18n.Lang) []plot.Figure {
	t := figWords(lang)
	var figs []plot.Figure
	for _, m := range overlayMetrics(lang) {
		f := plot.Figure{
			Name: m.name, Kind: plot.KindLine, Percent: m.share, Lang: string(lang),
			Title: m.title, XLabel: t("year"), YLabel: m.ylabel, Caption: m.caption,
		}
		for i, d := range runs {
			xs, ok := d.Series(m.metric, m.group)
			if !ok {
				continue
			}
			if m.diff {
				ys, ok := d.Series(m.minus, m.group)
				if !ok {
					continue
				}
				xs = minus(xs, ys)
			}
			label := names[i]
			if i == 0 {
				label += t("o.reference")
			}
			// Past the eighth scenario colours repeat; dashes tell the
			// second round apart. The reference is dashed too: drawn on
			// top, its gaps show a scenario that matches it.
			s := plot.Series{Label: label, Key: plot.ScenarioKey(i), Secondary: i == 0 || i >= plot.ScenarioColors}
			for yi, y := range d.Years {
				p := point(float64(y), meanAt(xs, yi), m.scale, m.share)
				if m.scale != 1 && !m.diff {
					p.Low = math.Max(p.Low, 0)
				}
				s.Points = append(s.Points, p)
			}
			f.Series = append(f.Series, s)
		}
		if len(f.Series) > 0 {
			figs = append(figs, f)
		}
	}
	var years []int // the reforms of every run that marks them
	for _, d := range runs {
		years = append(years, d.ReformYears...)
	}
	slices.Sort(years)
	return markReforms(figs, slices.Compact(years), lang)
}

// markReforms draws a dotted grey line at each of years on the figures over
// years (those in lang whose x axis is the year), labelled with the year,
// and says so in the caption.
func markReforms(figs []plot.Figure, years []int, lang i18n.Lang) []plot.Figure {
	if len(years) == 0 {
		return figs
	}
	for i := range figs {
		f := &figs[i]
		if f.Kind != plot.KindLine || f.XLabel != lang.T("fig.year") {
			continue
		}
		for _, y := range years {
			f.Marks = append(f.Marks, plot.Mark{X: float64(y), Label: strconv.Itoa(y)})
		}
		f.Caption += lang.T("fig.marks")
	}
	return figs
}

// ReformYears are the years to mark on sc's figures over years: with
// observation.mark_reforms, each year in which a reform takes effect after
// the first recorded year and up to the last (a change in the first year
// is where the axis starts).
func ReformYears(sc *scenarios.Scenario) []int {
	if !sc.Params.Observation.MarkReforms {
		return nil
	}
	t := sc.Params.Time
	var years []int
	for _, r := range sc.Reforms {
		if r.Year > t.StartYear && r.Year < t.StartYear+t.Years {
			years = append(years, r.Year)
		}
	}
	slices.Sort(years)
	return slices.Compact(years)
}

// minus is xs − ys, replicate by replicate and year by year.
func minus(xs, ys [][]float64) [][]float64 {
	out := make([][]float64, len(xs))
	for r := range xs {
		out[r] = make([]float64, len(xs[r]))
		for y := range xs[r] {
			out[r][y] = xs[r][y] - ys[r][y]
		}
	}
	return out
}

// EffectRow is one scenario's difference from the reference in one
// headline: Diff = scenario − reference, in the headline's unit (a count,
// or a share as a fraction), with its 95% interval.
type EffectRow struct {
	Label, Scenario string
	Diff, Low, High float64
	Unit            Unit
}

// EffectsFigure is a dot-and-whisker chart of each scenario's difference
// from the reference, one row per headline (in the order of first
// appearance), one colour per scenario: the first scenario met is
// "scenario:1", as in OverlayFigures when rows come in the order of
// names[1:]. Differences of shares are drawn in percentage points; counts,
// in millions, would need an axis of their own, so when rows mix the two
// the counts are left to the table and the caption says so. year, the
// year of the differences, goes in the title; the words are in lang.
func EffectsFigure(rows []EffectRow, year int, lang i18n.Lang) plot.Figure {
	counts, shares := 0, 0
	for _, r := range rows {
		if r.Unit == Millions {
			counts++
		} else {
			shares++
		}
	}
	onlyCounts := shares == 0 && counts > 0
	f := plot.Figure{
		Name: "effects", Kind: plot.KindDot, Lang: string(lang),
		Title:   lang.T("fig.eff.title", year),
		Caption: lang.T("fig.eff.caption"),
	}
	scale := 100.0
	f.XLabel = lang.T("fig.eff.x_pp")
	if onlyCounts {
		scale = countScale(lang)
		f.XLabel = lang.T("fig.eff.x_millions")
	} else if counts > 0 {
		f.Caption += lang.T("fig.eff.counts")
	}
	catIndex := map[string]int{}
	serIndex := map[string]int{}
	for _, r := range rows {
		if (r.Unit == Millions) != onlyCounts {
			continue
		}
		c, ok := catIndex[r.Label]
		if !ok {
			c = len(f.Categories)
			catIndex[r.Label] = c
			f.Categories = append(f.Categories, r.Label)
		}
		s, ok := serIndex[r.Scenario]
		if !ok {
			s = len(f.Series)
			serIndex[r.Scenario] = s
			f.Series = append(f.Series, plot.Series{Label: r.Scenario, Key: plot.ScenarioKey(s + 1)})
		}
		f.Series[s].Points = append(f.Series[s].Points, plot.Point{X: float64(c), Mean: r.Diff * scale, Low: r.Low * scale, High: r.High * scale})
	}
	return f
}
