package output

import (
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"math"
	"strings"

	"github.com/hukousim/hukousim/docs"
	"github.com/hukousim/hukousim/output/plot"
	"github.com/hukousim/hukousim/scenarios"
)

//go:embed templates/*.html
var templateFS embed.FS

var (
	runTemplate     = template.Must(template.ParseFS(templateFS, "templates/report.html", "templates/run.html"))
	compareTemplate = template.Must(template.ParseFS(templateFS, "templates/report.html", "templates/compare.html"))
)

// ReportFigure is a rendered figure for a page.
type ReportFigure struct {
	Name, Title, Caption string
	PNG                  []byte
}

// Base64 is the PNG as a data-URL payload: the page carries its figures, so
// it reads the same from an e-mail attachment with no network.
func (f ReportFigure) Base64() string { return base64.StdEncoding.EncodeToString(f.PNG) }

// RunReport is what report.html shows of one run.
type RunReport struct {
	Scenario *scenarios.Scenario
	Manifest *Manifest
	Data     *RunData
	Figures  []ReportFigure
	Command  string // the command that reproduces the run
}

type reformView struct {
	Year    int
	Note    string
	Changes []changeView
}

// changeView is one change in words: where (a city, a region, or the whole
// country), what (the field's meaning), and the values before and after.
type changeView struct {
	Where, What, From, To, Path string
	When                        string // in a comparison
}

var stageWords = map[string]string{"primary": "primary school", "middle": "middle school", "high": "high school"}

func describeChange(path, doc, from, to string, overYears int) changeView {
	segs := strings.Split(path, ".")
	v := changeView{Where: "everywhere", What: doc, From: from, To: to, Path: path}
	if len(segs) > 2 && (segs[0] == "cities" || segs[0] == "regions") {
		v.Where = segs[1]
		if segs[0] == "regions" {
			v.Where += " (region)"
		}
		rest := segs[2:]
		switch {
		case rest[0] == "destinations" && len(rest) > 1:
			v.What = "share of its migrants going to " + rest[1]
		case len(rest) > 1 && stageWords[rest[1]] != "":
			v.What += ", " + stageWords[rest[1]]
		}
	}
	if v.What == "" {
		v.What = path
	}
	if v.From == "" {
		v.From = "—"
	}
	if overYears > 1 {
		v.To += fmt.Sprintf(" (step by step over %d years)", overYears)
	}
	return v
}

type headlineView struct {
	Label                        string
	First, FirstCI, Last, LastCI string
	// The metric, its group and its definition in docs/ODD.md's
	// Observation table, for the list under the table.
	Metric, Group, Definition string
}

// reformViews groups a scenario's reforms by year and note, in words.
func reformViews(s *scenarios.Scenario) ([]reformView, error) {
	cs, err := s.DescribeReforms()
	if err != nil {
		return nil, err
	}
	var out []reformView
	for _, c := range cs {
		if c.From == c.To {
			continue // set to the value it already had
		}
		if n := len(out); n == 0 || out[n-1].Year != c.Year || out[n-1].Note != c.Note {
			out = append(out, reformView{Year: c.Year, Note: c.Note})
		}
		out[len(out)-1].Changes = append(out[len(out)-1].Changes, describeChange(c.Path, c.Doc, c.From, c.To, c.OverYears))
	}
	return out, nil
}

// formatInterval writes a headline value and its interval.
func formatInterval(h Headline, iv Interval, ok bool) (value, ci string) {
	if !ok || math.IsNaN(iv.Mean) {
		return "n/a", ""
	}
	if math.IsNaN(iv.Low) {
		return h.Unit.Format(iv.Mean), ""
	}
	lo, hi := h.Unit.Clamp(iv.Low, iv.High)
	return h.Unit.Format(iv.Mean), h.Unit.Format(lo) + ", " + h.Unit.Format(hi)
}

