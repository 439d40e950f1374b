package plot

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
)

// Colours keep one meaning: girls and boys differ, the reference scenario
// is black, and any scenario number has a colour.
func TestPaletteKeys(t *testing.T) {
	if ColorFor("girl") == ColorFor("boy") {
		t.Fatal("girls and boys share a colour")
	}
	if r, g, b, _ := ColorFor("scenario:0").RGBA(); r != 0 || g != 0 || b != 0 {
		t.Errorf("reference scenario %v, want black", ColorFor("scenario:0"))
	}
	if _, ok := ColorOf("scenario:40"); !ok {
		t.Error("scenario:40: no colour")
	}
	if _, ok := ColorOf("nobody"); ok {
		t.Error("an unknown key has a colour")
	}
}

func TestRenderErrors(t *testing.T) {
	f := Figure{Name: "x", Kind: KindLine}
	if _, err := Render(&f, "gif"); err == nil {
		t.Error("gif: no error")
	}
	f.Kind = "pie"
	if _, err := Render(&f, "png"); err == nil {
		t.Error("kind pie: no error")
	}
	// No series at all still draws a frame.
	f.Kind = KindBar
	if _, err := Render(&f, "png"); err != nil {
		t.Errorf("empty bar figure: %v", err)
	}
}

// Tick labels: % for shares, thousands separated, a true minus sign.
func TestValueTicks(t *testing.T) {
	cases := []struct {
		t      valueTicks
		lo, hi float64
		want   string
	}{
		{valueTicks{0.1, true}, 0, 0.4, "0% 10% 20% 30% 40%"},
		{valueTicks{0.05, true}, 0, 0.1, "0% 5% 10%"},
		{valueTicks{0.005, true}, 0, 0.01, "0.0% 0.5% 1.0%"},
		{valueTicks{10000, false}, 0, 40000, "0 10,000 20,000 30,000 40,000"},
		{valueTicks{2, false}, -2, 4, "−2 0 2 4"},
		{valueTicks{0.05, false}, 0.4, 0.5, "0.40 0.45 0.50"},
	}
	for _, c := range cases {
		var got []string
		for _, tk := range c.t.Ticks(c.lo, c.hi) {
			got = append(got, tk.Label)
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("%+v on [%g, %g]: %q, want %q", c.t, c.lo, c.hi, g, c.want)
		}
	}
}

func TestWrap(t *testing.T) {
	cases := []struct {
		s     string
		width int
		want  string
	}{
		{"only daughters left behind", 16, "only daughters\nleft behind"},
		{"short", 16, "short"},
		{"averyveryverylongword x", 5, "averyveryverylongword\nx"},
		// Chinese breaks between characters, never before closing
		// punctuation or after opening; numbers stay whole.
		// (18 and a space: 3 columns, each character 2, – 3 bytes.)
		{"18 岁时升入大学，曾经留守的女孩", 16, "18 岁时升入大\n学，曾经留守的女\n孩"},
		{"全部儿童中的留守比例（0–17 岁，含城镇户籍）", 20, "全部儿童中的留守比例\n（0–17 岁，含城镇\n户籍）"},
		{"女孩 12 岁时", 6, "女孩\n12 岁\n时"},
	}
	for _, c := range cases {
		if got := Wrap(c.s, c.width); got != c.want {
			t.Errorf("wrap(%q, %d) = %q, want %q", c.s, c.width, got, c.want)
		}
	}
}

// Counts shown to people are whole and grouped by thousands.
func TestGrouped(t *testing.T) {
	for _, c := range []struct {
		x    float64
		want string
	}{{0, "0"}, {999, "999"}, {1234, "1234"}, {12345, "12,345"}, {370061.6, "370,062"}, {2941880339, "2,941,880,339"}, {-12345, "-12,345"}} {
		if got := Grouped(c.x); got != c.want {
			t.Errorf("Grouped(%v) = %q, want %q", c.x, got, c.want)
		}
	}
}

// The reference of a comparison is drawn on top: a scenario that matches
// it (the years before a reform) must not hide the black line the caption
// points to (issue 12, defect 5).
func TestReferenceLineOnTop(t *testing.T) {
	pts := []Point{{2020, 0.4, 0.4, 0.4}, {2021, 0.42, 0.42, 0.42}, {2022, 0.41, 0.41, 0.41}, {2023, 0.43, 0.43, 0.43}}
	// As OverlayFigures draws them: the reference dashed.
	ref := Series{Label: "baseline (reference)", Key: "scenario:0", Secondary: true, Points: pts}
	other := Series{Label: "open-schools", Key: "scenario:1", Points: pts}
	count := func(key string, series ...Series) int {
		f := Figure{Name: "o-test", Kind: KindLine, Title: "t", XLabel: "year", YLabel: "y", Series: series}
		return countColour(renderPNG(t, &f), ColorFor(key))
	}
	// Black pixels with the scenario drawn over the same points, against
	// the reference alone: the line must still show, not only its legend
	// sample. And the scenario must show through the reference's dashes.
	if alone, both := count("scenario:0", ref), count("scenario:0", ref, other); float64(both) < 0.8*float64(alone) {
		t.Errorf("%d black pixels with another scenario on the same points, %d with the reference alone: the reference is hidden", both, alone)
	}
	if alone, both := count("scenario:1", other), count("scenario:1", ref, other); float64(both) < 0.2*float64(alone) {
		t.Errorf("%d pixels of the scenario under the reference, %d alone: the reference hides it", both, alone)
	}
}

