package output

import (
	"bytes"
	"strings"
	"testing"

	"github.com/hukousim/hukousim/output/i18n"
)

// A model value that rounds onto its band's edge is printed with the
// digits that show which side it lies on: -3.4965 against [-7.5, -3.5]
// fails, and printed as -3.50 it looked as though it sat on the edge.
func TestWriteValidationEdgeDigits(t *testing.T) {
	rows := []ValidationRow{
		{Name: "gap", Value: -5.5, BandLow: -7.5, BandHi: -3.5, Model: -3.4965, Low: -3.6, High: -3.4, Pass: false},
		{Name: "share", Value: 0.4, BandLow: 0.3, BandHi: 0.5, Model: 0.41, Low: 0.4, High: 0.42, Pass: true},
	}
	var b bytes.Buffer
	if failed := WriteValidation(&b, "x", rows, 2, false, i18n.EN); failed != 1 {
		t.Errorf("%d failed, want 1", failed)
	}
	out := b.String()
	if !strings.Contains(out, "-3.4965 [-3.60, -3.40]") || !strings.Contains(out, "0.410 [0.400, 0.420]") {
		t.Errorf("table:\n%s", out)
	}
}
