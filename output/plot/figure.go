package plot

// Point is one value of a series: the mean across replicates and its 95%
// interval (Low and High NaN: no band, as with one replicate).
type Point struct{ X, Mean, Low, High float64 }

// Series is one line, or one set of bars, of a figure.
type Series struct {
	Label string // in the legend
	Key   string // picks the colour (ColorFor)
	// Secondary draws the series in the second style of its colour: a
	// dashed line, or a pale bar with an outline. It tells apart, say,
	// left-behind girls from other girls without giving up "girls are
	// vermilion".
	Secondary bool
	Points    []Point
}

// Mark is a labelled vertical line at X on a line figure (e.g. the start of
// middle school).
type Mark struct {
	X     float64
	Label string
}

// Figure is the data of one figure, ready to render: what to draw and what
// to say about it, with no drawing decisions besides the kind.
type Figure struct {
	Name    string // file stem, e.g. "a-left-behind"
	Title   string
	XLabel  string
	YLabel  string
	Caption string // one line: what to look at
	// Note, if set, replaces the line under the plot that says what the
	// intervals are (95% across replicate runs).
	Note string
	// Lang is the figure's language: "zh" draws its text with the
	// embedded Noto Sans SC subset (cjk.go); otherwise Liberation Sans.
	Lang string
	// Kind is "line" (X is a number, e.g. a year), "bar" (grouped bars with
	// 95% error bars; X is an index into Categories) or "dot" (horizontal
	// dots with 95% whiskers, one row per category, the value along the x
	// axis; X is an index into Categories, the first row on top).
	Kind       string
	Categories []string
	Percent    bool // values are shares, drawn in %
	// FreeY fits the value axis of a line figure to the data; otherwise it
	// starts at zero, as a count or a share is read against zero.
	FreeY bool
	// XReal says the x axis of a line figure holds a real number (a
	// parameter's value), ticked at round values, not a year or an age.
	XReal  bool
	Series []Series
	Marks  []Mark
	// Rows and Cells are a heat map's: Cells[i][j] is the value in row i
	// (Rows[i], the first at the bottom) and column j (Categories[j]); NaN
	// leaves a cell blank.
	Rows  []string
	Cells [][]float64
}

// Figure kinds. A "scatter" figure draws each series' points, labelled
// with its Label: X along the x axis with Low and High its interval, Mean
// up the y axis; both axes start at zero, or with FreeY fit the data. A "heat" figure
// colours the cells of a table of values (Rows × Categories), each
// labelled with its value.
const (
	KindLine    = "line"
	KindBar     = "bar"
	KindDot     = "dot"
	KindScatter = "scatter"
	KindHeat    = "heat"
)
