package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// The pages render from their view models alone, carry their figures
// inline and escape what they show.
func TestPages(t *testing.T) {
	fig := Figure{Name: "a", Title: "A figure", Caption: "What to look at", PNG: []byte{0x89, 'P', 'N', 'G'}}
	var b bytes.Buffer
	err := WriteRun(&b, keys, &RunPage{
		Title: "Baseline <2020>", Name: "baseline", FirstYear: 2020, LastYear: 2039, Reps: 5,
		Headlines: []Headline{{Label: "left-behind children", First: "66.6 M", Metric: "lbc", Definition: "children in the village"}},
		Figures:   []Figure{fig},
	})
	if err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{"Baseline &lt;2020&gt;", "data:image/png;base64," + fig.Base64(), "What to look at", "66.6 M", "children in the village"} {
		if !strings.Contains(page, want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	b.Reset()
	err = WriteCompare(&b, keys, &ComparePage{
		Title: "Comparison of baseline, open-schools", Reference: "baseline", Others: []string{"open-schools"},
		Rows:    []EffectRow{{Label: "left-behind children", Ref: "66.6 M", Cells: []EffectCell{{Diff: "−2.1 M", CI: "−2.5 M, −1.7 M", Class: "sig"}}}},
		Figures: []Figure{fig},
	})
	if err != nil {
		t.Fatal(err)
	}
	if page := b.String(); !strings.Contains(page, "−2.1 M") || !strings.Contains(page, "open-schools") {
		t.Errorf("compare.html lacks its effects:\n%.400s", page)
	}
}

// keys are Words that write each key as it is.
func keys(key string, _ ...any) string { return key }

// A message may hold markup (TH, TN); the arguments put into it are
// escaped, whatever they are.
func TestWordsEscapeArguments(t *testing.T) {
	words := func(key string, args ...any) string {
		if len(args) == 0 {
			return key
		}
		return "<code>" + fmt.Sprint(args...) + "</code>"
	}
	var b bytes.Buffer
	if err := WriteRun(&b, words, &RunPage{Title: "t", Name: "<script>x</script>", Reps: 2}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if !strings.Contains(page, "<code>2&lt;script&gt;x&lt;/script&gt;") || strings.Contains(page, "<script>x") {
		t.Errorf("the scenario name is not escaped inside the message's markup:\n%.600s", page)
	}
}
