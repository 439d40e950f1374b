package output

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/hukousim/hukousim/sim/stats"
)

// Effect is how one scenario differs from the reference in one metric and
// year, with 95% intervals across replicates.
//
// Ref and Value are means over the replicates used (N), so that Diff is
// exactly Value − Ref. In a paired comparison those are the replicates
// where both runs have a value; in a Welch comparison, each run's own
// replicates with a value.
//
// Rel is a relative difference, value/ref − 1, NaN where the reference is
// 0 or missing. Paired, it is the mean of the per-replicate ratios
// x_r/ref_r − 1 over the replicates with ref_r ≠ 0, which is not Diff/Ref
// (for ref = 1, 2 and value = 2, 3 it is (1 + 0.5)/2 = 0.75, where
// Diff/Ref = 1/1.5 = 0.67): each ratio compares a replicate with its own
// reference, so the shocks the two runs share cancel in the ratio as they
// do in the difference, and its interval is as narrow as the paired
// difference's. Welch (no pairs), it is Diff/Ref.
type Effect struct {
	Scenario         string // the compared scenario's name
	Metric, Group    string
	Year             int
	stats.Difference // the means, the difference and its interval, the method
}

// Comparison methods, as Effect.Method names them.
const (
	MethodPaired = stats.MethodPaired
	MethodWelch  = stats.MethodWelch
)

// runName names a run in a message: its directory as the user gave it,
// or, for a run in memory, its scenario.
func runName(d *RunData, i int) string {
	switch {
	case d.Dir != "":
		return d.Dir
	case d.Name != "":
		return "the run of " + d.Name
	default:
		return fmt.Sprintf("run %d", i+1)
	}
}

