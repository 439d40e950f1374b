package plot

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Figures are FigureWidth × FigureHeight, so that a report's figures line
// up and a PNG is 800 × 500 pixels at the width report pages show it; a
// dot chart grows taller with its rows (FigureSize).
const (
	FigureWidth  = 8 * vg.Inch
	FigureHeight = 5 * vg.Inch
	FigureDPI    = 100
)

// dotRowHeight leaves room for a row label of two lines.
const dotRowHeight = 0.45 * vg.Inch

// FigureSize is the size f is drawn at.
func FigureSize(f *Figure) (w, h vg.Length) {
	if f.Kind == KindDot {
		return FigureWidth, max(FigureHeight, 1.6*vg.Inch+dotRowHeight*vg.Length(len(f.Categories)))
	}
	return FigureWidth, FigureHeight
}

// Font sizes, in points: at 100 dpi 11 pt is about 15 pixels, readable on
// a projector and in print.
const (
	titleSize  = 15
	labelSize  = 12
	tickSize   = 11
	legendSize = 11
	noteSize   = 9.5
	valueSize  = 9
)

// referenceKey is the series key of a comparison's reference.
const referenceKey = "scenario:0"

var (
	gridColor  = color.RGBA{0xE3, 0xE3, 0xE3, 0xff}
	inkColor   = color.RGBA{0x22, 0x22, 0x22, 0xff}
	noteColor  = color.RGBA{0x55, 0x55, 0x55, 0xff}
	zeroColor  = color.RGBA{0x66, 0x66, 0x66, 0xff}
	markColor  = color.RGBA{0x55, 0x55, 0x55, 0xff}
	whiteColor = color.RGBA{0xff, 0xff, 0xff, 0xff}
)

// sans is Liberation Sans, shipped with gonum/plot: every glyph the
// figures use (Latin, en dash, minus, ≥) is in it, on every platform.
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// textStyle is text of f at size in colour c: Liberation Sans, or for a
// figure in Chinese the embedded Noto Sans SC (cjk.go).
func textStyle(f *Figure, size vg.Length, c color.Color) text.Style {
	face := sans
	if f.Lang == "zh" {
		face = cjkFont()
	}
	return text.Style{Color: c, Font: font.From(face, size), Handler: plot.DefaultTextHandler}
}

// Render draws f as "png" (at FigureDPI) or "svg", at FigureSize.
func Render(f *Figure, format string) ([]byte, error) {
	w, h := FigureSize(f)
	var c vg.CanvasWriterTo
	switch format {
	case "png":
		c = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(FigureDPI))}
	case "svg":
		c = vgsvg.New(w, h)
	default:
		return nil, fmt.Errorf("output: figure format must be png or svg, got %q", format)
	}
	switch f.Kind {
	case KindLine, KindBar, KindDot, KindScatter, KindHeat:
	default:
		return nil, fmt.Errorf("output: figure %s: unknown kind %q", f.Name, f.Kind)
	}
	drawFigure(f, draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("output: figure %s: %w", f.Name, err)
	}
	return buf.Bytes(), nil
}

// drawFigure lays the page out as the title on top, a note on the
// intervals at the bottom, the legend outside the data (under the title
// when it fits in two rows, else in a column on the right) and the plot in
// what is left.
func drawFigure(f *Figure, c draw.Canvas) {
	c.SetColor(whiteColor)
	c.Fill(c.Rectangle.Path())
	margin := vg.Points(10)
	c = draw.Crop(c, margin, -margin, margin/2, -margin)

	title := textStyle(f, titleSize, inkColor)
	title.Font.Weight = xfont.WeightBold
	title.XAlign, title.YAlign = draw.XLeft, draw.YTop
	c.FillText(title, vg.Point{X: c.Min.X, Y: c.Max.Y}, f.Title)
	c.Max.Y -= title.Height(f.Title) + vg.Points(8)

	if note := intervalNote(f); note != "" {
		sty := textStyle(f, noteSize, noteColor)
		sty.XAlign, sty.YAlign = draw.XLeft, draw.YBottom
		c.FillText(sty, c.Min, note)
		c.Min.Y += sty.Height(note) + vg.Points(4)
	}

	p := newPlot(f)
	leg := newLegend(f)
	switch {
	case len(leg.entries) == 0:
	case leg.rows(c.Max.X-c.Min.X) <= 2:
		h := leg.draw(c, c.Max.X-c.Min.X)
		c.Max.Y -= h + vg.Points(6)
	default:
		w := leg.entryWidth()
		plotArea := draw.Crop(c, 0, -(w + vg.Points(12)), 0, 0)
		// The column starts level with the top of the data area.
		col := c
		col.Min.X = c.Max.X - w
		col.Max.Y = p.DataCanvas(plotArea).Max.Y
		leg.draw(col, w)
		c = plotArea
	}
	p.Draw(c)
}

