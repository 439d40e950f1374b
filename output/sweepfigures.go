package output

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/hukousim/hukousim/docs"
	"github.com/hukousim/hukousim/output/i18n"
	"github.com/hukousim/hukousim/output/plot"
	"github.com/hukousim/hukousim/output/report"
	"github.com/hukousim/hukousim/sim/sweep"
)

// figuresAndPage renders the sweep's figures (plots/*.png) and
// sweep.html. Figures show each metric's ungrouped value in the last
// recorded year (every group and year is in the CSV files): with one
// parameter, its response curve per scenario with the replicates' 95%
// band; with two in a grid, a heat map per scenario; with Morris, μ*
// against σ; with Sobol, the first-order and total indices.
func (s *SweepResult) figuresAndPage(idx []IndexRow) ([]outFile, error) {
	figs := s.sweepFigures(idx)
	for i := range figs {
		figs[i].Lang = string(s.Lang)
	}
	localizeNotes(figs)
	s.Figures = len(figs)
	var files []outFile
	var pageFigs []report.Figure
	for _, f := range figs {
		b, err := plot.Render(&f, "png")
		if err != nil {
			return nil, err
		}
		files = append(files, outFile{"plots/" + f.Name + ".png", b})
		pageFigs = append(pageFigs, report.Figure{Name: f.Name, Title: f.Title, Caption: f.Caption, PNG: b})
	}
	var page bytes.Buffer
	if err := report.WriteSweep(&page, s.Lang.T, s.sweepPage(idx, pageFigs)); err != nil {
		return nil, err
	}
	return append(files, outFile{"sweep.html", page.Bytes()}), nil
}

// figureOutcomes are the outcomes figures show: ungrouped, in the last
// year, by metric in the plan's order, then scenario.
func (s *SweepResult) figureOutcomes(keys []outcome) []outcome {
	body := &s.Plan.Body
	last := body.Years[len(body.Years)-1]
	var out []outcome
	for _, o := range keys {
		if o.group == "" && o.year == last {
			out = append(out, o)
		}
	}
	return out
}