// CheckPaired reports whether the runs share their common random numbers,
// so that replicate r of each faced the same shocks and differences can be
// taken by replicate: the same seed, replicates, years, burn-in and
// households, read from the manifests. Each run is checked against the
// first, the reference, and the error lists every mismatch.
func CheckPaired(runs []*RunData) error {
	if len(runs) < 2 {
		return nil
	}
	ref := runs[0]
	rn := runName(ref, 0)
	var problems []string
	for i, d := range runs[1:] {
		dn := runName(d, i+1)
		if ref.Manifest == nil || d.Manifest == nil {
			missing := rn
			if d.Manifest == nil {
				missing = dn
			}
			problems = append(problems, fmt.Sprintf("%s has no manifest, so its seed is unknown", missing))
			continue
		}
		a, b := ref.Manifest, d.Manifest
		for _, f := range []struct {
			what string
			a, b any
		}{
			{"seed", a.Seed, b.Seed},
			{"replicates", a.Replicates, b.Replicates},
			{"start year", a.StartYear, b.StartYear},
			{"recorded years", a.Years, b.Years},
			{"burn-in years", a.BurnIn, b.BurnIn},
			{"households", a.Households, b.Households},
		} {
			if f.a != f.b {
				problems = append(problems, fmt.Sprintf("%s: %s has %v, the reference %s has %v", f.what, dn, f.b, rn, f.a))
			}
		}
		// The manifests describe the metrics; a RunData built in memory
		// might not match its manifest, and pairing indexes replicates.
		if d.Reps != ref.Reps && a.Replicates == b.Replicates {
			problems = append(problems, fmt.Sprintf("replicates: %s holds %d, the reference %s holds %d", dn, d.Reps, rn, ref.Reps))
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return fmt.Errorf("output: the runs do not share common random numbers, so their replicates cannot be paired:\n  %s\n"+
		"rerun them with the same --seed, --reps, --households, --years, time.start_year and time.burn_in, "+
		"or pass --unpaired to compare them anyway with Welch intervals", strings.Join(problems, "\n  "))
}

// CheckComparable reports whether the runs can be compared at all, paired
// or not: made by the same version of hukousim, with at least one metric
// and one year in common with the first run, the reference. The error
// lists every problem, and also what Gaps would say.
func CheckComparable(runs []*RunData) error {
	if len(runs) < 2 {
		return fmt.Errorf("output: a comparison needs at least two runs, the reference first, got %d", len(runs))
	}
	ref := runs[0]
	rn := runName(ref, 0)
	var problems []string
	for i, d := range runs[1:] {
		dn := runName(d, i+1)
		if va, vb := runVersion(ref), runVersion(d); va != vb {
			problems = append(problems, fmt.Sprintf("%s was made by hukousim %s, the reference %s by hukousim %s; rerun them with one version", dn, vb, rn, va))
		}
		if len(commonKeys(ref, d)) == 0 {
			problems = append(problems, fmt.Sprintf("%s has no metric in common with the reference %s", dn, rn))
		}
		if len(commonYears(ref, d)) == 0 {
			problems = append(problems, fmt.Sprintf("%s's years %s do not overlap the reference %s's years %s", dn, yearSpan(d.Years), rn, yearSpan(ref.Years)))
		}
	}
	if len(problems) == 0 {
		return nil
	}
	msg := "output: cannot compare the runs:\n  " + strings.Join(problems, "\n  ")
	if gaps := Gaps(runs); len(gaps) > 0 {
		msg += "\nand:\n  " + strings.Join(gaps, "\n  ")
	}
	return fmt.Errorf("%s", msg)
}

// runVersion is the version of hukousim that made a run; a run in memory,
// without a manifest, was made by this one.
func runVersion(d *RunData) string {
	if d.Manifest == nil {
		return Version
	}
	return d.Manifest.Version
}

// maxExamples bounds the metrics a message names.
const maxExamples = 3

// Gaps describes, for a reader of the comparison, what it leaves out
// because one run has it and the reference lacks it or the other way
// round: metric series (scenarios with other cities have other
// city=... groups) and years. Effects compares what is common; these
// notes say what is not.
func Gaps(runs []*RunData) []string {
	if len(runs) < 2 {
		return nil
	}
	ref := runs[0]
	rn := runName(ref, 0)
	var notes []string
	for i, d := range runs[1:] {
		dn := runName(d, i+1)
		if only := keysLacking(ref, d); len(only) > 0 {
			notes = append(notes, fmt.Sprintf("%s lacks %d of the reference %s's %d metric series, e.g. %s", dn, len(only), rn, len(ref.Keys), examples(only, maxExamples)))
		}
		if only := keysLacking(d, ref); len(only) > 0 {
			notes = append(notes, fmt.Sprintf("%s has %d metric series that the reference %s lacks, e.g. %s", dn, len(only), rn, examples(only, maxExamples)))
		}
		if common := commonYears(ref, d); len(common) > 0 && (len(common) < len(ref.Years) || len(common) < len(d.Years)) {
			notes = append(notes, fmt.Sprintf("%s has the years %s, the reference %s %s; only %s are compared", dn, yearSpan(d.Years), rn, yearSpan(ref.Years), yearSpan(common)))
		}
	}
	return notes
}

// keysLacking lists, as text, the series of a that b lacks, in a's order.
func keysLacking(a, b *RunData) []string {
	var out []string
	for _, k := range a.Keys {
		if !b.Has(k) {
			out = append(out, keyText(k))
		}
	}
	return out
}

// commonKeys are the series both runs have, in ref's order.
func commonKeys(ref, other *RunData) []Key {
	var out []Key
	for _, k := range ref.Keys {
		if other.Has(k) {
			out = append(out, k)
		}
	}
	return out
}

// commonYears are the years both runs recorded, ascending.
func commonYears(ref, other *RunData) []int {
	var out []int
	for _, y := range ref.Years {
		if other.YearIndex(y) >= 0 {
			out = append(out, y)
		}
	}
	return out
}

// yearSpan writes ascending years as a range, with their count when they
// have gaps.
func yearSpan(ys []int) string {
	switch {
	case len(ys) == 0:
		return "(none)"
	case len(ys) == 1:
		return strconv.Itoa(ys[0])
	case ys[len(ys)-1]-ys[0] == len(ys)-1:
		return fmt.Sprintf("%d–%d", ys[0], ys[len(ys)-1])
	default:
		return fmt.Sprintf("%d–%d (%d years)", ys[0], ys[len(ys)-1], len(ys))
	}
}

// Effects compares other with ref in every metric series both have (in
// ref's order) and, within each, every year both recorded (ascending).
//
// Paired (the runs passed CheckPaired), the difference is taken within each
// replicate, d_r = x_r − ref_r, and its interval is the t-interval of the
// d_r: the shocks replicate r shares in both runs cancel, which makes it
// far narrower than the unpaired one. A replicate where either run has no
// value (NaN) is left out of both means.
//
// Unpaired, the interval is Welch's, for two samples of unequal variance
// with the Welch–Satterthwaite degrees of freedom.
//
// With one replicate (N = 1) Diff and Rel are given and their intervals
// are NaN. Paired comparison of runs with different numbers of replicates
// is a programmer's mistake (CheckPaired refuses them) and panics.
func Effects(ref, other *RunData, paired bool) []Effect {
	if paired && ref.Reps != other.Reps {
		panic(fmt.Sprintf("output: paired effects of runs with %d and %d replicates; call CheckPaired first", ref.Reps, other.Reps))
	}
	years := commonYears(ref, other)
	var out []Effect
	xs := make([]float64, other.Reps)
	rs := make([]float64, ref.Reps)
	for _, k := range commonKeys(ref, other) {
		rv, _ := ref.Series(k.Name, k.Group)
		ov, _ := other.Series(k.Name, k.Group)
		for _, y := range years {
			ry, oy := ref.YearIndex(y), other.YearIndex(y)
			for r := range rs {
				rs[r] = rv[r][ry]
			}
			for r := range xs {
				xs[r] = ov[r][oy]
			}
			e := Effect{Scenario: other.Name, Metric: k.Name, Group: k.Group, Year: y}
			if paired {
				e.Difference = stats.Paired(rs, xs)
			} else {
				e.Difference = stats.Welch(rs, xs)
			}
			out = append(out, e)
		}
	}
	return out
}

// compareHeader is the first line of the comparison's CSV.
var compareHeader = []string{"scenario", "metric", "group", "year", "ref", "value", "diff", "diff_low", "diff_high", "rel", "rel_low", "rel_high", "n", "method"}

// WriteCompareCSV writes effects, one per row, in their order. Numbers are
// in the shortest form that reads back exactly; NaN is an empty field.
func WriteCompareCSV(w io.Writer, effects []Effect) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	cw.Write(compareHeader)
	for _, e := range effects {
		cw.Write([]string{e.Scenario, e.Metric, e.Group, strconv.Itoa(e.Year),
			num(e.Ref), num(e.Value), num(e.Diff), num(e.DiffLow), num(e.DiffHigh),
			num(e.Rel), num(e.RelLow), num(e.RelHigh), strconv.Itoa(e.N), e.Method})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
