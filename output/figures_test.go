package output

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"gonum.org/v1/plot/vg"

	"github.com/hukousim/hukousim/output/i18n"
	"github.com/hukousim/hukousim/output/plot"
	"github.com/hukousim/hukousim/scenarios"
	"github.com/hukousim/hukousim/sim/experiment"
)

var updateFigures = flag.Bool("update-figures", false, "rewrite the figure data goldens in testdata/figures")

// figureRun is a small baseline run made in-process, once for all the
// tests: 400 households, 4 burn-in and 3 recorded years, 2 replicates (the
// fewest with an interval), seed 7. Small enough to take about a second,
// big enough that every metric the figures read has a value.
var figureRun = sync.OnceValues(func() (*RunData, error) {
	sc, err := scenarios.Load("baseline", []string{"population.households=400", "time.years=3", "time.burn_in=4"})
	if err != nil {
		return nil, err
	}
	epochs, err := sc.Epochs()
	if err != nil {
		return nil, err
	}
	res, err := experiment.Run(context.Background(), experiment.Spec{Base: &sc.Params, Epochs: epochs, Seed: 7, Reps: 2, Workers: 2})
	if err != nil {
		return nil, err
	}
	return FromResult(res), nil
})

func testRun(t *testing.T) *RunData {
	t.Helper()
	d, err := figureRun()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// shifted is a copy of d with every value times f: a second scenario for
// the comparison figures.
func shifted(d *RunData, f float64) *RunData {
	e := NewRunData(d.Years, d.Reps)
	for _, k := range d.Keys {
		xs, _ := d.Series(k.Name, k.Group)
		for r := range xs {
			for y, v := range xs[r] {
				e.Set(k, r, y, v*f)
			}
		}
	}
	return e
}

// testEffects are effect rows as a comparison would make them: two
// scenarios, share headlines and one count (which the figure leaves to
// the table).
func testEffects() []EffectRow {
	nan := math.NaN()
	return []EffectRow{
		{"left-behind children", "open-schools", -2.1e6, -2.6e6, -1.6e6, Millions},
		{"share of children left behind", "open-schools", -0.031, -0.038, -0.024, Percent},
		{"share of girls left behind", "open-schools", -0.042, -0.05, -0.034, Percent},
		{"girls' extra jump in being left behind at 12 (girls' jump minus boys')", "open-schools", -0.012, -0.03, 0.006, PercentPoints},
		{"remittances when only daughters are left behind, against only sons", "open-schools", 0.01, nan, nan, SignedPercent},
		{"left-behind children", "girls-cct", 0.4e6, 0.1e6, 0.7e6, Millions},
		{"share of children left behind", "girls-cct", 0.004, -0.002, 0.01, Percent},
		{"share of girls left behind", "girls-cct", -0.011, -0.018, -0.004, Percent},
		{"girls' extra jump in being left behind at 12 (girls' jump minus boys')", "girls-cct", -0.02, -0.035, -0.005, PercentPoints},
		{"remittances when only daughters are left behind, against only sons", "girls-cct", 0.002, nan, nan, SignedPercent},
	}
}

var overlayNames = []string{"baseline", "open-schools", "girls-cct"}

// allFigures are the run, comparison and effects figures of the test run.
func allFigures(t *testing.T) []plot.Figure {
	d := testRun(t)
	figs := RunFigures(d, d.Years[1], i18n.EN)
	figs = append(figs, OverlayFigures(overlayNames, []*RunData{d, shifted(d, 0.9), shifted(d, 1.05)}, i18n.EN)...)
	return append(figs, EffectsFigure(testEffects(), 2039, i18n.EN))
}

// The run figures are the ones docs/ODD.md II.x (Observation) lists, each with the
// words a reader needs.
func TestRunFiguresComplete(t *testing.T) {
	d := testRun(t)
	var names []string
	for _, f := range RunFigures(d, d.Years[1], i18n.EN) {
		names = append(names, f.Name)
		if f.Title == "" || f.YLabel == "" || f.Caption == "" || strings.Contains(f.Caption, "\n") {
			t.Errorf("%s: title %q, y label %q, caption %q: want all three, the caption on one line", f.Name, f.Title, f.YLabel, f.Caption)
		}
		if f.Kind == plot.KindLine && f.XLabel == "" {
			t.Errorf("%s: a line figure needs an x label", f.Name)
		}
		for _, s := range f.Series {
			if len(s.Points) == 0 {
				t.Errorf("%s: series %q is empty", f.Name, s.Label)
			}
		}
	}
	want := []string{"a-left-behind", "a2-share-left-behind", "b-share-by-sex", "b2-share-by-age", "c-where-children-live",
		"d-mental-health", "e-human-capital", "f-cohort-outcomes", "g-remittances"}
	if !slices.Equal(names, want) {
		t.Errorf("run figures %v, want %v", names, want)
	}
}

// A single-year figure of a year the run did not record shows the last.
func TestRunFiguresYearFallback(t *testing.T) {
	d := testRun(t)
	last := d.Years[len(d.Years)-1]
	for _, f := range RunFigures(d, 1900, i18n.EN) {
		if f.Name == "b2-share-by-age" && !strings.HasSuffix(f.Title, fmt.Sprint(last)) {
			t.Errorf("title %q, want the last recorded year %d", f.Title, last)
		}
	}
}

// A run without a figure's metrics leaves the figure out rather than
// drawing an empty panel.
func TestRunFiguresMissingMetrics(t *testing.T) {
	d := NewRunData([]int{2020, 2021}, 1)
	d.Set(Key{"lbc_share", ""}, 0, 0, 0.3)
	d.Set(Key{"lbc_share", ""}, 0, 1, 0.31)
	figs := RunFigures(d, 2020, i18n.EN)
	if len(figs) != 1 || figs[0].Name != "a2-share-left-behind" {
		t.Fatalf("got %d figures, want only a2-share-left-behind", len(figs))
	}
	p := figs[0].Series[0].Points[1]
	if p.X != 2021 || p.Mean != 0.31 || !math.IsNaN(p.Low) || !math.IsNaN(p.High) {
		t.Errorf("one replicate: got %+v, want mean 0.31 in 2021 and no interval", p)
	}
}

// The data behind every figure is a contract: a change shows up here as a
// diff of readable JSON. Rewrite with -update-figures.
func TestFigureGoldens(t *testing.T) {
	dir := filepath.Join("testdata", "figures")
	figs := allFigures(t)
	if *updateFigures {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]bool{}
	for _, f := range figs {
		name := f.Name + ".json"
		want[name] = true
		got := figureJSON(t, f)
		path := filepath.Join(dir, name)
		if *updateFigures {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		golden, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%v (run go test ./output -run TestFigureGoldens -update-figures)", err)
			continue
		}
		if !bytes.Equal(got, golden) {
			t.Errorf("%s differs from %s; if the change is meant, rerun with -update-figures and say why in the commit\n%s", f.Name, path, firstDiff(golden, got))
		}
	}
	// A golden no figure writes any more is stale.
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !want[e.Name()] {
			t.Errorf("%s: no figure of that name", filepath.Join(dir, e.Name()))
		}
	}
}

