package output

import (
	"fmt"
	"math"
)

// Headline is one of the numbers a run's summary, report and comparison
// lead with.
type Headline struct {
	Name, Group string // the metric
	Label       string // in plain words, for a reader of the report
	Short       string // for the terminal summary
	Unit        Unit
}

// Unit says how a headline value is written.
type Unit int

// Units of headline values.
const (
	Millions      Unit = iota // a count: 60.4 M
	Percent                   // a share: 36.9%
	PercentPoints             // a difference of shares: +3.5 pp
	SignedPercent             // a relative gap: −5.4%
)

// Format writes x in the unit.
func (u Unit) Format(x float64) string {
	if math.IsNaN(x) {
		return "n/a"
	}
	switch u {
	case Millions:
		return fmt.Sprintf("%.1f M", x/1e6)
	case Percent:
		return fmt.Sprintf("%.1f%%", 100*x)
	case PercentPoints:
		return signed(100*x, 1) + " pp"
	default:
		return signed(100*x, 1) + "%"
	}
}

// signed writes x with its sign and prec decimals, and a value that rounds
// to zero as a plain zero: "0.0", never "-0.0" or "+0.0".
func signed(x float64, prec int) string {
	s := fmt.Sprintf("%+.*f", prec, x)
	if z := fmt.Sprintf("%.*f", prec, 0.0); s[1:] == z {
		return z
	}
	return s
}

// Clamp bounds an interval of a share to [0, 1]: a t-interval from few
// replicates can reach past the bounds, which no share can.
func (u Unit) Clamp(low, high float64) (float64, float64) {
	if u == Percent {
		return math.Max(low, 0), math.Min(high, 1)
	}
	return low, high
}

// FormatDiff writes a difference between two values of the unit: counts in
// millions, shares in percentage points.
func (u Unit) FormatDiff(x float64) string {
	switch u {
	case Millions:
		if math.IsNaN(x) {
			return "n/a"
		}
		return signed(x/1e6, 2) + " M"
	default:
		return PercentPoints.Format(x)
	}
}

// Headlines are the numbers of the run summary, the report's table and the
// comparison's effects figure, in that order.
var Headlines = []Headline{
	{"lbc", "", "left-behind children", "left-behind children", Millions},
	{"lbc_share_all", "", "share of all children left behind (all 0-17, urban hukou included)", "  of all children", Percent},
	{"lbc_share", "", "share of rural-hukou children left behind", "  of rural-hukou children", Percent},
	{"lbc_share_girls", "", "share of rural-hukou girls left behind", "  of rural-hukou girls", Percent},
	{"lbc_share_boys", "", "share of rural-hukou boys left behind", "  of rural-hukou boys", Percent},
	{"lbc_boys_share", "", "boys among left-behind children", "  boys among them", Percent},
	{"daughter_lb_jump_age12", "", "girls' extra jump in being left behind at 12 (girls' jump minus boys')", "girls' extra jump at 12", PercentPoints},
	{"remit_gap_daughters", "", "remittances when only daughters are left behind, against only sons", "remittances, daughters vs sons", SignedPercent},
	{"depression_nonlbc", "", "depression, both parents at home", "depression, both parents home", Percent},
	{"depression_lbc_one", "", "depression, one parent away", "  one parent away", Percent},
	{"depression_lbc_both", "", "depression, both parents away", "  both parents away", Percent},
	{"college_rate", "sex=girl;ever_left_behind=yes", "college at 18, girls ever left behind", "college at 18, girls left behind", Percent},
	{"college_rate", "sex=girl;ever_left_behind=no", "college at 18, girls never left behind", "  girls never left behind", Percent},
	{"college_rate", "sex=boy;ever_left_behind=yes", "college at 18, boys ever left behind", "  boys left behind", Percent},
	{"college_rate", "sex=boy;ever_left_behind=no", "college at 18, boys never left behind", "  boys never left behind", Percent},
	{"dropout_junior_high", "sex=girl", "girls leaving junior high (12-14), a year", "junior-high dropout a year, girls", Percent},
	{"dropout_rate", "sex=girl;age=12-14;place=left-behind", "left-behind girls leaving junior high, a year", "  left-behind girls", Percent},
	{"dropout_junior_high", "sex=boy", "boys leaving junior high (12-14), a year", "  boys", Percent},
	{"dropout_rate", "sex=boy;age=12-14;place=left-behind", "left-behind boys leaving junior high, a year", "  left-behind boys", Percent},
}