func (s *SweepResult) sweepFigures(idx []IndexRow) []plot.Figure {
	body := &s.Plan.Body
	t := func(key string, args ...any) string { return s.Lang.T("fig.sweep."+key, args...) }
	scTitle := func(sc string, n int) string { return scTitle(s.Lang, sc, n) }
	keys, stats := s.outcomes()
	shown := s.figureOutcomes(keys)
	k := len(body.Parameters)
	scIndex := func(name string) int {
		return slices.IndexFunc(body.Scenarios, func(p PlanScenario) bool { return p.Name == name })
	}
	byMetric := map[string][]outcome{}
	var metrics []string
	for _, o := range shown {
		if byMetric[o.metric] == nil {
			metrics = append(metrics, o.metric)
		}
		byMetric[o.metric] = append(byMetric[o.metric], o)
	}
	var figs []plot.Figure
	n := 0
	name := func(stem string) string { n++; return fmt.Sprintf("%02d-%s", n, stem) }
	switch {
	case body.Design.Method == "morris":
		for _, m := range metrics {
			for _, o := range byMetric[m] {
				f := plot.Figure{
					Name: name(m + "-morris" + scSuffix(o.scenario, len(body.Scenarios))), Kind: plot.KindScatter,
					Title:   t("morris.title", m, o.year, scTitle(o.scenario, len(body.Scenarios))),
					XLabel:  t("morris.x"),
					YLabel:  t("morris.y"),
					Caption: t("morris.caption", m),
					Note:    t("morris.note"),
				}
				for _, r := range idx {
					if r.outcome == o {
						f.Series = append(f.Series, plot.Series{Label: r.Parameter, Key: plot.ScenarioKey(1 + slices.Index(paramNames(body), r.Parameter)),
							Points: []plot.Point{{X: r.Morris.MuStar, Mean: r.Morris.Sigma, Low: r.Morris.MuStarLow, High: r.Morris.MuStarHigh}}})
					}
				}
				figs = append(figs, f)
			}
		}
	case body.Design.Method == "sobol":
		for _, m := range metrics {
			for _, o := range byMetric[m] {
				f := plot.Figure{
					Name: name(m + "-sobol" + scSuffix(o.scenario, len(body.Scenarios))), Kind: plot.KindDot,
					Title:      t("sobol.title", m, o.year, scTitle(o.scenario, len(body.Scenarios))),
					XLabel:     t("sobol.x"),
					Caption:    t("sobol.caption", m),
					Note:       t("sobol.note"),
					Categories: paramNames(body),
				}
				first := plot.Series{Label: t("sobol.first"), Key: "index:first"}
				total := plot.Series{Label: t("sobol.total"), Key: "index:total"}
				j := 0
				for _, r := range idx {
					if r.outcome == o {
						first.Points = append(first.Points, plot.Point{X: float64(j), Mean: r.Sobol.S1, Low: r.Sobol.S1Low, High: r.Sobol.S1High})
						total.Points = append(total.Points, plot.Point{X: float64(j), Mean: r.Sobol.ST, Low: r.Sobol.STLow, High: r.Sobol.STHigh})
						j++
					}
				}
				f.Series = []plot.Series{first, total}
				figs = append(figs, f)
			}
		}
	case k == 1:
		p := body.Parameters[0]
		for _, m := range metrics {
			f := plot.Figure{
				Name: name(m + "-response"), Kind: plot.KindLine, XReal: true, FreeY: true,
				Title:   t("against", m, p.Name, byMetric[m][0].year, ""),
				XLabel:  p.Name,
				YLabel:  m,
				Caption: t("response.caption", m, p.Name),
			}
			for _, o := range byMetric[m] {
				st := stats[o]
				ser := plot.Series{Label: o.scenario, Key: plot.ScenarioKey(scIndex(o.scenario))}
				for i, pt := range body.Points {
					ser.Points = append(ser.Points, plot.Point{X: pt[0], Mean: st.mean[i], Low: st.mean[i] - st.half[i], High: st.mean[i] + st.half[i]})
				}
				sort.SliceStable(ser.Points, func(a, b int) bool { return ser.Points[a].X < ser.Points[b].X })
				f.Series = append(f.Series, ser)
			}
			figs = append(figs, f)
		}
	case k > 1 && !(k == 2 && body.Design.Method == "grid"):
		// Every parameter against each outcome, the others varying too:
		// the EMA workbench's first look at a sampled design.
		for _, m := range metrics {
			for _, o := range byMetric[m] {
				st := stats[o]
				for j, p := range body.Parameters {
					f := plot.Figure{
						Name: name(m + "-" + p.Name + scSuffix(o.scenario, len(body.Scenarios))), Kind: plot.KindScatter, FreeY: true,
						Title:  t("against", m, p.Name, o.year, scTitle(o.scenario, len(body.Scenarios))),
						XLabel: p.Name, YLabel: m,
						Caption: t("scatter.caption", m, p.Name),
						Note:    t("scatter.note"),
					}
					ser := plot.Series{Key: plot.ScenarioKey(max(scIndex(o.scenario), 0))}
					for i, pt := range body.Points {
						ser.Points = append(ser.Points, plot.Point{X: pt[j], Mean: st.mean[i], Low: math.NaN(), High: math.NaN()})
					}
					f.Series = []plot.Series{ser}
					figs = append(figs, f)
				}
			}
		}
	case k == 2 && body.Design.Method == "grid":
		px, py := body.Parameters[0], body.Parameters[1]
		xs, ys := distinct(body.Points, 0), distinct(body.Points, 1)
		for _, m := range metrics {
			for _, o := range byMetric[m] {
				st := stats[o]
				f := plot.Figure{
					Name: name(m + "-grid" + scSuffix(o.scenario, len(body.Scenarios))), Kind: plot.KindHeat,
					Title:  t("grid.title", m, px.Name, py.Name, o.year, scTitle(o.scenario, len(body.Scenarios))),
					XLabel: px.Name, YLabel: py.Name,
					Caption: t("grid.caption", m),
					Note:    t("grid.note"),
				}
				for _, x := range xs {
					f.Categories = append(f.Categories, strconv.FormatFloat(x, 'g', 4, 64))
				}
				for _, y := range ys {
					f.Rows = append(f.Rows, strconv.FormatFloat(y, 'g', 4, 64))
				}
				f.Cells = make([][]float64, len(ys))
				for i := range f.Cells {
					f.Cells[i] = make([]float64, len(xs))
					for j := range f.Cells[i] {
						f.Cells[i][j] = math.NaN()
					}
				}
				for i, pt := range body.Points {
					f.Cells[slices.Index(ys, pt[1])][slices.Index(xs, pt[0])] = st.mean[i]
				}
				figs = append(figs, f)
			}
		}
	}
	return figs
}

func paramNames(body *PlanBody) []string {
	var out []string
	for _, p := range body.Parameters {
		out = append(out, p.Name)
	}
	return out
}

// distinct are the distinct values of column j of pts, ascending.
func distinct(pts [][]float64, j int) []float64 {
	var out []float64
	for _, p := range pts {
		if !slices.Contains(out, p[j]) {
			out = append(out, p[j])
		}
	}
	slices.Sort(out)
	return out
}

func scSuffix(sc string, n int) string {
	if n < 2 {
		return ""
	}
	return "-" + sc
}

func scTitle(l i18n.Lang, sc string, n int) string {
	if n < 2 {
		return ""
	}
	return l.T("fig.sweep.of_scenario", sc)
}

