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
	if err := report.WriteSweep(&page, s.sweepPage(idx, pageFigs)); err != nil {
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
					Title:   fmt.Sprintf("What moves %s in %d%s", m, o.year, scTitle(o.scenario, len(body.Scenarios))),
					XLabel:  "μ*: mean absolute effect over the whole range",
					YLabel:  "σ: spread of the effects",
					Caption: fmt.Sprintf("Morris elementary effects of each parameter on %s. Right: a larger effect; up: an effect that depends on where the others are (interaction or curvature).", m),
					Note:    "Whiskers: bootstrap 95% interval of μ* over trajectories.",
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
					Title:      fmt.Sprintf("Shares of the variance of %s in %d%s", m, o.year, scTitle(o.scenario, len(body.Scenarios))),
					XLabel:     "Sobol index",
					Caption:    fmt.Sprintf("First-order index: the share of the variance of %s a parameter causes alone; total: the share it takes any part in. Their gap is its interactions.", m),
					Note:       "Whiskers: bootstrap 95% interval over the base samples.",
					Categories: paramNames(body),
				}
				first := plot.Series{Label: "first-order (S1)", Key: "index:first"}
				total := plot.Series{Label: "total (ST)", Key: "index:total"}
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
				Title:   fmt.Sprintf("%s against %s, %d", m, p.Name, byMetric[m][0].year),
				XLabel:  p.Name,
				YLabel:  m,
				Caption: fmt.Sprintf("The mean of %s over replicates at each value of %s; every value shares the same random numbers.", m, p.Name),
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
						Title:  fmt.Sprintf("%s against %s, %d%s", m, p.Name, o.year, scTitle(o.scenario, len(body.Scenarios))),
						XLabel: p.Name, YLabel: m,
						Caption: fmt.Sprintf("Each dot is a point of the design: the mean of %s over replicates, against %s, with every other parameter at that point's value. A trend says the outcome leans on %s; the scatter around it is the other parameters and the replicates.", m, p.Name, p.Name),
						Note:    "Each dot: the mean over replicate runs at one point (sweep.csv has each run).",
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
					Title:  fmt.Sprintf("%s by %s and %s, %d%s", m, px.Name, py.Name, o.year, scTitle(o.scenario, len(body.Scenarios))),
					XLabel: px.Name, YLabel: py.Name,
					Caption: fmt.Sprintf("The mean of %s over replicates at each point of the grid; darker is higher.", m),
					Note:    "Each cell: the mean over replicate runs (sweep.csv has each run).",
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

func scTitle(sc string, n int) string {
	if n < 2 {
		return ""
	}
	return " (" + sc + ")"
}

// distText says in words what values a parameter takes.
func distText(d sweep.Dist, grid bool) string {
	g := func(x float64) string { return strconv.FormatFloat(x, 'g', 4, 64) }
	a := d.Args
	switch d.Kind {
	case "values":
		var vs []string
		for _, v := range d.Values {
			vs = append(vs, g(v))
		}
		if grid {
			return "each of " + strings.Join(vs, ", ")
		}
		return "one of " + strings.Join(vs, ", ") + ", equally likely"
	case "range":
		if d.Steps > 1 {
			return fmt.Sprintf("%d evenly spaced values from %s to %s", d.Steps, g(a[0]), g(a[1]))
		}
		return fmt.Sprintf("uniform over [%s, %s]", g(a[0]), g(a[1]))
	case "log-range":
		return fmt.Sprintf("log-uniform over [%s, %s]", g(a[0]), g(a[1]))
	case "triangular":
		return fmt.Sprintf("triangular over [%s, %s], most likely %s", g(a[0]), g(a[2]), g(a[1]))
	case "normal":
		return fmt.Sprintf("normal (mean %s, sd %s) cut to [%s, %s]", g(a[0]), g(a[1]), g(a[2]), g(a[3]))
	}
	return d.Kind
}

