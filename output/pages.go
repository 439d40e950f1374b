package output

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/hukousim/hukousim/docs"
	"github.com/hukousim/hukousim/output/i18n"
	"github.com/hukousim/hukousim/output/plot"
	"github.com/hukousim/hukousim/output/report"
	"github.com/hukousim/hukousim/scenarios"
)

// RunReport is what report.html shows of one run.
type RunReport struct {
	Scenario *scenarios.Scenario
	Manifest *Manifest
	Data     *RunData
	Figures  []report.Figure
	Command  string // the command that reproduces the run
	Lang     i18n.Lang
}

// paramUnit is the unit of the parameter at path (a scenario path, or
// a key of a map such as a region's destinations) from docs/ODD.md's
// Parameters table; "" for none (a block, or a unit of "-").
func paramUnit(path string) string {
	params, _ := docs.Tables()
	p := genericPath(path)
	row, ok := params[p]
	if i := strings.LastIndexByte(p, '.'); !ok && i > 0 {
		row, ok = params[p[:i]]
	}
	if !ok || len(row) != 7 || row[3] == "-" || row[3] == "—" {
		return ""
	}
	return row[3]
}

func describeChange(l i18n.Lang, path, doc, from, to string, overYears int) report.Change {
	segs := strings.Split(path, ".")
	v := report.Change{Where: l.T("change.everywhere"), What: l.Text(doc), From: from, To: to, Path: path, Unit: l.Unit(paramUnit(path))}
	if len(segs) > 2 && (segs[0] == "cities" || segs[0] == "regions") {
		v.Where = l.Text(segs[1])
		if segs[0] == "regions" {
			v.Where = l.T("change.region", v.Where)
		}
		rest := segs[2:]
		switch {
		case rest[0] == "destinations" && len(rest) > 1:
			v.What = l.T("change.going_to", l.Text(rest[1]))
		case len(rest) > 1 && i18n.Has("change.stage."+rest[1]):
			v.What = l.T("change.stage", v.What, l.T("change.stage."+rest[1]))
		}
	}
	if v.What == "" {
		v.What = path
	}
	if strings.HasSuffix(path, ".exams") || strings.HasSuffix(path, ".exams.gaokao") || strings.HasSuffix(path, ".exams.zhongkao") || strings.HasSuffix(path, ".rule") {
		v.From, v.To = examRule(l, v.From), examRule(l, v.To)
	}
	if v.From == "" {
		v.From = "—"
	}
	if overYears > 1 {
		v.To = l.T("change.ramp", v.To, overYears)
	}
	return v
}

// examRule writes an exam rule in words: a rule's name ("years"), a
// rule with its thresholds as a scenario writes it ("{rule: years,
// school_years: 3, parent_years: 3}": 3 years of local 学籍 and 3 of a
// parent's insurance), or a city's exams block, nested or with dotted
// keys (zhongkao: ...; gaokao: ...). A value it does not read whole is
// left as it is.
func examRule(l i18n.Lang, v string) string {
	if i18n.Has("rule.name." + v) {
		return l.T("rule.name." + v)
	}
	var m map[string]any
	if err := yaml.Unmarshal([]byte(v), &m); err != nil || len(m) == 0 {
		return v
	}
	flat := map[string]string{}
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, x := range m {
			if sub, ok := x.(map[string]any); ok {
				walk(prefix+k+".", sub)
			} else {
				flat[prefix+k] = fmt.Sprint(x)
			}
		}
	}
	walk("", m)
	one := func(prefix string) (string, bool) {
		r, school, parent := flat[prefix+"rule"], flat[prefix+"school_years"], flat[prefix+"parent_years"]
		switch {
		case r == "hukou" || r == "open":
			return l.T("rule.name." + r), true
		case (r == "years" || r == "points") && school != "" && parent != "":
			return l.T("rule."+r, school, parent), true
		}
		return "", false
	}
	if len(flat) <= 3 {
		if s, ok := one(""); ok {
			return s
		}
		return v
	}
	var parts []string
	for _, exam := range []string{"zhongkao", "gaokao"} {
		s, ok := one(exam + ".")
		if !ok {
			return v
		}
		parts = append(parts, l.T("rule.exam."+exam, s))
	}
	if len(flat) != 6 {
		return v // keys besides the two exams' three
	}
	return strings.Join(parts, l.T("html.semicolon"))
}