// renderPNG renders f as a PNG and decodes it.
func renderPNG(t *testing.T, f *Figure) image.Image {
	t.Helper()
	b, err := Render(f, "png")
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// countColour is how many pixels of img are exactly c.
func countColour(img image.Image, c color.Color) int {
	want := color.RGBAModel.Convert(c).(color.RGBA)
	b := img.Bounds()
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if color.RGBAModel.Convert(img.At(x, y)).(color.RGBA) == want {
				n++
			}
		}
	}
	return n
}

// TestPlaceLabels: reform marks' labels never overlap within a row and
// never pass the plot's right edge; two reforms a year apart at the right
// edge (the history's 2019 and 2020) put the second label on a second
// row, and marks far apart share the first.
func TestPlaceLabels(t *testing.T) {
	const maxX, gap, w = 560, 4, 30
	for _, tc := range []struct {
		xs   []vg.Length
		rows []int
	}{
		{[]vg.Length{100, 300, 500}, []int{0, 0, 0}},
		{[]vg.Length{100, 140, 500}, []int{0, 0, 0}}, // 40 apart: room for the first label
		{[]vg.Length{500, 520}, []int{0, 1}},         // 20 apart: neither side is free
		{[]vg.Length{510, 560}, []int{0, 1}},         // the history's 2019 and 2020
		{[]vg.Length{300, 560}, []int{0, 0}},         // the last at the edge goes left
		{[]vg.Length{500, 510, 520}, []int{0, 1, 2}}, // three in a row
	} {
		ws := make([]vg.Length, len(tc.xs))
		for i := range ws {
			ws[i] = w
		}
		at, row := placeLabels(tc.xs, ws, maxX, gap)
		if !slices.Equal(row, tc.rows) {
			t.Errorf("marks at %v: rows %v, want %v", tc.xs, row, tc.rows)
		}
		for i := range at {
			if at[i] < 0 || at[i]+w > maxX {
				t.Errorf("marks at %v: label %d at [%v, %v] leaves [0, %d]", tc.xs, i, at[i], at[i]+w, maxX)
			}
			if at[i] != tc.xs[i]+gap && at[i]+w != tc.xs[i]-gap {
				t.Errorf("marks at %v: label %d at %v is beside neither side of its line", tc.xs, i, at[i])
			}
			for j := range i {
				if row[i] == row[j] && at[i] < at[j]+w && at[j] < at[i]+w {
					t.Errorf("marks at %v: labels %d and %d overlap in row %d", tc.xs, j, i, row[i])
				}
			}
		}
	}
}

// TestScatterAndHeat: the sweep's kinds render, and the heat scale runs
// from pale (low) to dark (high).
func TestScatterAndHeat(t *testing.T) {
	sc := &Figure{Name: "s", Kind: KindScatter, Title: "t", Series: []Series{
		{Label: "a", Key: "scenario:1", Points: []Point{{X: 2, Mean: 1, Low: 1.5, High: 2.5}}},
		{Label: "b", Key: "scenario:2", Points: []Point{{X: 0.5, Mean: 0.2, Low: math.NaN(), High: math.NaN()}}},
	}}
	ht := &Figure{Name: "h", Kind: KindHeat, Title: "t", Categories: []string{"1", "2"}, Rows: []string{"x", "y"},
		Cells: [][]float64{{1, 2}, {3, math.NaN()}}}
	for _, f := range []*Figure{sc, ht} {
		if img := renderPNG(t, f); img.Bounds().Dx() < 100 {
			t.Errorf("%s: %v", f.Kind, img.Bounds())
		}
	}
	lum := func(c color.RGBA) int { return int(c.R) + int(c.G) + int(c.B) }
	if lum(heatColor(0)) <= lum(heatColor(0.5)) || lum(heatColor(0.5)) <= lum(heatColor(1)) {
		t.Errorf("heat scale not from pale to dark: %v %v %v", heatColor(0), heatColor(0.5), heatColor(1))
	}
}