// legend is the key of a figure: a sample of each series and its label,
// in a grid of equal cells.
type legend struct {
	sty     text.Style
	thumbW  vg.Length
	gap     vg.Length // between the sample and its label, and between cells
	entries []thumb
}

// newLegend is the legend of f; none when the category labels already
// name every bar, or the title the one line (but a scenario's line is
// always named).
func newLegend(f *Figure) legend {
	l := legend{sty: textStyle(f, legendSize, inkColor), thumbW: vg.Points(26), gap: vg.Points(6)}
	l.sty.XAlign, l.sty.YAlign = draw.XLeft, draw.YCenter
	if f.Kind == KindScatter || f.Kind == KindHeat || // labelled in the plot
		f.Kind == KindBar && oneSeriesPerCategory(f) ||
		f.Kind == KindLine && len(f.Series) == 1 && !strings.HasPrefix(f.Series[0].Key, "scenario:") {
		return l
	}
	for _, s := range f.Series {
		l.entries = append(l.entries, thumb{kind: f.Kind, s: s})
	}
	return l
}

func (l legend) entryWidth() vg.Length {
	var w vg.Length
	for _, e := range l.entries {
		w = max(w, l.sty.Width(e.s.Label))
	}
	return l.thumbW + l.gap + w
}

func (l legend) entryHeight() vg.Length { return l.sty.Height("Mg") + vg.Points(4) }

// columns is how many columns the legend takes in width: as many as fit,
// then as few as keep the same number of rows (four entries make 2 × 2,
// not 3 + 1).
func (l legend) columns(width vg.Length) int {
	fit := max(1, min(len(l.entries), int((width+2*l.gap)/(l.entryWidth()+2*l.gap))))
	rows := (len(l.entries) + fit - 1) / fit
	return (len(l.entries) + rows - 1) / rows
}

func (l legend) rows(width vg.Length) int {
	cols := l.columns(width)
	return (len(l.entries) + cols - 1) / cols
}

// draw draws the legend in a grid from the top left of c, as many columns
// as fit in width, and returns its height.
func (l legend) draw(c draw.Canvas, width vg.Length) vg.Length {
	cols := l.columns(width)
	cellW, cellH := l.entryWidth()+2*l.gap, l.entryHeight()
	for i, e := range l.entries {
		x := c.Min.X + vg.Length(i%cols)*cellW
		y := c.Max.Y - vg.Length(i/cols+1)*cellH
		box := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: x, Y: y + 2}, Max: vg.Point{X: x + l.thumbW, Y: y + cellH - 2},
		}}
		e.Thumbnail(&box)
		c.FillText(l.sty, vg.Point{X: x + l.thumbW + l.gap, Y: y + cellH/2}, e.s.Label)
	}
	return vg.Length(l.rows(width)) * cellH
}

// intervalNote is the line under the plot that says what the intervals
// are: f.Note, which the caller words in the figure's language for
// IntervalKind.
func intervalNote(f *Figure) string { return f.Note }

// IntervalKind says what f's intervals are drawn as, for the note under
// it: "bars" (error bars), "whiskers", "bands", or "one" when no series
// has an interval (one replicate).
func IntervalKind(f *Figure) string {
	for _, s := range f.Series {
		if !hasInterval(s) {
			continue
		}
		switch f.Kind {
		case KindBar:
			return "bars"
		case KindDot:
			return "whiskers"
		}
		return "bands"
	}
	return "one"
}

func hasInterval(s Series) bool {
	for _, p := range s.Points {
		if !math.IsNaN(p.Low) && !math.IsNaN(p.High) {
			return true
		}
	}
	return false
}

func oneSeriesPerCategory(f *Figure) bool {
	seen := map[float64]bool{}
	for _, s := range f.Series {
		for _, p := range s.Points {
			if seen[p.X] {
				return false
			}
			seen[p.X] = true
		}
	}
	return true
}