// figureJSON is f as indented JSON, floats rounded to 1e-9 (so that the
// last bits of a mean do not make a diff) and NaN as null.
func figureJSON(t *testing.T, f plot.Figure) []byte {
	t.Helper()
	num := func(x float64) any {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
		r := math.Round(x*1e9) / 1e9
		if r == 0 {
			r = 0 // no "-0"
		}
		return r
	}
	type point struct{ X, Mean, Low, High any }
	type series struct {
		Label, Key string
		Secondary  bool `json:",omitempty"`
		Points     []point
	}
	out := struct {
		Name, Kind, Title, XLabel, YLabel, Caption string
		Percent, FreeY                             bool        `json:",omitempty"`
		Categories                                 []string    `json:",omitempty"`
		Marks                                      []plot.Mark `json:",omitempty"`
		Series                                     []series
	}{Name: f.Name, Kind: f.Kind, Title: f.Title, XLabel: f.XLabel, YLabel: f.YLabel, Caption: f.Caption,
		Percent: f.Percent, FreeY: f.FreeY, Categories: f.Categories, Marks: f.Marks}
	for _, s := range f.Series {
		ss := series{Label: s.Label, Key: s.Key, Secondary: s.Secondary}
		for _, p := range s.Points {
			ss.Points = append(ss.Points, point{num(p.X), num(p.Mean), num(p.Low), num(p.High)})
		}
		out.Series = append(out.Series, ss)
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

func firstDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  want %s\n  got  %s", i+1, w, g)
		}
	}
	return ""
}

