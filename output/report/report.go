// Package report writes the self-contained HTML pages of a run
// (report.html) and of a comparison (compare.html) from their view
// models: what to show, already in words and formatted numbers, with the
// figures' PNGs inlined, so that a page reads the same from an e-mail
// attachment with no network. It knows nothing of the model; output
// builds the pages (docs/ODD.md III.i).
package report

import (
	"embed"
	"encoding/base64"
	"html/template"
	"io"
)

//go:embed templates/*.html
var templateFS embed.FS

// Words gives a page its words: the text of a catalogue key in the page's
// language, formatted with args (output/i18n's Lang.T). The templates ask
// for every word they show by key, so that one template serves every
// language.
type Words func(key string, args ...any) string

// missingWords stands in for Words at parse time; a page is always
// executed with its own.
func missingWords(key string, _ ...any) string { panic("report: no words for " + key) }

// parse reads a page's template, with the functions the templates use:
//
//	T key args...    the text of key (escaped like any text)
//	TH key args...   the text of key as HTML: the message may hold markup
//	                 (<code>, <b>), its arguments are escaped
//	TN key n args... key.one when n is 1, else key.other, with n first
func parse(page string) *template.Template {
	return template.Must(template.New("report.html").Funcs(funcs(missingWords)).ParseFS(templateFS, "templates/report.html", "templates/"+page))
}

func funcs(t Words) template.FuncMap {
	return template.FuncMap{
		"T": func(key string, args ...any) string { return t(key, args...) },
		"TH": func(key string, args ...any) template.HTML {
			return template.HTML(t(key, escaped(args)...)) // the catalogue's markup, escaped arguments
		},
		"TN": func(key string, n int, args ...any) template.HTML {
			k := key + ".other"
			if n == 1 {
				k = key + ".one"
			}
			return template.HTML(t(k, escaped(append([]any{n}, args...))...))
		},
	}
}

// escaped are args with every string escaped for HTML.
func escaped(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		if s, ok := a.(string); ok {
			a = template.HTMLEscapeString(s)
		}
		out[i] = a
	}
	return out
}

var (
	runTemplate     = parse("run.html")
	compareTemplate = parse("compare.html")
	sweepTemplate   = parse("sweep.html")
)

// execute writes page p of tmpl in the words of t.
func execute(w io.Writer, tmpl *template.Template, t Words, p any) error {
	c, err := tmpl.Clone()
	if err != nil {
		return err
	}
	return c.Funcs(funcs(t)).ExecuteTemplate(w, "report.html", p)
}

// Figure is a rendered figure for a page.
type Figure struct {
	Name, Title, Caption string
	PNG                  []byte
}

// Base64 is the PNG as a data-URL payload: the page carries its figures.
func (f Figure) Base64() string { return base64.StdEncoding.EncodeToString(f.PNG) }

// Change is one change of a parameter in words: where (a city, a region,
// or the whole country), what (the field's meaning), the values before
// and after, and their unit.
type Change struct {
	Where, What, From, To, Path string
	Unit                        string // of From and To
	When                        string // in a comparison
}

// Reform is the changes of one reform year and note.
type Reform struct {
	Year    int
	Note    string
	Changes []Change
}

// Headline is a row of the headline table: the first and last recorded
// years' values with their intervals, and the metric's definition from
// docs/ODD.md's Observation table for the list under the table.
type Headline struct {
	Label                        string
	First, FirstCI, Last, LastCI string
	Metric, Group, Definition    string
}

// RunPage is what report.html shows of one run.
type RunPage struct {
	Title, Name, Description string
	Reforms                  []Reform
	Dated                    []Change // dated inputs: To holds their values by year
	FirstYear, LastYear      int
	Reps                     int
	Households, Scale        string // grouped by thousands
	Headlines                []Headline
	Figures                  []Figure
	Command                  string // the command that reproduces the run
	Version, Commit          string
	GoVersion, SHA256        string
	Seed                     uint64
	Date, Wall               string
}

// WriteRun writes report.html in the words of t.
func WriteRun(w io.Writer, t Words, p *RunPage) error {
	return execute(w, runTemplate, t, p)
}

// Scenario is a scenario of a comparison, with how it differs from the
// reference.
type Scenario struct {
	Name, Title, Description string
	Reference                bool
	Changes                  []Change
}

// EffectCell is one scenario's difference from the reference, with its
// interval; Class "sig" marks an interval that excludes zero.
type EffectCell struct{ Diff, CI, Class string }

// EffectRow is a headline's value in the reference and its differences.
type EffectRow struct {
	Label, Ref string
	Cells      []EffectCell
}

// ComparePage is what compare.html shows.
type ComparePage struct {
	Title, Reference    string
	FirstYear, LastYear int
	Reps                int
	Method              string
	Paired              bool
	Scenarios           []Scenario
	EffectYear          int
	Others              []string
	Rows                []EffectRow
	Figures             []Figure
	Command, Version    string
	Seed                uint64
	ForkNote            string
}

// WriteCompare writes compare.html in the words of t.
func WriteCompare(w io.Writer, t Words, p *ComparePage) error {
	return execute(w, compareTemplate, t, p)
}

// SweepParam is one parameter of a sweep in words.
type SweepParam struct {
	Name   string
	Paths  []string
	Scale  bool
	Values string // the range, list or distribution
}

// SweepPage is what sweep.html shows.
type SweepPage struct {
	Title, Method, Scenarios string
	Points, Reps             int
	Households               string
	Seed                     uint64
	Params                   []SweepParam
	DesignNote               string
	Sets                     []string // the sweep's overrides
	NoIndex                  string   // "3 outcomes", when some have no index
	IndexTitle, IndexNote    string
	IndexHeads               []string    // the parameters
	Indices                  []EffectRow // one row per outcome, a cell per parameter
	Figures                  []Figure
	Definitions              []Change // Path: the metric, What: its definition
	Command, Version, Commit string
	Hash                     string
}

// WriteSweep writes sweep.html in the words of t.
func WriteSweep(w io.Writer, t Words, p *SweepPage) error {
	return execute(w, sweepTemplate, t, p)
}