// newPlot is the plot of f without title or legend (drawFigure draws
// those), with the axes set up for its kind.
func newPlot(f *Figure) *plot.Plot {
	p := plot.New()
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle = textStyle(f, labelSize, inkColor)
		a.Label.TextStyle.XAlign, a.Label.TextStyle.YAlign = draw.XCenter, draw.YBottom
		a.Label.Padding = vg.Points(4)
		a.Tick.Label = textStyle(f, tickSize, inkColor)
		a.Color, a.Tick.Color = inkColor, inkColor
	}
	p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XCenter, draw.YTop
	p.Y.Tick.Label.XAlign, p.Y.Tick.Label.YAlign = draw.XRight, draw.YCenter
	p.X.Label.Text, p.Y.Label.Text = f.XLabel, f.YLabel

	grid := plotter.NewGrid()
	grid.Vertical.Color, grid.Horizontal.Color = gridColor, gridColor
	grid.Vertical.Width, grid.Horizontal.Width = vg.Points(0.75), vg.Points(0.75)
	p.Add(grid)

	lo, hi := valueRange(f)
	switch f.Kind {
	case KindLine:
		xlo, xhi := math.Inf(1), math.Inf(-1)
		for _, s := range f.Series {
			for _, pt := range s.Points {
				xlo, xhi = math.Min(xlo, pt.X), math.Max(xhi, pt.X)
			}
		}
		if xlo > xhi {
			xlo, xhi = 0, 1
		}
		if xlo == xhi {
			xlo, xhi = xlo-1, xhi+1
		}
		p.X.Min, p.X.Max = xlo, xhi
		p.X.Tick.Marker = integerTicks{}
		if f.XReal {
			p.X.Tick.Marker = valueTicks{step: niceStep(xhi - xlo)}
		}
		valueAxis(&p.Y, f, lo, hi, len(f.Marks) > 0)
		if p.Y.Min < 0 {
			p.Add(zeroLine{})
		}
		for _, s := range f.Series {
			p.Add(band{s})
		}
		// The reference of a comparison (scenario:0) is drawn last, on
		// top: where a scenario matches it (before a reform) it must not
		// hide the black line the caption points to.
		for _, top := range []bool{false, true} {
			for _, s := range f.Series {
				if (s.Key == referenceKey) == top {
					p.Add(line{s, len(f.Marks) > 0 || len(s.Points) < 3})
				}
			}
		}
		if len(f.Marks) > 0 {
			p.Add(marks{f.Marks, f})
		}
	case KindBar:
		n := float64(len(f.Categories))
		p.X.Min, p.X.Max = -0.5, n-0.5
		p.X.Tick.Marker = categoryTicks(f.Categories, false)
		p.X.Tick.Length, p.X.Padding = 0, 0
		grid.Vertical.Width = 0 // bars need only the value grid
		valueAxis(&p.Y, f, lo, hi, false)
		p.Add(bars{f})
	case KindDot:
		n := float64(len(f.Categories))
		p.Y.Min, p.Y.Max = -0.5, n-0.5
		// Headline labels are long: two lines, a size smaller, so that
		// the rows keep most of the width.
		p.Y.Tick.Label.Font.Size = vg.Points(10)
		var rows []string
		for _, c := range f.Categories {
			rows = append(rows, Wrap(c, 40))
		}
		p.Y.Tick.Marker = categoryTicks(rows, true)
		p.Y.Tick.Length, p.Y.Padding = 0, 0
		grid.Horizontal.Width = 0 // rows are told apart by rules
		valueAxis(&p.X, f, lo, hi, false)
		p.Add(dots{f})
	case KindScatter:
		xlo, xhi, ylo, yhi := math.Inf(1), 0.0, math.Inf(1), 0.0
		for _, s := range f.Series {
			for _, pt := range s.Points {
				for _, v := range []float64{pt.X, pt.Low, pt.High} {
					if !math.IsNaN(v) {
						xlo, xhi = math.Min(xlo, v), math.Max(xhi, v)
					}
				}
				if !math.IsNaN(pt.Mean) {
					ylo, yhi = math.Min(ylo, pt.Mean), math.Max(yhi, pt.Mean)
				}
			}
		}
		if f.FreeY { // both axes fit the data
			p.X.Min, p.X.Max = xlo, xhi
			if xlo == xhi {
				p.X.Min, p.X.Max = xlo-1, xhi+1
			}
			p.X.Tick.Marker = valueTicks{step: niceStep(p.X.Max - p.X.Min)}
			valueAxis(&p.Y, f, ylo, yhi, false)
		} else {
			valueAxis(&p.X, f, 0, xhi*1.15, false) // room for the labels
			valueAxis(&p.Y, f, 0, yhi, false)
		}
		p.Add(scatter{f})
	case KindHeat:
		p.X.Min, p.X.Max = -0.5, float64(len(f.Categories))-0.5
		p.Y.Min, p.Y.Max = -0.5, float64(len(f.Rows))-0.5
		p.X.Tick.Marker = categoryTicks(f.Categories, false)
		p.Y.Tick.Marker = categoryTicks(f.Rows, false)
		p.X.Tick.Length, p.Y.Tick.Length, p.X.Padding, p.Y.Padding = 0, 0, 0, 0
		grid.Vertical.Width, grid.Horizontal.Width = 0, 0
		p.Add(heat{f})
	}
	return p
}