// WriteRunReport writes report.html.
func WriteRunReport(w io.Writer, r *RunReport) error {
	reforms, err := reformViews(r.Scenario)
	if err != nil {
		return err
	}
	sum := r.Data.Summary()
	y0, y1 := r.Data.Years[0], r.Data.Years[len(r.Data.Years)-1]
	var heads []headlineView
	_, defs := docs.Tables()
	for _, h := range Headlines {
		a, okA := sum.Get(h.Name, h.Group, y0)
		b, okB := sum.Get(h.Name, h.Group, y1)
		v := headlineView{Label: h.Label, Metric: h.Name, Group: h.Group}
		if d := defs[h.Name]; len(d) == 3 {
			v.Definition = d[2]
		}
		v.First, v.FirstCI = formatInterval(h, a, okA)
		v.Last, v.LastCI = formatInterval(h, b, okB)
		heads = append(heads, v)
	}
	m := r.Manifest
	scale := 0.0
	for _, s := range m.Scale {
		scale += s / float64(len(m.Scale))
	}
	view := map[string]any{
		"Title":       r.Scenario.Title,
		"Name":        r.Scenario.Name,
		"Description": strings.TrimSpace(r.Scenario.Description),
		"Reforms":     reforms,
		"FirstYear":   y0,
		"LastYear":    y1,
		"Reps":        m.Replicates,
		"Households":  plot.Thousands(fmt.Sprint(m.Households)),
		"Scale":       plot.Thousands(fmt.Sprintf("%.0f", scale)),
		"Headlines":   heads,
		"Figures":     r.Figures,
		"Command":     r.Command,
		"Version":     m.Version,
		"Commit":      m.Commit,
		"GoVersion":   m.GoVersion,
		"SHA256":      m.ScenarioSHA256,
		"Seed":        m.Seed,
		"Date":        m.End.Format("2 January 2006"),
		"Wall":        fmt.Sprintf("%.1f", m.WallSeconds),
	}
	return runTemplate.ExecuteTemplate(w, "report.html", view)
}

// CompareReport is what compare.html shows.
type CompareReport struct {
	Runs       []*RunData            // the reference first
	Scenarios  []*scenarios.Scenario // parsed from each run's scenario.yaml
	Effects    []Effect              // every effect of every run against the reference
	EffectYear int
	Paired     bool
	Figures    []ReportFigure
	Command    string
	ForkNote   string
}

type scenarioView struct {
	Name, Title, Description string
	Reference                bool
	Changes                  []changeView
}

type effectCell struct{ Diff, CI, Class string }

type effectRow struct {
	Label, Ref string
	Cells      []effectCell
}

// differences describes in words how scenario s differs from ref: the base
// parameters that differ (from the first year), then each reform that ref
// does not have.
func differences(ref, s *scenarios.Scenario) ([]changeView, error) {
	var out []changeView
	for _, c := range scenarios.Diff(&ref.Params, &s.Params) {
		v := describeChange(c.Path, c.Doc, c.From, c.To, 1)
		v.When = "from the start"
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
			v := describeChange(c.Path, c.Doc, c.From, c.To, c.OverYears)
			v.When = fmt.Sprintf("from %d", c.Year)
			out = append(out, v)
		}
	}
	return out, nil
}

// WriteCompareReport writes compare.html.
func WriteCompareReport(w io.Writer, r *CompareReport) error {
	ref := r.Runs[0]
	var views []scenarioView
	for i, s := range r.Scenarios {
		v := scenarioView{Name: s.Name, Title: s.Title, Description: strings.TrimSpace(s.Description), Reference: i == 0}
		if i > 0 {
			ch, err := differences(r.Scenarios[0], s)
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
	var rows []effectRow
	for _, h := range Headlines {
		iv, ok := refSum.Get(h.Name, h.Group, r.EffectYear)
		v, _ := formatInterval(h, iv, ok)
		row := effectRow{Label: h.Label, Ref: v}
		for _, d := range r.Runs[1:] {
			e, ok := index[d.Name+"\x00"+h.Name+"\x00"+h.Group]
			cell := effectCell{Diff: "n/a"}
			if ok && !math.IsNaN(e.Diff) {
				cell.Diff = h.Unit.FormatDiff(e.Diff)
				if !math.IsNaN(e.DiffLow) {
					cell.CI = h.Unit.FormatDiff(e.DiffLow) + ", " + h.Unit.FormatDiff(e.DiffHigh)
					if e.DiffLow > 0 || e.DiffHigh < 0 {
						cell.Class = "sig" // the interval excludes zero
					}
				}
			}
			row.Cells = append(row.Cells, cell)
		}
		rows = append(rows, row)
	}
	method := "differences paired by replicate (common random numbers)"
	if !r.Paired {
		method = "unpaired runs, Welch intervals"
	}
	title := "Comparison of " + ref.Name
	for _, o := range others {
		title += ", " + o
	}
	m := ref.Manifest
	view := map[string]any{
		"Title":      title,
		"Reference":  ref.Name,
		"FirstYear":  ref.Years[0],
		"LastYear":   ref.Years[len(ref.Years)-1],
		"Reps":       ref.Reps,
		"Method":     method,
		"Paired":     r.Paired,
		"Scenarios":  views,
		"EffectYear": r.EffectYear,
		"Others":     others,
		"Rows":       rows,
		"Figures":    r.Figures,
		"Command":    r.Command,
		"Version":    m.Version,
		"Seed":       m.Seed,
		"ForkNote":   r.ForkNote,
	}
	return compareTemplate.ExecuteTemplate(w, "report.html", view)
}
