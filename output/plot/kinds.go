package plot

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// scatter draws each series as one point with its label, and a whisker
// for the interval of its x value.
type scatter struct{ f *Figure }

func (s scatter) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	for _, ser := range s.f.Series {
		full, _ := seriesColor(ser)
		for _, pt := range ser.Points {
			if math.IsNaN(pt.X) || math.IsNaN(pt.Mean) {
				continue
			}
			x, y := tx(pt.X), ty(pt.Mean)
			if !math.IsNaN(pt.Low) && !math.IsNaN(pt.High) {
				c.StrokeLine2(draw.LineStyle{Color: full, Width: vg.Points(2)}, tx(pt.Low), y, tx(pt.High), y)
			}
			c.DrawGlyph(draw.GlyphStyle{Color: full, Radius: vg.Points(4.5), Shape: draw.CircleGlyph{}}, vg.Point{X: x, Y: y})
			sty := textStyle(s.f, tickSize, inkColor)
			sty.XAlign, sty.YAlign = draw.XLeft, draw.YBottom
			c.FillText(sty, vg.Point{X: x + vg.Points(5), Y: y + vg.Points(3)}, ser.Label)
		}
	}
}

// heat colours each cell on a sequential scale from pale to dark blue
// between the smallest and the largest value, and writes the value in
// it, in white on the darker half.
type heat struct{ f *Figure }

func (h heat) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, row := range h.f.Cells {
		for _, v := range row {
			if !math.IsNaN(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	for i, row := range h.f.Cells {
		for j, v := range row {
			if math.IsNaN(v) {
				continue
			}
			t := 0.5
			if hi > lo {
				t = (v - lo) / (hi - lo)
			}
			x0, x1 := tx(float64(j)-0.5), tx(float64(j)+0.5)
			y0, y1 := ty(float64(i)-0.5), ty(float64(i)+0.5)
			c.FillPolygon(heatColor(t), []vg.Point{{X: x0, Y: y0}, {X: x0, Y: y1}, {X: x1, Y: y1}, {X: x1, Y: y0}})
			ink := color.Color(inkColor)
			if t > 0.55 {
				ink = whiteColor
			}
			sty := textStyle(h.f, valueSize+1, ink)
			sty.XAlign, sty.YAlign = draw.XCenter, draw.YCenter
			c.FillText(sty, vg.Point{X: (x0 + x1) / 2, Y: (y0 + y1) / 2}, valueLabel(v, h.f.Percent))
		}
	}
}

// heatColor runs from a pale blue (0) to the Okabe–Ito blue darkened (1).
func heatColor(t float64) color.RGBA {
	from := [3]float64{0xEF, 0xF5, 0xFB}
	to := [3]float64{0x08, 0x30, 0x6B}
	var c [3]uint8
	for k := range c {
		c[k] = uint8(math.Round(from[k] + t*(to[k]-from[k])))
	}
	return color.RGBA{c[0], c[1], c[2], 0xff}
}
