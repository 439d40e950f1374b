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
	// Kind is "line" (X is a number, e.g. a year), "bar" (grouped bars with
	// 95% error bars; X is an index into Categories) or "dot" (horizontal
	// dots with 95% whiskers, one row per category, the value along the x
	// axis; X is an index into Categories, the first row on top).
	Kind       string
	Categories []string
	Percent    bool // values are shares, drawn in %
	// FreeY fits the value axis of a line figure to the data; otherwise it
	// starts at zero, as a count or a share is read against zero.
	FreeY  bool
	Series []Series
	Marks  []Mark
}

// Figure kinds.
const (
	KindLine = "line"
	KindBar  = "bar"
	KindDot  = "dot"
)