// distText says in l what values a parameter takes.
func distText(l i18n.Lang, d sweep.Dist, grid bool) string {
	g := func(x float64) string { return strconv.FormatFloat(x, 'g', 4, 64) }
	a := d.Args
	switch d.Kind {
	case "values":
		var vs []string
		for _, v := range d.Values {
			vs = append(vs, g(v))
		}
		if grid {
			return l.T("dist.each", strings.Join(vs, l.T("html.list_sep")))
		}
		return l.T("dist.one", strings.Join(vs, l.T("html.list_sep")))
	case "range":
		if d.Steps > 1 {
			return l.T("dist.steps", d.Steps, g(a[0]), g(a[1]))
		}
		return l.T("dist.uniform", g(a[0]), g(a[1]))
	case "log-range":
		return l.T("dist.log", g(a[0]), g(a[1]))
	case "triangular":
		return l.T("dist.triangular", g(a[0]), g(a[2]), g(a[1]))
	case "normal":
		return l.T("dist.normal", g(a[0]), g(a[1]), g(a[2]), g(a[3]))
	}
	return d.Kind
}

// designNote says in l what the design is, with its sources.
func designNote(l i18n.Lang, d sweep.Design, k, n int) string {
	switch d.Method {
	case "grid":
		return l.T("design.grid", n)
	case "latin-hypercube":
		return l.T("design.lhs", n, n, d.Seed)
	case "morris":
		return l.T("design.morris", d.Trajectories, k+1, d.Levels, n, d.Bootstrap, d.Seed)
	case "sobol":
		return l.T("design.sobol", d.Samples, n, d.Bootstrap, d.Seed)
	}
	return ""
}

func (s *SweepResult) sweepPage(idx []IndexRow, figs []report.Figure) *report.SweepPage {
	body := &s.Plan.Body
	l := s.Lang
	var scs []string
	for _, sc := range body.Scenarios {
		scs = append(scs, sc.Name)
	}
	p := &report.SweepPage{
		Title:  l.T("sweep.title", strings.Join(paramNames(body), l.T("html.list_sep"))),
		Method: body.Design.Method, Points: len(body.Points), Scenarios: strings.Join(scs, l.T("html.list_sep")),
		Reps: body.Replicates, Households: plot.Thousands(strconv.Itoa(body.Households)), Seed: body.Seed,
		DesignNote: designNote(l, body.Design, len(body.Parameters), len(body.Points)),
		Figures:    figs, Command: strings.Join(os.Args, " "), Version: Version, Commit: Commit(), Hash: s.Plan.Hash,
		Sets: body.Sets,
	}
	if n := len(s.NoIndex); n > 0 {
		p.NoIndex = l.T(Verb(n, "sweep.n_outcome", "sweep.n_outcomes"), n)
	}
	for _, par := range body.Parameters {
		p.Params = append(p.Params, report.SweepParam{Name: par.Name, Paths: par.Paths, Scale: par.Mode == "scale", Values: distText(l, par.Dist, body.Design.Method == "grid")})
	}
	_, defs := docs.Tables()
	for _, m := range body.Metrics {
		if d := defs[m]; len(d) == 3 {
			p.Definitions = append(p.Definitions, report.Change{Path: m, What: l.MetricDef(m, d[2])})
		}
	}
	if len(idx) == 0 {
		return p
	}
	p.IndexHeads = paramNames(body)
	last := body.Years[len(body.Years)-1]
	if body.Design.Method == "morris" {
		p.IndexTitle = l.T("sweep.morris_title", last)
		p.IndexNote = l.T("sweep.morris_note")
	} else {
		p.IndexTitle = l.T("sweep.sobol_title", last)
		p.IndexNote = l.T("sweep.sobol_note")
	}
	g := sig3
	for _, o := range s.figureOutcomes(func() []outcome {
		var ks []outcome
		for _, r := range idx {
			if len(ks) == 0 || ks[len(ks)-1] != r.outcome {
				ks = append(ks, r.outcome)
			}
		}
		return ks
	}()) {
		row := report.EffectRow{Label: o.metric + scTitle(l, o.scenario, len(body.Scenarios))}
		best, bestV := -1, math.Inf(-1)
		for _, r := range idx {
			if r.outcome != o {
				continue
			}
			v, lo, hi := r.Morris.MuStar, r.Morris.MuStarLow, r.Morris.MuStarHigh
			if body.Design.Method == "sobol" {
				v, lo, hi = r.Sobol.ST, r.Sobol.STLow, r.Sobol.STHigh
			}
			if v > bestV {
				best, bestV = len(row.Cells), v
			}
			row.Cells = append(row.Cells, report.EffectCell{Diff: g(v), CI: g(lo) + ", " + g(hi)})
		}
		if best >= 0 {
			row.Cells[best].Class = "sig"
		}
		p.Indices = append(p.Indices, row)
	}
	return p
}