// datedViews describes a scenario's dated inputs in words: where, what,
// and the values by year.
func datedViews(l i18n.Lang, s *scenarios.Scenario) []report.Change {
	docs := map[string]string{}
	for _, l := range scenarios.Flatten(&s.Params) {
		docs[l.Path] = l.Doc
	}
	var out []report.Change
	for _, sr := range s.Series {
		var vals []string
		for _, p := range sr.Points {
			v := plot.Thousands(strconv.FormatFloat(p.Value, 'g', 5, 64))
			switch {
			case math.Abs(p.Value) >= 1e6 && l == i18n.ZH:
				v = strings.Replace(Wan(p.Value), " ", "\u00a0", 1) // a number and its 万 on one line
			case math.Abs(p.Value) >= 1e6:
				v = strconv.FormatFloat(p.Value/1e6, 'g', 4, 64) + " M"
			}
			vals = append(vals, fmt.Sprintf("%d: %s", p.Year, v))
		}
		doc := docs[sr.Path]
		if doc == "" { // a list element: its list's meaning
			doc = docs[strings.TrimRight(sr.Path, "[]0123456789")]
		}
		v := describeChange(l, sr.Path, doc, "", strings.Join(vals, ", "), 1)
		out = append(out, v)
	}
	return out
}

// reformViews groups a scenario's reforms by year and note, in words.
func reformViews(l i18n.Lang, s *scenarios.Scenario) ([]report.Reform, error) {
	cs, err := s.DescribeReforms()
	if err != nil {
		return nil, err
	}
	var out []report.Reform
	for _, c := range cs {
		if c.From == c.To {
			continue // set to the value it already had
		}
		note := l.Text(c.Note)
		if n := len(out); n == 0 || out[n-1].Year != c.Year || out[n-1].Note != note {
			out = append(out, report.Reform{Year: c.Year, Note: note})
		}
		out[len(out)-1].Changes = append(out[len(out)-1].Changes, describeChange(l, c.Path, c.Doc, c.From, c.To, c.OverYears))
	}
	// In the order of the calendar (they come parent first).
	slices.SortStableFunc(out, func(a, b report.Reform) int { return a.Year - b.Year })
	return out, nil
}

// formatInterval writes a headline value and its interval.
func formatInterval(l i18n.Lang, h Headline, iv Interval, ok bool) (value, ci string) {
	if !ok || math.IsNaN(iv.Mean) {
		return l.T("unit.na"), ""
	}
	if math.IsNaN(iv.Low) {
		return h.Unit.FormatIn(l, iv.Mean), ""
	}
	lo, hi := h.Unit.Clamp(iv.Low, iv.High)
	if l == i18n.ZH && h.Unit == Millions {
		return Wan(iv.Mean), wanLike(iv.Mean, lo) + ", " + wanLike(iv.Mean, hi)
	}
	return h.Unit.FormatIn(l, iv.Mean), bound(l, h.Unit.FormatIn(l, lo)) + ", " + bound(l, h.Unit.FormatIn(l, hi))
}

// bound is an interval's bound as written beside its value: in Chinese
// without the unit word the value already carries (+2.9 个百分点 [-0.4,
// +6.2]; counts: wanLike), which would double a cell's width.
func bound(l i18n.Lang, s string) string {
	if l != i18n.ZH {
		return s
	}
	s = strings.TrimSuffix(s, " 万")
	return strings.TrimSuffix(s, " 个百分点")
}

// WriteRunReport writes report.html in r.Lang.
func WriteRunReport(w io.Writer, r *RunReport) error {
	l := r.Lang
	reforms, err := reformViews(l, r.Scenario)
	if err != nil {
		return err
	}
	sum := r.Data.Summary()
	y0, y1 := r.Data.Years[0], r.Data.Years[len(r.Data.Years)-1]
	var heads []report.Headline
	_, defs := docs.Tables()
	for _, h := range Headlines {
		a, okA := sum.Get(h.Name, h.Group, y0)
		b, okB := sum.Get(h.Name, h.Group, y1)
		v := report.Headline{Label: h.LabelIn(l), Metric: h.Name, Group: h.Group}
		if d := defs[h.Name]; len(d) == 3 {
			v.Definition = l.MetricDef(h.Name, d[2])
		}
		v.First, v.FirstCI = formatInterval(l, h, a, okA)
		v.Last, v.LastCI = formatInterval(l, h, b, okB)
		heads = append(heads, v)
	}
	m := r.Manifest
	scale := 0.0
	for _, s := range m.Scale {
		scale += s / float64(len(m.Scale))
	}
	return report.WriteRun(w, l.T, &report.RunPage{
		Title: l.Text(r.Scenario.Title), Name: r.Scenario.Name, Description: l.Text(strings.TrimSpace(r.Scenario.Description)),
		Reforms: reforms, Dated: datedViews(l, r.Scenario), FirstYear: y0, LastYear: y1, Reps: m.Replicates,
		Households: plot.Thousands(fmt.Sprint(m.Households)), Scale: plot.Thousands(fmt.Sprintf("%.0f", scale)),
		Headlines: heads, Figures: r.Figures, Command: r.Command,
		Version: m.Version, Commit: m.Commit, GoVersion: m.GoVersion, SHA256: m.ScenarioSHA256, Seed: m.Seed,
		Date: m.End.Format(l.T("html.date")), Wall: fmt.Sprintf("%.1f", m.WallSeconds),
	})
}

