package output

import (
	"bufio"
	"encoding/csv"
	"io"
	"math"
	"sort"
	"strconv"

	"github.com/hukousim/hukousim/sim/experiment"
	"github.com/hukousim/hukousim/sim/stats"
)

// num formats a value so that it reads back exactly; NaN (an empty
// denominator) is written as an empty field.
func num(x float64) string {
	if math.IsNaN(x) {
		return ""
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// WriteMetrics writes the tidy metrics: year,replicate,metric,group,value.
func WriteMetrics(w io.Writer, r *experiment.Result) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	cw.Write([]string{"year", "replicate", "metric", "group", "value"})
	for ri, rep := range r.Reps {
		for yi, vals := range rep.Metrics {
			y := strconv.Itoa(r.Years[yi])
			rs := strconv.Itoa(ri)
			for _, v := range vals {
				cw.Write([]string{y, rs, v.Name, v.Group, num(v.Value)})
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// Interval is a mean and its 95% interval across replicates.
type Interval = stats.Interval

// MeanCI is the mean of xs (NaNs, empty denominators, left out) and its 95%
// t-interval; see stats.MeanCI.
func MeanCI(xs []float64) Interval { return stats.MeanCI(xs) }

// Key names one metric series.
type Key struct{ Name, Group string }

// Summary is every metric's mean and interval by year, in the metrics'
// own order.
type Summary struct {
	Years []int
	Keys  []Key
	// Values[k][y] is key k in year y.
	Values [][]Interval
}

// Summarise computes the summary of a result.
func Summarise(r *experiment.Result) *Summary { return FromResult(r).Summary() }

// Get returns the interval of a metric in a year, and whether it exists.
func (s *Summary) Get(name, group string, year int) (Interval, bool) {
	yi := sort.SearchInts(s.Years, year)
	if yi == len(s.Years) || s.Years[yi] != year {
		return Interval{}, false
	}
	for k, key := range s.Keys {
		if key.Name == name && key.Group == group {
			return s.Values[k][yi], true
		}
	}
	return Interval{}, false
}

// WriteSummary writes year,metric,group,n,mean,low,high.
func WriteSummary(w io.Writer, s *Summary) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	cw.Write([]string{"year", "metric", "group", "n", "mean", "low", "high"})
	for yi, y := range s.Years {
		for k, key := range s.Keys {
			iv := s.Values[k][yi]
			cw.Write([]string{strconv.Itoa(y), key.Name, key.Group, strconv.Itoa(iv.N), num(iv.Mean), num(iv.Low), num(iv.High)})
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// WriteCohorts writes one row per cohort (those finishing at 17 in a year)
// per replicate, by sex and whether ever left behind.
func WriteCohorts(w io.Writer, r *experiment.Result) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	cw.Write([]string{"year", "replicate", "sex", "ever_left_behind", "n", "highschool_rate", "college_rate", "mean_h", "mean_years_one_parent_away", "mean_years_both_away"})
	for ri, rep := range r.Reps {
		for yi, cs := range rep.Cohorts {
			for _, c := range cs {
				cw.Write([]string{strconv.Itoa(r.Years[yi]), strconv.Itoa(ri), c.Sex, strconv.FormatBool(c.EverLeftBehind),
					num(c.N), num(c.HighSchool), num(c.College), num(c.MeanH), num(c.MeanYearsOne), num(c.MeanYearsBoth)})
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