// valueRange is the range of means and interval ends of f.
func valueRange(f *Figure) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, s := range f.Series {
		for _, p := range s.Points {
			for _, v := range []float64{p.Mean, p.Low, p.High} {
				if !math.IsNaN(v) && !math.IsInf(v, 0) {
					lo, hi = math.Min(lo, v), math.Max(hi, v)
				}
			}
		}
	}
	if lo > hi {
		return 0, 1
	}
	return lo, hi
}

// valueAxis fits the value axis to [lo, hi]: from zero unless f.FreeY
// says zero means nothing (a count or a share is read against zero), to a
// round tick, never past 100% for a share; headroom leaves space for a
// mark's label above the data.
func valueAxis(a *plot.Axis, f *Figure, lo, hi float64, headroom bool) {
	if !f.FreeY || f.Kind != KindLine && f.Kind != KindScatter {
		lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	}
	if hi == lo {
		hi = lo + 1
	}
	if headroom {
		hi += 0.18 * (hi - lo)
	}
	step := niceStep(hi - lo)
	a.Min = math.Floor(lo/step) * step
	a.Max = math.Ceil(hi/step) * step
	if f.FreeY && f.Kind == KindLine {
		// A fitted axis still keeps the data off its ends.
		pad := 0.04 * (hi - lo)
		a.Min = math.Floor((lo-pad)/step) * step
		a.Max = math.Ceil((hi+pad)/step) * step
	}
	if f.Percent && a.Max > 1 && hi <= 1 {
		a.Max = 1
	}
	a.Tick.Marker = valueTicks{step: step, percent: f.Percent}
}

// niceStep is a round tick step (1, 2 or 5 × 10^k) giving four to ten
// intervals over span.
func niceStep(span float64) float64 {
	raw := span / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*mag >= raw {
			return m * mag
		}
	}
	return 10 * mag
}

// valueTicks are ticks every step, in % for shares, with thousands
// separated for money.
type valueTicks struct {
	step    float64
	percent bool
}

func (t valueTicks) Ticks(lo, hi float64) []plot.Tick {
	var ticks []plot.Tick
	scale := 1.0
	if t.percent {
		scale = 100
	}
	dec := max(0, int(math.Ceil(-math.Log10(t.step*scale)-1e-9)))
	for i := math.Ceil(lo/t.step - 1e-9); i*t.step <= hi+t.step*1e-9; i++ {
		v := i * t.step
		if math.Abs(v) < t.step*1e-9 {
			v = 0 // not −0.0
		}
		label := Thousands(strconv.FormatFloat(v*scale, 'f', dec, 64))
		label = strings.Replace(label, "-", "−", 1) // a true minus sign
		if t.percent {
			label += "%"
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: label})
	}
	return ticks
}

// Grouped is x rounded to a whole number with its thousands separated
// (3,701,062), for counts shown to people.
func Grouped(x float64) string {
	return Thousands(strconv.FormatFloat(math.Round(x), 'f', 0, 64))
}

