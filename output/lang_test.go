package output

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hukousim/hukousim/docs"
	"github.com/hukousim/hukousim/output/i18n"
	"github.com/hukousim/hukousim/scenarios"
)

// Every key the page templates ask for is in the catalogue (a missing
// one would fail only on the branch that asks for it).
func TestTemplateKeys(t *testing.T) {
	files, err := filepath.Glob("report/templates/*.html")
	if err != nil || len(files) == 0 {
		t.Fatalf("templates: %v", err)
	}
	call := regexp.MustCompile(`\{\{-?\s*(T|TH|TN)\s+"([^"]+)"`)
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range call.FindAllStringSubmatch(string(b), -1) {
			keys := []string{m[2]}
			if m[1] == "TN" {
				keys = []string{m[2] + ".one", m[2] + ".other"}
			}
			for _, k := range keys {
				n++
				if !i18n.Has(k) {
					t.Errorf("%s asks for %q, which the catalogue lacks", filepath.Base(f), k)
				}
			}
		}
	}
	if n < 50 {
		t.Errorf("found %d keys in the templates; the pattern no longer reads them", n)
	}
}

// The catalogue translates every text of the shipped scenarios a report
// shows (titles, descriptions, reform notes, city and region names, the
// meaning of every parameter, and hukousim explain's meanings), every
// unit, and defines every metric in Chinese; and it holds no text nothing
// shows any more.
func TestTextsCoverShippedScenarios(t *testing.T) {
	want := map[string]bool{}
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			want[s] = true
		}
	}
	for _, info := range scenarios.List() {
		sc, err := scenarios.Load(info.Name, nil)
		if err != nil {
			t.Fatal(err)
		}
		add(sc.Title)
		add(sc.Description)
		for _, r := range sc.Reforms {
			add(r.Note)
		}
		for _, l := range scenarios.Flatten(&sc.Params) {
			add(l.Doc)
		}
		cs, err := sc.DescribeReforms() // a reform may set a whole block
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			add(c.Doc)
		}
		for _, c := range sc.Params.Cities {
			add(c.Name)
		}
		for _, r := range sc.Params.Regions {
			add(r.Name)
		}
	}
	// hukousim explain's meanings: a field's doc, and its block's doc or
	// ages in brackets.
	params, defs := docs.Tables()
	for _, row := range params {
		if len(row) != 7 {
			continue
		}
		i := strings.LastIndex(row[5], " (")
		if slices.Contains(i18n.Texts(), row[5]) {
			i = -1 // translated whole
		}
		if i < 0 || !strings.HasSuffix(row[5], ")") {
			add(row[5])
			continue
		}
		add(row[5][:i])
		if paren := row[5][i+2 : len(row[5])-1]; !agesRange.MatchString(paren) {
			add(paren)
		}
	}
	have := i18n.Texts()
	for s := range want {
		if !slices.Contains(have, s) {
			t.Errorf("no Chinese for %q (output/i18n/texts.go)", s)
		}
	}
	for _, s := range have {
		if !want[s] {
			t.Errorf("output/i18n/texts.go translates %q, which no shipped scenario has any more", s)
		}
	}
	for _, row := range params {
		if len(row) != 7 {
			continue
		}
		if u := row[3]; u != "-" && u != "—" && !slices.Contains(i18n.Units(), u) {
			t.Errorf("no Chinese for the unit %q (output/i18n/units.go)", u)
		}
	}
	for m := range defs {
		if !slices.Contains(i18n.MetricDefs(), m) {
			t.Errorf("no Chinese definition of metric %s (output/i18n/metrics.go)", m)
		}
	}
	for _, m := range i18n.MetricDefs() {
		if _, ok := defs[m]; !ok {
			t.Errorf("output/i18n/metrics.go defines %s, which docs/ODD.md's Observation table lacks", m)
		}
	}
}

// englishLeft are words of the English pages and terminal that a Chinese
// one must not show.
var englishLeft = []string{"Headline numbers", "What changes", "How to reproduce", "replicate", "Effects in", "Figures<", "scenario file",
	"reference", "before", "after", "where", "everywhere", "from the start", "simulated households", "n/a", "Wrote", "interval"}

