package calibrate

// Target is one published fact and how the model computes it.
type Target struct {
	Name string
	// The model's counterpart: the metric series (name and group of
	// metrics.csv), averaged over the years FirstYear..LastYear within each
	// replicate, times Scale.
	Metric, Group       string
	FirstYear, LastYear int
	Scale               float64
	// The published value and the band the model must fall in.
	Value, Low, High float64
	Population       string // whom the published figure describes
	Source           string
	Definition       string // the model definition in words, for docs and reports
}

// Parameter is one free parameter of a calibration: a value set at every
// path (Mode "set"), or a factor multiplying the scenario's value at every
// path (Mode "scale"), searched within Bounds.
type Parameter struct {
	Name   string
	Paths  []string
	Mode   string // "set" or "scale"
	Low    float64
	High   float64
	Start  float64 // the starting point (default: the scenario's value, or 1 for a scale)
	HasSet bool    // whether Start was given
}

// Weighted is a target with its weight in the objective.
type Weighted struct {
	Target
	Weight float64
}

// Spec is a calibration: what to run, what to fit, and to what.
type Spec struct {
	Scenario   string   // an embedded name or a path
	Sets       []string // --set overrides applied before fitting
	Households int
	Reps       int
	Years      int // recorded years per evaluation (enough to cover the targets)
	Seed       uint64
	Method     string // "nelder-mead" or "cma-es"
	MaxEvals   int
	Params     []Parameter
	Targets    []Weighted
}