// thousands separates the thousands of a number's integer part (30,000).
func Thousands(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	if len(intPart) > 4 {
		var b strings.Builder
		for i, r := range intPart {
			if i > 0 && (len(intPart)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteRune(r)
		}
		intPart = b.String()
	}
	if hasFrac {
		intPart += "." + frac
	}
	if neg {
		return "-" + intPart
	}
	return intPart
}

// integerTicks label whole numbers (years, ages) without separators,
// every 1, 2, 5 or 10 so that at most 18 show.
type integerTicks struct{}

func (integerTicks) Ticks(lo, hi float64) []plot.Tick {
	step := 1.0
	for _, s := range []float64{1, 2, 5, 10, 20, 50} {
		step = s
		if (hi-lo)/s <= 17 { // every age 0–17 gets its label
			break
		}
	}
	var ticks []plot.Tick
	for v := math.Ceil(lo/step) * step; v <= hi; v += step {
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.Itoa(int(v))})
	}
	return ticks
}

// categoryTicks put the categories at 0, 1, ...; rows of a dot chart run
// from the top.
func categoryTicks(cats []string, fromTop bool) plot.ConstantTicks {
	var ticks []plot.Tick
	for i, c := range cats {
		v := float64(i)
		if fromTop {
			v = float64(len(cats) - 1 - i)
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: c})
	}
	return ticks
}

// seriesColor is the colour of s, and its pale version for bands and
// secondary bars (mixed with white rather than transparent, so that what
// a PNG shows an SVG shows too).
func seriesColor(s Series) (full, pale color.RGBA) {
	full, _ = ColorOf(s.Key)
	mix := func(v uint8, w float64) uint8 { return uint8(math.Round(float64(v)*(1-w) + 255*w)) }
	pale = color.RGBA{mix(full.R, 0.72), mix(full.G, 0.72), mix(full.B, 0.72), 0xff}
	return full, pale
}

// bandColor is a translucent fill, so that overlapping bands both show.
func bandColor(s Series) color.NRGBA {
	full, _ := ColorOf(s.Key)
	return color.NRGBA{full.R, full.G, full.B, 0x38}
}

// band is a series' 95% interval, a shaded polygon per stretch of years
// with an interval.
type band struct{ s Series }

func (b band) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	clr := bandColor(b.s)
	var run []Point
	flush := func() {
		if len(run) >= 2 {
			var poly []vg.Point
			for _, pt := range run {
				poly = append(poly, vg.Point{X: tx(pt.X), Y: ty(pt.Low)})
			}
			for i := len(run) - 1; i >= 0; i-- {
				poly = append(poly, vg.Point{X: tx(run[i].X), Y: ty(run[i].High)})
			}
			c.FillPolygon(clr, c.ClipPolygonXY(poly))
		}
		run = run[:0]
	}
	for _, pt := range b.s.Points {
		if math.IsNaN(pt.Low) || math.IsNaN(pt.High) {
			flush()
			continue
		}
		run = append(run, pt)
	}
	flush()
}

// line is a series' means, broken where a mean is missing, with dots at
// the points when they are few or stand for whole categories (ages).
type line struct {
	s      Series
	glyphs bool
}

func (l line) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	full, _ := seriesColor(l.s)
	sty := draw.LineStyle{Color: full, Width: vg.Points(2.25)}
	if l.s.Secondary {
		sty.Dashes = []vg.Length{vg.Points(6), vg.Points(3.5)}
	}
	var seg []vg.Point
	var segs [][]vg.Point
	for _, pt := range l.s.Points {
		if math.IsNaN(pt.Mean) {
			if len(seg) > 0 {
				segs = append(segs, seg)
			}
			seg = nil
			continue
		}
		seg = append(seg, vg.Point{X: tx(pt.X), Y: ty(pt.Mean)})
	}
	if len(seg) > 0 {
		segs = append(segs, seg)
	}
	for _, sg := range segs {
		if len(sg) > 1 {
			c.StrokeLines(sty, c.ClipLinesXY(sg)...)
		}
		if l.glyphs || len(sg) == 1 {
			for _, pt := range sg {
				c.DrawGlyph(draw.GlyphStyle{Color: full, Radius: vg.Points(3), Shape: draw.CircleGlyph{}}, pt)
			}
		}
	}
}

// marks are labelled vertical reference lines, labelled by placeLabels.
type marks struct {
	ms []Mark
	f  *Figure
}