// rendered is every test figure rendered once as PNG, shared by the tests
// that look at pixels.
var rendered = sync.OnceValues(func() (map[string][]byte, error) {
	d, err := figureRun()
	if err != nil {
		return nil, err
	}
	figs := RunFigures(d, d.Years[1], i18n.EN)
	figs = append(figs, OverlayFigures(overlayNames, []*RunData{d, shifted(d, 0.9), shifted(d, 1.05)}, i18n.EN)...)
	figs = append(figs, EffectsFigure(testEffects(), 2039, i18n.EN))
	out := map[string][]byte{}
	for i := range figs {
		b, err := plot.Render(&figs[i], "png")
		if err != nil {
			return nil, err
		}
		out[figs[i].Name] = b
	}
	return out, nil
})

// Every PNG decodes at the figure's size and shows a drawing: many
// colours (lines, bands, text anti-aliasing) and a fair share of ink.
// Pixels themselves are not compared: fonts rasterise differently across
// platforms.
func TestRenderPNG(t *testing.T) {
	pngs, err := rendered()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range allFigures(t) {
		img, err := png.Decode(bytes.NewReader(pngs[f.Name]))
		if err != nil {
			t.Errorf("%s: %v", f.Name, err)
			continue
		}
		w, h := plot.FigureSize(&f)
		wantW, wantH := int(math.Round(float64(w/vg.Inch)*plot.FigureDPI)), int(math.Round(float64(h/vg.Inch)*plot.FigureDPI))
		if b := img.Bounds(); b.Dx() != wantW || b.Dy() != wantH {
			t.Errorf("%s: %d×%d pixels, want %d×%d", f.Name, b.Dx(), b.Dy(), wantW, wantH)
		}
		if f.Kind != plot.KindDot && (wantW != 800 || wantH != 500) {
			t.Errorf("%s: %d×%d, want 800×500", f.Name, wantW, wantH)
		}
		// Not blank: the data adds ink (at least 0.5% of the pixels, about
		// 2,000; one line across the plot is more) to the frame, title and labels
		// drawn without it (which cover 2–4% of the pixels, in some 220
		// anti-aliased greys).
		colours, ink := pixelStats(img)
		frame := f
		frame.Series = nil
		_, frameInk := pixelStats(renderPNG(t, &frame))
		if colours < 100 || ink-frameInk < 0.005 {
			t.Errorf("%s: %d colours, %.1f%% non-white against %.1f%% for the bare frame: looks blank", f.Name, colours, 100*ink, 100*frameInk)
		}
	}
}

func pixelStats(img image.Image) (colours int, ink float64) {
	seen := map[color.RGBA]bool{}
	b := img.Bounds()
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			seen[c] = true
			if c != (color.RGBA{255, 255, 255, 255}) {
				n++
			}
		}
	}
	return len(seen), float64(n) / float64(b.Dx()*b.Dy())
}

// hasColour reports whether img has a pixel of exactly c.
func hasColour(img image.Image, c color.Color) bool {
	want := color.RGBAModel.Convert(c).(color.RGBA)
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			if color.RGBAModel.Convert(img.At(x, y)) == want {
				return true
			}
		}
	}
	return false
}

// Every SVG is well-formed XML with an <svg> root.
func TestRenderSVG(t *testing.T) {
	for _, f := range allFigures(t) {
		b, err := plot.Render(&f, "svg")
		if err != nil {
			t.Errorf("%s: %v", f.Name, err)
			continue
		}
		if !bytes.Contains(b, []byte("<svg")) {
			t.Errorf("%s: no <svg", f.Name)
		}
		dec := xml.NewDecoder(bytes.NewReader(b))
		for {
			_, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Errorf("%s: %v", f.Name, err)
				break
			}
		}
	}
}