func noEnglish(t *testing.T, what, s string) {
	t.Helper()
	// Code, file names, the command lines and the markup stay as they are.
	s = regexp.MustCompile(`(?s)<style>.*?</style>|<code>.*?</code>|<pre>.*?</pre>|<title>.*?</title>|(title|class)="[^"]*"|[\w-]+\.(csv|html|json|yaml)`).ReplaceAllString(s, "")
	for _, w := range englishLeft {
		if strings.Contains(s, w) {
			i := strings.Index(s, w)
			t.Errorf("%s: English %q left: …%s…", what, w, s[max(0, i-80):min(len(s), i+80)])
		}
	}
}

// In Chinese, report.html and compare.html, their figures and the
// terminal's summaries are Chinese throughout: the pages' words, the
// headlines and their definitions, the tables of changes of a shipped
// reform, the units (万, 个百分点).
func TestChineseReportsAndTerminal(t *testing.T) {
	d := testRun(t)
	d.Name = "baseline"
	base, err := scenarios.Load("baseline", nil)
	if err != nil {
		t.Fatal(err)
	}
	open, err := scenarios.Load("open-schools", nil)
	if err != nil {
		t.Fatal(err)
	}
	man := &Manifest{Replicates: d.Reps, Households: 400, Scale: []float64{1000}, Seed: 7, Version: "test", Commit: "abc",
		End: time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC), WallSeconds: 1.5}
	figs := RunFigures(d, d.Years[1], i18n.ZH)
	var b bytes.Buffer
	if err := WriteRunReport(&b, &RunReport{Scenario: open, Manifest: man, Data: d, Command: "hukousim run", Lang: i18n.ZH}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, w := range []string{`<html lang="zh-Hans">`, "主要指标", "留守儿童", "自 2025 年起", "城市公办学校在各学段向流动儿童开放", "万", "2026 年 12 月 5 日",
		`<td class="unit">概率</td><td><code>cities.megacity.school.middle.admission`, `<td class="unit">× 基准年需求</td>`,
		"公办学校对非本地户籍儿童的政策录取率", "超大城市", "初中"} {
		if !strings.Contains(page, w) {
			t.Errorf("report.html in Chinese lacks %q", w)
		}
	}
	noEnglish(t, "report.html", page)
	if n := strings.Count(page, "自 2025 年起"); n != 1 {
		t.Errorf("open-schools' reform of 2025 shows as %d groups, want 1 (one year, one note)", n)
	}

	other := shifted(d, 0.9)
	other.Name, other.Manifest = "open-schools", man
	d.Manifest = man
	runs := []*RunData{d, other}
	effects := Effects(d, other, true)
	year := d.Years[len(d.Years)-1]
	b.Reset()
	err = WriteCompareReport(&b, &CompareReport{Runs: runs, Scenarios: []*scenarios.Scenario{base, open}, Effects: effects, EffectYear: year, Paired: true,
		Command: "hukousim compare", Lang: i18n.ZH, ForkNote: forkNote(i18n.ZH, base.Params.Time, 2025)})
	if err != nil {
		t.Fatal(err)
	}
	page = b.String()
	for _, w := range []string{"情景对比：baseline、open-schools", "参照情景", "配对", "个百分点", "自 2025 年起", "只模拟了一次"} {
		if !strings.Contains(page, w) {
			t.Errorf("compare.html in Chinese lacks %q", w)
		}
	}
	noEnglish(t, "compare.html", page)

	b.Reset()
	WriteHeadline(&b, "open-schools", open.Title, 20000, 1.2e8, d.Summary(), d.Reps, i18n.ZH)
	WriteEffects(&b, runs, effects, year, true, i18n.ZH)
	WriteValidation(&b, "baseline", []ValidationRow{{Name: "lbc_2020", Value: 1, BandLow: 0, BandHi: 2, Model: 1.5, Low: 1, High: 2, Pass: true}}, 2, false, i18n.ZH)
	term := b.String()
	for _, w := range []string{"城市公办学校在各学段向流动儿童开放", "模拟 20,000 户家庭，代表 1.20 亿户真实家庭", "留守儿童", "万", "占农村户籍女孩", "相对于 baseline 的效果", "通过", "1 个目标中有 1 个通过"} {
		if !strings.Contains(term, w) {
			t.Errorf("terminal in Chinese lacks %q:\n%s", w, term)
		}
	}
	noEnglish(t, "terminal", term)

	// The comparison's and validation's figures: every word from the
	// catalogue, drawn with the embedded font.
	zh := append(OverlayFigures([]string{"baseline", "open-schools"}, runs, i18n.ZH), EffectsFigure(EffectRows(effects, year, i18n.ZH), year, i18n.ZH),
		ValidationFigure([]ValidationRow{{Name: "lbc_2020", Value: 1, BandLow: 0, BandHi: 2, Model: 1.5, Low: 1, High: 2}}, i18n.ZH))
	en := append(OverlayFigures([]string{"baseline", "open-schools"}, runs, i18n.EN), EffectsFigure(EffectRows(effects, year, i18n.EN), year, i18n.EN),
		ValidationFigure([]ValidationRow{{Name: "lbc_2020", Value: 1, BandLow: 0, BandHi: 2, Model: 1.5, Low: 1, High: 2}}, i18n.EN))
	localizeNotes(zh)
	for i := range zh {
		f := &zh[i]
		if f.Lang != "zh" || f.Title == en[i].Title || f.Caption == en[i].Caption || f.XLabel == en[i].XLabel {
			t.Errorf("%s: lang %q, title %q, x %q", f.Name, f.Lang, f.Title, f.XLabel)
		}
		for _, c := range f.Categories {
			if !strings.ContainsFunc(c, func(r rune) bool { return r > 0x2e80 }) && f.Name == "effects" {
				t.Errorf("%s: category %q in English", f.Name, c)
			}
		}
		renderPNG(t, f)
	}
	for i := range figs {
		renderPNG(t, &figs[i])
	}
}