func (m marks) Plot(c draw.Canvas, p *plot.Plot) {
	ms := m.ms
	tx, _ := p.Transforms(&c)
	sty := textStyle(m.f, tickSize, markColor)
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YTop
	xs, ws := make([]vg.Length, len(ms)), make([]vg.Length, len(ms))
	for i, m := range ms {
		xs[i], ws[i] = tx(m.X), sty.Width(m.Label)
		c.StrokeLine2(draw.LineStyle{Color: markColor, Width: vg.Points(1.25), Dashes: []vg.Length{vg.Points(2), vg.Points(2.5)}}, xs[i], c.Min.Y, xs[i], c.Max.Y)
	}
	at, row := placeLabels(xs, ws, c.Max.X, vg.Points(4))
	rowH := sty.Height("0") + vg.Points(2)
	for i, m := range ms {
		c.FillText(sty, vg.Point{X: at[i], Y: c.Max.Y - vg.Points(2) - vg.Length(row[i])*rowH}, m.Label)
	}
}

// placeLabels places the labels of lines at xs, of widths ws, in rows from
// the top: each label starts gap right of its line, or ends gap left of it
// where it would pass maxX; where both overlap a label already placed in a
// row (two reforms a year apart), it tries the next row. It returns each
// label's left edge and row.
func placeLabels(xs, ws []vg.Length, maxX, gap vg.Length) (at []vg.Length, row []int) {
	var rows [][][2]vg.Length // the extents taken in each row
	for i, x := range xs {
		var spots [][2]vg.Length // right first
		if x+gap+ws[i] <= maxX {
			spots = append(spots, [2]vg.Length{x + gap, x + gap + ws[i]})
		}
		spots = append(spots, [2]vg.Length{x - gap - ws[i], x - gap})
		for r := 0; len(at) == i; r++ {
			if r == len(rows) {
				rows = append(rows, nil)
			}
			for _, sp := range spots {
				if free(rows[r], sp, gap/2) {
					rows[r] = append(rows[r], sp)
					at, row = append(at, sp[0]), append(row, r)
					break
				}
			}
		}
	}
	return at, row
}

// free says whether the extent e keeps at least pad from every extent
// taken.
func free(taken [][2]vg.Length, e [2]vg.Length, pad vg.Length) bool {
	for _, t := range taken {
		if e[0] < t[1]+pad && t[0] < e[1]+pad {
			return false
		}
	}
	return true
}

// zeroLine marks zero on a value axis that goes below it (a gap), where
// the sign changes what the reader concludes.
type zeroLine struct{}

func (zeroLine) Plot(c draw.Canvas, p *plot.Plot) {
	_, ty := p.Transforms(&c)
	c.StrokeLine2(draw.LineStyle{Color: zeroColor, Width: vg.Points(1.25)}, c.Min.X, ty(0), c.Max.X, ty(0))
}

// bars are grouped bars with 95% error bars. In each category the series
// that have a value there stand side by side, centred, so that a series
// absent from a category leaves no gap.
type bars struct{ f *Figure }

const groupWidth = 0.8 // of a category's width

type barAt struct {
	s     Series
	p     Point
	x0, w float64 // left edge and width, in category units
}

func (b bars) layout() []barAt {
	byCat := make([][]barAt, len(b.f.Categories))
	for _, s := range b.f.Series {
		for _, p := range s.Points {
			i := int(p.X)
			if i >= 0 && i < len(byCat) {
				byCat[i] = append(byCat[i], barAt{s: s, p: p})
			}
		}
	}
	var out []barAt
	for i, bs := range byCat {
		w := groupWidth / float64(max(len(bs), 2)) // one bar is no wider than half a group
		start := float64(i) - w*float64(len(bs))/2
		for j := range bs {
			bs[j].x0, bs[j].w = start+float64(j)*w, w
			out = append(out, bs[j])
		}
	}
	return out
}