// Colours keep one meaning in the figures of a run and a comparison:
// girls and boys, and the reference scenario, look the same in every
// figure, and no two keys of one figure share a colour (the palette
// itself: plot.TestPaletteKeys).
func TestPalette(t *testing.T) {
	pngs, err := rendered()
	if err != nil {
		t.Fatal(err)
	}
	overlays := 0
	for _, f := range allFigures(t) {
		keyOf := map[color.RGBA]string{}
		drawn := map[string]bool{}
		for _, s := range f.Series {
			c, ok := plot.ColorOf(s.Key)
			if !ok {
				t.Errorf("%s: series %q has unknown key %q", f.Name, s.Label, s.Key)
			}
			if k, dup := keyOf[c]; dup && k != s.Key {
				t.Errorf("%s: keys %q and %q share a colour", f.Name, k, s.Key)
			}
			keyOf[c] = s.Key
			if !s.Secondary {
				drawn[s.Key] = true
			}
			// A series about girls (daughters) alone is drawn as girls,
			// about boys (sons) alone as boys.
			if strings.HasPrefix(f.Name, "o-") && strings.HasPrefix(s.Label, overlayNames[0]) {
				overlays++
				if s.Key != "scenario:0" {
					t.Errorf("%s: reference %q has key %q, want scenario:0", f.Name, s.Label, s.Key)
				}
			}
			if strings.HasPrefix(s.Key, "scenario:") {
				continue // scenario names may say anything
			}
			l := strings.ToLower(s.Label)
			girls := strings.Contains(l, "girl") || strings.Contains(l, "daughter")
			boys := strings.Contains(l, "boy") || strings.Contains(l, " son")
			if girls && !boys && s.Key != "girl" || boys && !girls && s.Key != "boy" {
				t.Errorf("%s: series %q has key %q", f.Name, s.Label, s.Key)
			}
		}
		// And the colour is really in the picture.
		img, err := png.Decode(bytes.NewReader(pngs[f.Name]))
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"girl", "boy"} {
			if drawn[k] && !hasColour(img, plot.ColorFor(k)) {
				t.Errorf("%s: no pixel of the %s colour", f.Name, k)
			}
		}
	}
	if overlays != len(overlayMetrics(i18n.EN)) {
		t.Errorf("reference drawn in %d overlay figures, want %d", overlays, len(overlayMetrics(i18n.EN)))
	}
}

// Effects: differences of shares in percentage points, counts left to the
// table when both come; counts alone in millions; scenarios coloured as in
// the overlays (the first after the reference is scenario:1).
func TestEffectsFigure(t *testing.T) {
	f := EffectsFigure(testEffects(), 2039, i18n.EN)
	if len(f.Categories) != 4 || len(f.Series) != 2 {
		t.Fatalf("%d rows and %d scenarios, want 4 and 2", len(f.Categories), len(f.Series))
	}
	if f.Series[0].Key != "scenario:1" || f.Series[1].Key != "scenario:2" {
		t.Errorf("keys %q, %q, want scenario:1, scenario:2", f.Series[0].Key, f.Series[1].Key)
	}
	if p := f.Series[0].Points[0]; math.Abs(p.Mean+3.1) > 1e-9 || math.Abs(p.Low+3.8) > 1e-9 {
		t.Errorf("share row: %+v, want −3.1 pp [−3.8, …]", p)
	}
	if !strings.Contains(f.Caption, "table") {
		t.Errorf("caption %q does not say where the counts went", f.Caption)
	}
	counts := EffectsFigure([]EffectRow{testEffects()[0]}, 2039, i18n.EN)
	if p := counts.Series[0].Points[0]; math.Abs(p.Mean+2.1) > 1e-9 || !strings.Contains(counts.XLabel, "millions") {
		t.Errorf("counts only: %+v, x label %q, want −2.1 in millions", p, counts.XLabel)
	}
}

// A figure of one year or period (not drawn over the years) names it in
// its title, so that a figure copied out of a report still says when
// (issue 12, defect 10: the effects figure did not).
func TestSingleYearTitlesNameTheYear(t *testing.T) {
	year := regexp.MustCompile(`\b(19|20)\d\d\b`)
	for _, f := range allFigures(t) {
		if f.Kind == plot.KindLine && f.XLabel == "year" {
			continue
		}
		if !year.MatchString(f.Title) {
			t.Errorf("%s: title %q names no year", f.Name, f.Title)
		}
	}
}