// Exam rules read as words in both languages; a value the reader does not
// know stays as written.
func TestExamRuleInWords(t *testing.T) {
	for _, c := range []struct {
		l       i18n.Lang
		in, out string
	}{
		{i18n.EN, "{rule: years, school_years: 3, parent_years: 3}", "3 years of local 学籍 and 3 of a parent's insurance"},
		{i18n.ZH, "{rule: points, school_years: 3, parent_years: 30}", "积分制：学籍满 3 年，达到积分线需 30 年"},
		{i18n.ZH, "{rule: hukou, school_years: 0, parent_years: 0}", "仅限本地户籍"},
		{i18n.ZH, "open", "所有学生"},
		{i18n.ZH, "{zhongkao.rule: hukou, zhongkao.school_years: 3, zhongkao.parent_years: 0, gaokao.rule: years, gaokao.school_years: 3, gaokao.parent_years: 3}",
			"中考：仅限本地户籍；高考：本地学籍满 3 年，父母一方参保满 3 年"},
		{i18n.EN, "{zhongkao: {rule: points, school_years: 3, parent_years: 30}, gaokao: {rule: open, school_years: 0, parent_years: 0}}",
			"zhongkao: points: 3 years of 学籍, 30 years to reach the line; gaokao: every pupil"},
		{i18n.EN, "{zhongkao: {rule: points, school_years: 3, parent_years: 30}}", "{zhongkao: {rule: points, school_years: 3, parent_years: 30}}"},
		{i18n.EN, "{rule: years, school_years: 3}", "{rule: years, school_years: 3}"},
		{i18n.EN, "{rule: lottery, school_years: 3, parent_years: 3}", "{rule: lottery, school_years: 3, parent_years: 3}"},
	} {
		if got := examRule(c.l, c.in); got != c.out {
			t.Errorf("%s %q: %q, want %q", c.l, c.in, got, c.out)
		}
	}
}
