package output

import (
	"math"
	"sort"

	"github.com/hukousim/hukousim/sim/experiment"
)

// RunData is one run's metrics held by series: what the figures, the
// report and the comparison read, whether the run was just made or read
// back from its directory.
type RunData struct {
	Dir          string // the run directory, "" for a run in memory
	Manifest     *Manifest
	ScenarioYAML []byte // the resolved scenario
	Name, Title  string // of the scenario
	Years        []int
	Reps         int
	Keys         []Key // in the order of metrics.csv
	ReformYears  []int // marked on the figures over years (ReformYears)
	index        map[Key]int
	values       [][][]float64 // [key][replicate][year index]
}

// NewRunData makes an empty RunData for years and reps, to be filled with
// Set (ReadRun does so from metrics.csv).
func NewRunData(years []int, reps int) *RunData {
	return &RunData{Years: years, Reps: reps, index: map[Key]int{}}
}

// Set stores one value; a series not seen before is added with every other
// value NaN (missing).
func (d *RunData) Set(k Key, rep, yearIdx int, v float64) {
	i, ok := d.index[k]
	if !ok {
		i = len(d.Keys)
		d.index[k] = i
		d.Keys = append(d.Keys, k)
		vals := make([][]float64, d.Reps)
		for r := range vals {
			vals[r] = make([]float64, len(d.Years))
			for y := range vals[r] {
				vals[r][y] = math.NaN()
			}
		}
		d.values = append(d.values, vals)
	}
	d.values[i][rep][yearIdx] = v
}

// FromResult holds a finished experiment's metrics.
func FromResult(res *experiment.Result) *RunData {
	d := NewRunData(res.Years, len(res.Reps))
	for r, rep := range res.Reps {
		for y, vals := range rep.Metrics {
			for _, v := range vals {
				d.Set(Key{v.Name, v.Group}, r, y, v.Value)
			}
		}
	}
	return d
}

// Series returns a metric's values by replicate and year (values[r][y],
// NaN where missing), and whether the run has it.
func (d *RunData) Series(name, group string) ([][]float64, bool) {
	i, ok := d.index[Key{name, group}]
	if !ok {
		return nil, false
	}
	return d.values[i], true
}

// Has reports whether the run has a metric series.
func (d *RunData) Has(k Key) bool {
	_, ok := d.index[k]
	return ok
}

// YearIndex is the index of year in Years, or -1.
func (d *RunData) YearIndex(year int) int {
	i := sort.SearchInts(d.Years, year)
	if i < len(d.Years) && d.Years[i] == year {
		return i
	}
	return -1
}

// Summary is the mean and 95% interval of every series by year.
func (d *RunData) Summary() *Summary {
	s := &Summary{Years: d.Years, Keys: d.Keys, Values: make([][]Interval, len(d.Keys))}
	xs := make([]float64, d.Reps)
	for k := range d.Keys {
		for y := range d.Years {
			for r := 0; r < d.Reps; r++ {
				xs[r] = d.values[k][r][y]
			}
			s.Values[k] = append(s.Values[k], MeanCI(xs))
		}
	}
	return s
}
