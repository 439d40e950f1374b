package output

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"text/tabwriter"
)

// On text of one column per character, table writes what tabwriter
// writes, byte for byte, for tables of every shape: ragged rows, empty
// cells, text after the last tab, lines without tabs between runs.
func TestTableAsTabwriter(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"", "a", "lbc", "left-behind children", "  of all girls", "60.4 M [59.1 M, 61.7 M]", "μ* 0.1", "2020–2039"}
	for trial := range 300 {
		var text strings.Builder
		for range 1 + rng.IntN(8) {
			for range rng.IntN(5) {
				text.WriteString(words[rng.IntN(len(words))] + "\t")
			}
			if rng.IntN(2) == 0 {
				text.WriteString(words[rng.IntN(len(words))])
			}
			text.WriteString("\n")
		}
		for _, right := range []bool{false, true} {
			var want, got bytes.Buffer
			flags := uint(0)
			if right {
				flags = tabwriter.AlignRight
			}
			tw := tabwriter.NewWriter(&want, 0, 4, 2, ' ', flags)
			fmt.Fprint(tw, text.String())
			tw.Flush()
			tb := newTable(&got, right)
			fmt.Fprint(tb, text.String())
			tb.Flush()
			if got.String() != want.String() {
				t.Fatalf("trial %d, right %v: input %q\ntable:\n%s\ntabwriter:\n%s", trial, right, text.String(), got.String(), want.String())
			}
		}
	}
}

// A Chinese character takes two columns: the cells after it line up on
// the screen.
func TestTableChinese(t *testing.T) {
	var b bytes.Buffer
	tb := newTable(&b, false)
	fmt.Fprint(tb, "留守儿童\t1\t\nlbc\t2\t\n")
	tb.Flush()
	if want := "留守儿童  1  \nlbc       2  \n"; b.String() != want {
		t.Errorf("got\n%q, want\n%q", b.String(), want)
	}
	if w := displayWidth("占农村户籍女孩（%）"); w != 19 { // 7 characters and 2 full-width brackets, 2 columns each; % one
		t.Errorf("displayWidth = %d, want 19", w)
	}
}

func TestSig3(t *testing.T) {
	for x, want := range map[float64]string{7.9412e6: "7,940,000", -12345: "-12,300", 0.012345: "0.0123", 123.45: "123", 1e20: "1e+20"} {
		if got := sig3(x); got != want {
			t.Errorf("sig3(%g) = %q, want %q", x, got, want)
		}
	}
}