func (b bars) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	gap := vg.Points(1.5) // white between neighbouring bars
	zero := ty(math.Max(p.Y.Min, 0))
	for _, bar := range b.layout() {
		if math.IsNaN(bar.p.Mean) {
			continue
		}
		full, pale := seriesColor(bar.s)
		x0, x1 := tx(bar.x0)+gap/2, tx(bar.x0+bar.w)-gap/2
		top := ty(bar.p.Mean)
		rect := []vg.Point{{X: x0, Y: zero}, {X: x0, Y: top}, {X: x1, Y: top}, {X: x1, Y: zero}}
		if bar.s.Secondary {
			c.FillPolygon(pale, rect)
			c.StrokeLines(draw.LineStyle{Color: full, Width: vg.Points(1.5)}, append(rect, rect[0]))
		} else {
			c.FillPolygon(full, rect)
			c.StrokeLines(draw.LineStyle{Color: inkColor, Width: vg.Points(0.5)}, append(rect, rect[0]))
		}
		xm := (x0 + x1) / 2
		labelY := top
		if !math.IsNaN(bar.p.Low) && !math.IsNaN(bar.p.High) {
			lo, hi := ty(bar.p.Low), ty(bar.p.High)
			capW := min((x1-x0)/4, vg.Points(5))
			// A white halo keeps the whisker visible on a dark bar.
			for _, sty := range []draw.LineStyle{{Color: whiteColor, Width: vg.Points(3.5)}, {Color: inkColor, Width: vg.Points(1.25)}} {
				c.StrokeLine2(sty, xm, lo, xm, hi)
				c.StrokeLine2(sty, xm-capW, lo, xm+capW, lo)
				c.StrokeLine2(sty, xm-capW, hi, xm+capW, hi)
			}
			labelY = max(top, hi)
		}
		sty := textStyle(b.f, valueSize, inkColor)
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YBottom
		c.FillText(sty, vg.Point{X: xm, Y: labelY + vg.Points(2)}, valueLabel(bar.p.Mean, b.f.Percent))
	}
}

// valueLabel is the value written over a bar.
func valueLabel(v float64, percent bool) string {
	switch {
	case percent:
		return strconv.FormatFloat(100*v, 'f', 0, 64) + "%"
	case math.Abs(v) >= 1000:
		return Thousands(strconv.FormatFloat(v, 'f', 0, 64))
	}
	return strconv.FormatFloat(v, 'g', 3, 64)
}

func (b bars) DataRange() (xmin, xmax, ymin, ymax float64) {
	lo, hi := valueRange(b.f)
	return -0.5, float64(len(b.f.Categories)) - 0.5, lo, hi
}

// dots are a horizontal dot-and-whisker chart: one row per category from
// the top, the series of a row spread over its height, a zero line for
// the reference.
type dots struct{ f *Figure }

func (d dots) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	n := len(d.f.Categories)
	for i := 1; i < n; i++ { // rules between rows
		y := ty(float64(i) - 0.5)
		c.StrokeLine2(draw.LineStyle{Color: gridColor, Width: vg.Points(0.75)}, c.Min.X, y, c.Max.X, y)
	}
	x0 := tx(0)
	c.StrokeLine2(draw.LineStyle{Color: zeroColor, Width: vg.Points(1.25)}, x0, c.Min.Y, x0, c.Max.Y)
	ns := len(d.f.Series)
	for j, s := range d.f.Series {
		full, _ := seriesColor(s)
		// Scenarios a fifth of a row apart (at most 70% of it in all),
		// the first on top, centred on the row's label.
		spread := math.Min(0.2*float64(ns-1), 0.7)
		off := 0.0
		if ns > 1 {
			off = spread/2 - spread*float64(j)/float64(ns-1)
		}
		for _, pt := range s.Points {
			if math.IsNaN(pt.Mean) {
				continue
			}
			y := ty(float64(n-1) - pt.X + off)
			if !math.IsNaN(pt.Low) && !math.IsNaN(pt.High) {
				c.StrokeLine2(draw.LineStyle{Color: full, Width: vg.Points(2)}, tx(pt.Low), y, tx(pt.High), y)
			}
			c.DrawGlyph(draw.GlyphStyle{Color: full, Radius: vg.Points(4), Shape: draw.CircleGlyph{}}, vg.Point{X: tx(pt.Mean), Y: y})
		}
	}
}

// thumb is a legend entry's sample of a series.
type thumb struct {
	kind string
	s    Series
}