// renderPNG draws f as a PNG and decodes it.
func renderPNG(t *testing.T, f *plot.Figure) image.Image {
	t.Helper()
	b, err := plot.Render(f, "png")
	if err == nil {
		var img image.Image
		if img, err = png.Decode(bytes.NewReader(b)); err == nil {
			return img
		}
	}
	t.Fatal(err)
	return nil
}

// With observation.mark_reforms the figures over years mark each reform
// year inside the recorded years (not the first), labelled, and say so in
// the caption; other figures, and runs without it, have no such marks.
func TestReformMarks(t *testing.T) {
	hist, err := scenarios.Load("history", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := ReformYears(hist); !slices.Equal(got, []int{2013, 2014, 2016, 2019, 2020}) {
		t.Errorf("history marks %v, want 2013, 2014, 2016, 2019, 2020", got)
	}
	open, err := scenarios.Load("open-schools", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := ReformYears(open); got != nil {
		t.Errorf("open-schools without mark_reforms marks %v", got)
	}
	d := testRun(t)
	d.ReformYears = []int{d.Years[1]}
	marked := 0
	for _, f := range RunFigures(d, d.Years[1], i18n.EN) {
		overYears := f.Kind == plot.KindLine && f.XLabel == "year"
		has := slices.ContainsFunc(f.Marks, func(m plot.Mark) bool { return m.X == float64(d.Years[1]) })
		switch {
		case overYears && (!has || !strings.Contains(f.Caption, "Dotted grey lines mark the years of the scenario's reforms.")):
			t.Errorf("%s: marks %v, caption %q", f.Name, f.Marks, f.Caption)
		case !overYears && has:
			t.Errorf("%s: a reform mark on a figure not over years", f.Name)
		}
		if has {
			marked++
		}
	}
	if marked == 0 {
		t.Error("no figure marked")
	}
}

// The report lists the scenario's dated inputs with their values by year
// (a new user found the history's inputs nowhere in its report), and its
// reforms in the order of the calendar.
func TestReportListsDatedInputs(t *testing.T) {
	hist, err := scenarios.Load("history", nil)
	if err != nil {
		t.Fatal(err)
	}
	dated := datedViews(i18n.EN, hist)
	var wage string
	for _, c := range dated {
		if c.Path == "prices.wage_index" {
			wage = c.To
		}
	}
	if !strings.HasPrefix(wage, "2010: 0.415, 2011: 0.5032") || !strings.HasSuffix(wage, "2020: 1, 2021: 1.0884, 2022: 1.1334, 2023: 1.1739, 2024: 1.2183") {
		t.Errorf("wage_index by year: %q", wage)
	}
	reforms, err := reformViews(i18n.EN, hist)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(reforms); i++ {
		if reforms[i].Year < reforms[i-1].Year {
			t.Errorf("reforms out of calendar order: %d after %d", reforms[i].Year, reforms[i-1].Year)
		}
	}
}

// TestRunFiguresChinese: in Chinese every figure of a run has its words
// from the catalogue (no English title left) and renders with the
// embedded font.
func TestRunFiguresChinese(t *testing.T) {
	d := testRun(t)
	en, zh := RunFigures(d, d.Years[1], i18n.EN), RunFigures(d, d.Years[1], i18n.ZH)
	if len(en) != len(zh) {
		t.Fatalf("%d figures in English, %d in Chinese", len(en), len(zh))
	}
	for i, f := range zh {
		if f.Lang != "zh" || f.Title == en[i].Title || f.Caption == en[i].Caption || !strings.ContainsAny(f.Title, "儿童女孩男孩钱学业抑郁") {
			t.Errorf("%s: lang %q, title %q", f.Name, f.Lang, f.Title)
		}
		for j, s := range f.Series {
			if s.Label == en[i].Series[j].Label {
				t.Errorf("%s: series %q left in English", f.Name, s.Label)
			}
		}
	}
	localizeNotes(zh)
	if zh[0].Note != "阴影带：各次重复运行的 95% 区间。" {
		t.Errorf("note %q", zh[0].Note)
	}
	for i := range zh {
		renderPNG(t, &zh[i])
	}
}
