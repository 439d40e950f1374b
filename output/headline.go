package output

import (
	"fmt"
	"math"
	"strconv"

	"github.com/hukousim/hukousim/output/i18n"
	"github.com/hukousim/hukousim/output/plot"
)

// Headline is one of the numbers a run's summary, report and comparison
// lead with.
type Headline struct {
	Name, Group string // the metric
	Unit        Unit
}

// key is the headline's catalogue key: head.label.NAME[GROUP] and
// head.short.NAME[GROUP].
func (h Headline) key(kind string) string {
	return "head." + kind + "." + h.Name + "[" + h.Group + "]"
}

// LabelIn is the headline in plain words, in l, for a reader of a
// report.
func (h Headline) LabelIn(l i18n.Lang) string { return l.T(h.key("label")) }

// ShortIn is the terminal summary's label in l.
func (h Headline) ShortIn(l i18n.Lang) string { return l.T(h.key("short")) }

// Unit says how a headline value is written.
type Unit int

// Units of headline values.
const (
	Millions      Unit = iota // a count: 60.4 M
	Percent                   // a share: 36.9%
	PercentPoints             // a difference of shares: +3.5 pp
	SignedPercent             // a relative gap: −5.4%
)

// Format writes x in the unit, in English.
func (u Unit) Format(x float64) string { return u.FormatIn(i18n.EN, x) }

// FormatIn writes x in the unit, in l: Chinese writes counts in 万 (ten
// thousands: 6,780 万 for 67.8 M) and percentage points as 个百分点.
func (u Unit) FormatIn(l i18n.Lang, x float64) string {
	if math.IsNaN(x) {
		return l.T("unit.na")
	}
	if l == i18n.ZH {
		switch u {
		case Millions:
			return Wan(x)
		case PercentPoints:
			return signed(100*x, 1) + " 个百分点"
		}
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

// Wan writes a count as Chinese writes it: in 万 (ten thousands, 6548 万)
// below a hundred million, in 亿 (hundred millions, 1.63 亿) from there.
func Wan(x float64) string {
	if math.Abs(x) >= 1e8 {
		return wanLike(x, x) + " 亿"
	}
	return wanLike(x, x) + " 万"
}

// wanLike writes x in the unit Wan writes ref in, without the unit: the
// bounds of an interval beside its value (7425 万 [4262, 10580]).
func wanLike(ref, x float64) string {
	if math.Abs(ref) >= 1e8 {
		return strconv.FormatFloat(x/1e8, 'f', 2, 64)
	}
	return plot.Grouped(x / 1e4)
}

// FormatDiff writes a difference between two values of the unit, in
// English: counts in millions, shares in percentage points.
func (u Unit) FormatDiff(x float64) string { return u.FormatDiffIn(i18n.EN, x) }

// FormatDiffIn writes a difference in l: Chinese counts in 万.
func (u Unit) FormatDiffIn(l i18n.Lang, x float64) string {
	switch {
	case u != Millions:
		return PercentPoints.FormatIn(l, x)
	case math.IsNaN(x):
		return l.T("unit.na")
	case l == i18n.ZH:
		return signed(x/1e4, 0) + " 万"
	}
	return signed(x/1e6, 2) + " M"
}

// Headlines are the numbers of the run summary, the report's table and the
// comparison's effects figure, in that order.
var Headlines = []Headline{
	{"lbc", "", Millions},
	{"lbc_share_all", "", Percent},
	{"lbc_share", "", Percent},
	{"lbc_share_girls", "", Percent},
	{"lbc_share_boys", "", Percent},
	{"lbc_boys_share", "", Percent},
	{"daughter_lb_jump_age12", "", PercentPoints},
	{"remit_gap_daughters", "", SignedPercent},
	{"depression_nonlbc", "", Percent},
	{"depression_lbc_one", "", Percent},
	{"depression_lbc_both", "", Percent},
	{"college_rate", "sex=girl;ever_left_behind=yes", Percent},
	{"college_rate", "sex=girl;ever_left_behind=no", Percent},
	{"college_rate", "sex=boy;ever_left_behind=yes", Percent},
	{"college_rate", "sex=boy;ever_left_behind=no", Percent},
	{"dropout_junior_high", "sex=girl", Percent},
	{"dropout_rate", "sex=girl;age=12-14;place=left-behind", Percent},
	{"dropout_junior_high", "sex=boy", Percent},
	{"dropout_rate", "sex=boy;age=12-14;place=left-behind", Percent},
}