func (t thumb) Thumbnail(c *draw.Canvas) {
	full, pale := seriesColor(t.s)
	ym := (c.Min.Y + c.Max.Y) / 2
	switch t.kind {
	case KindLine:
		if hasInterval(t.s) {
			h := (c.Max.Y - c.Min.Y) / 2
			c.FillPolygon(bandColor(t.s), []vg.Point{{X: c.Min.X, Y: ym - h/2}, {X: c.Min.X, Y: ym + h/2}, {X: c.Max.X, Y: ym + h/2}, {X: c.Max.X, Y: ym - h/2}})
		}
		sty := draw.LineStyle{Color: full, Width: vg.Points(2.25)}
		if t.s.Secondary {
			sty.Dashes = []vg.Length{vg.Points(4), vg.Points(2.5)}
		}
		c.StrokeLine2(sty, c.Min.X, ym, c.Max.X, ym)
	case KindBar:
		rect := []vg.Point{{X: c.Min.X + 4, Y: c.Min.Y + 1}, {X: c.Min.X + 4, Y: c.Max.Y - 1}, {X: c.Max.X - 4, Y: c.Max.Y - 1}, {X: c.Max.X - 4, Y: c.Min.Y + 1}}
		fill, edge, w := full, color.Color(inkColor), vg.Points(0.5)
		if t.s.Secondary {
			fill, edge, w = pale, full, vg.Points(1.5)
		}
		c.FillPolygon(fill, rect)
		c.StrokeLines(draw.LineStyle{Color: edge, Width: w}, append(rect, rect[0]))
	case KindDot:
		c.StrokeLine2(draw.LineStyle{Color: full, Width: vg.Points(2)}, c.Min.X, ym, c.Max.X, ym)
		c.DrawGlyph(draw.GlyphStyle{Color: full, Radius: vg.Points(4), Shape: draw.CircleGlyph{}}, vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: ym})
	}
}

// Wrap breaks s into lines of at most width columns, for category labels
// under narrow bars: at spaces, and between two Chinese characters, which
// need none (a Chinese character counts two columns, any other character
// as many as its UTF-8 bytes). Closing punctuation stays with what it
// closes and opening punctuation with what it opens, as Chinese typesetting
// asks; a token wider than width stands alone on its line.
func Wrap(s string, width int) string {
	type token struct {
		text  string
		w     int
		space bool // a space before it
	}
	var toks []token
	space := false
	for _, r := range s {
		switch {
		case r == ' ':
			space = true
			continue
		case strings.ContainsRune("，。、；：）」』》！？%", r) && len(toks) > 0:
			t := &toks[len(toks)-1] // closing: onto the token before
			t.text, t.w = t.text+string(r), t.w+runeWidth(r)
		case len(toks) > 0 && !space && !EastAsianWide(r) && !EastAsianWide(lastRune(toks[len(toks)-1].text)):
			t := &toks[len(toks)-1] // a word goes on
			t.text, t.w = t.text+string(r), t.w+runeWidth(r)
		case len(toks) > 0 && !space && strings.ContainsRune("（「『《", lastRune(toks[len(toks)-1].text)):
			t := &toks[len(toks)-1] // after an opening bracket
			t.text, t.w = t.text+string(r), t.w+runeWidth(r)
		default:
			toks = append(toks, token{string(r), runeWidth(r), space})
		}
		space = false
	}
	var out strings.Builder
	line := 0
	for i, t := range toks {
		sep := 0
		if t.space {
			sep = 1
		}
		switch {
		case i == 0:
		case line+sep+t.w > width:
			out.WriteByte('\n')
			line, sep = 0, 0
		case sep == 1:
			out.WriteByte(' ')
		}
		out.WriteString(t.text)
		line += sep + t.w
	}
	return out.String()
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// runeWidth is a rune's width for Wrap: 2 for an East Asian wide one, its
// UTF-8 length for any other.
func runeWidth(r rune) int {
	if EastAsianWide(r) {
		return 2
	}
	return utf8.RuneLen(r)
}

// EastAsianWide says whether a terminal or a typeset line gives r two
// columns: Chinese, Japanese and Korean characters and full-width forms
// (Markus Kuhn's wcwidth ranges).
func EastAsianWide(r rune) bool {
	return r >= 0x1100 && (r <= 0x115f || r == 0x2329 || r == 0x232a ||
		(r >= 0x2e80 && r <= 0xa4cf && r != 0x303f) || (r >= 0xac00 && r <= 0xd7a3) ||
		(r >= 0xf900 && r <= 0xfaff) || (r >= 0xfe30 && r <= 0xfe4f) ||
		(r >= 0xff00 && r <= 0xff60) || (r >= 0xffe0 && r <= 0xffe6) ||
		(r >= 0x20000 && r <= 0x3fffd))
}