// CompareReport is what compare.html shows.
type CompareReport struct {
	Runs       []*RunData            // the reference first
	Scenarios  []*scenarios.Scenario // parsed from each run's scenario.yaml
	Effects    []Effect              // every effect of every run against the reference
	EffectYear int
	Paired     bool
	Figures    []report.Figure
	Command    string
	ForkNote   string
	Lang       i18n.Lang
}

// differences describes in words how scenario s differs from ref: the base
// parameters that differ (from the first year), then each reform that ref
// does not have.
func differences(l i18n.Lang, ref, s *scenarios.Scenario) ([]report.Change, error) {
	var out []report.Change
	for _, c := range scenarios.Diff(&ref.Params, &s.Params) {
		v := describeChange(l, c.Path, c.Doc, c.From, c.To, 1)
		v.When = l.T("change.from_start")
		out = append(out, v)
	}
	rc, err := ref.DescribeReforms()
	if err != nil {
		return nil, err
	}
	have := map[string]bool{}
	for _, c := range rc {
		have[fmt.Sprint(c.Year, c.OverYears, c.Path, c.To)] = true
	}
	sc, err := s.DescribeReforms()
	if err != nil {
		return nil, err
	}
	for _, c := range sc {
		if !have[fmt.Sprint(c.Year, c.OverYears, c.Path, c.To)] && c.From != c.To {
			v := describeChange(l, c.Path, c.Doc, c.From, c.To, c.OverYears)
			v.When = l.T("change.from_year", c.Year)
			out = append(out, v)
		}
	}
	return out, nil
}

// WriteCompareReport writes compare.html.
func WriteCompareReport(w io.Writer, r *CompareReport) error {
	l := r.Lang
	ref := r.Runs[0]
	var views []report.Scenario
	for i, s := range r.Scenarios {
		v := report.Scenario{Name: s.Name, Title: l.Text(s.Title), Description: l.Text(strings.TrimSpace(s.Description)), Reference: i == 0}
		if i > 0 {
			ch, err := differences(l, r.Scenarios[0], s)
			if err != nil {
				return err
			}
			v.Changes = ch
		}
		views = append(views, v)
	}
	index := map[string]Effect{}
	for _, e := range r.Effects {
		if e.Year == r.EffectYear {
			index[e.Scenario+"\x00"+e.Metric+"\x00"+e.Group] = e
		}
	}
	refSum := ref.Summary()
	var others []string
	for _, d := range r.Runs[1:] {
		others = append(others, d.Name)
	}
	var rows []report.EffectRow
	for _, h := range Headlines {
		iv, ok := refSum.Get(h.Name, h.Group, r.EffectYear)
		v, _ := formatInterval(l, h, iv, ok)
		row := report.EffectRow{Label: h.LabelIn(l), Ref: v}
		for _, d := range r.Runs[1:] {
			e, ok := index[d.Name+"\x00"+h.Name+"\x00"+h.Group]
			cell := report.EffectCell{Diff: l.T("unit.na")}
			if ok && !math.IsNaN(e.Diff) {
				cell.Diff = h.Unit.FormatDiffIn(l, e.Diff)
				if !math.IsNaN(e.DiffLow) {
					cell.CI = bound(l, h.Unit.FormatDiffIn(l, e.DiffLow)) + ", " + bound(l, h.Unit.FormatDiffIn(l, e.DiffHigh))
					if e.DiffLow > 0 || e.DiffHigh < 0 {
						cell.Class = "sig" // the interval excludes zero
					}
				}
			}
			row.Cells = append(row.Cells, cell)
		}
		rows = append(rows, row)
	}
	method := l.T("cmp.method_paired")
	if !r.Paired {
		method = l.T("cmp.method_welch")
	}
	title := l.T("cmp.title", strings.Join(append([]string{ref.Name}, others...), l.T("html.list_sep")))
	m := ref.Manifest
	return report.WriteCompare(w, l.T, &report.ComparePage{
		Title: title, Reference: ref.Name, FirstYear: ref.Years[0], LastYear: ref.Years[len(ref.Years)-1],
		Reps: ref.Reps, Method: method, Paired: r.Paired, Scenarios: views, EffectYear: r.EffectYear,
		Others: others, Rows: rows, Figures: r.Figures, Command: r.Command, Version: m.Version, Seed: m.Seed,
		ForkNote: r.ForkNote,
	})
}