// designNote says what the design is, with its sources.
func designNote(d sweep.Design, k, n int) string {
	switch d.Method {
	case "grid":
		return fmt.Sprintf("A full grid: every combination of the values, %d points.", n)
	case "latin-hypercube":
		return fmt.Sprintf("A Latin hypercube of %d points (McKay, Beckman and Conover 1979): each parameter's range cut into %d equally likely strata, one point in each; design seed %d.", n, n, d.Seed)
	case "morris":
		return fmt.Sprintf("Morris elementary effects (Morris 1991): %d trajectories of %d points on a %d-level grid, %d points; μ*, the mean absolute effect (Campolongo, Cariboni and Saltelli 2007), with bootstrap 95%% intervals over trajectories (%d resamples); design seed %d.", d.Trajectories, k+1, d.Levels, n, d.Bootstrap, d.Seed)
	case "sobol":
		return fmt.Sprintf("Sobol indices by Saltelli's scheme (Saltelli et al. 2010): %d base samples from a Sobol' sequence, %d points; first-order indices by Saltelli et al. (2010), total by Jansen (1999), with bootstrap 95%% intervals (%d resamples); design seed %d.", d.Samples, n, d.Bootstrap, d.Seed)
	}
	return ""
}

func (s *SweepResult) sweepPage(idx []IndexRow, figs []report.Figure) *report.SweepPage {
	body := &s.Plan.Body
	var scs []string
	for _, sc := range body.Scenarios {
		scs = append(scs, sc.Name)
	}
	p := &report.SweepPage{
		Title:  "Sweep of " + strings.Join(paramNames(body), ", "),
		Method: body.Design.Method, Points: len(body.Points), Scenarios: strings.Join(scs, ", "),
		Reps: body.Replicates, Households: plot.Thousands(strconv.Itoa(body.Households)), Seed: body.Seed,
		DesignNote: designNote(body.Design, len(body.Parameters), len(body.Points)),
		Figures:    figs, Command: strings.Join(os.Args, " "), Version: Version, Commit: Commit(), Hash: s.Plan.Hash,
		Sets: body.Sets,
	}
	if n := len(s.NoIndex); n > 0 {
		p.NoIndex = fmt.Sprintf("%d %s", n, Verb(n, "outcome", "outcomes"))
	}
	for _, par := range body.Parameters {
		p.Params = append(p.Params, report.SweepParam{Name: par.Name, Paths: par.Paths, Scale: par.Mode == "scale", Values: distText(par.Dist, body.Design.Method == "grid")})
	}
	_, defs := docs.Tables()
	for _, m := range body.Metrics {
		if d := defs[m]; len(d) == 3 {
			p.Definitions = append(p.Definitions, report.Change{Path: m, What: d[2]})
		}
	}
	if len(idx) == 0 {
		return p
	}
	p.IndexHeads = paramNames(body)
	last := body.Years[len(body.Years)-1]
	if body.Design.Method == "morris" {
		p.IndexTitle = fmt.Sprintf("Which parameters matter, %d: Morris μ*", last)
		p.IndexNote = "Each cell is μ*, the mean absolute change in the outcome when the parameter moves across its whole range, with its bootstrap 95% interval; the largest in each row is in bold. σ, the spread of the effects, is in the figures and indices.csv."
	} else {
		p.IndexTitle = fmt.Sprintf("Which parameters matter, %d: Sobol total indices", last)
		p.IndexNote = "Each cell is the total index ST, the share of the outcome's variance the parameter takes part in, with its bootstrap 95% interval; the largest in each row is in bold. First-order indices are in the figures and indices.csv."
	}
	g := func(x float64) string { return strconv.FormatFloat(x, 'g', 3, 64) }
	for _, o := range s.figureOutcomes(func() []outcome {
		var ks []outcome
		for _, r := range idx {
			if len(ks) == 0 || ks[len(ks)-1] != r.outcome {
				ks = append(ks, r.outcome)
			}
		}
		return ks
	}()) {
		row := report.EffectRow{Label: o.metric + scTitle(o.scenario, len(body.Scenarios))}
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
