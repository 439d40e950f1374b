package output

import "testing"

// A difference that rounds to zero prints as a plain zero, never "−0.0 pp"
// (issue 12, defect 10); others keep their sign.
func TestUnitFormatZero(t *testing.T) {
	for _, c := range []struct {
		u    Unit
		diff bool
		x    float64
		want string
	}{
		{PercentPoints, false, -0.0004, "0.0 pp"},
		{PercentPoints, false, 0.0004, "0.0 pp"},
		{PercentPoints, false, -0.0006, "-0.1 pp"},
		{PercentPoints, false, 0.012, "+1.2 pp"},
		{SignedPercent, false, -0.0001, "0.0%"},
		{SignedPercent, false, -0.054, "-5.4%"},
		{Millions, true, -4000, "0.00 M"},
		{Millions, true, -3.08e6, "-3.08 M"},
		{Percent, true, -0.0002, "0.0 pp"},
		{Percent, true, 0.031, "+3.1 pp"},
	} {
		got := c.u.Format(c.x)
		if c.diff {
			got = c.u.FormatDiff(c.x)
		}
		if got != c.want {
			t.Errorf("unit %d, %g: %q, want %q", c.u, c.x, got, c.want)
		}
	}
}
