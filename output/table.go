package output

import (
	"bytes"
	"io"
	"strings"

	"github.com/hukousim/hukousim/output/plot"
)

// table aligns the terminal's tables as text/tabwriter does (cells end
// in a tab, padded by 2 spaces; a column's width is set by the run of
// consecutive lines that have that cell), but measures text by the width
// a terminal gives it: a Chinese character takes two columns, where
// tabwriter counts one and leaves Chinese tables ragged.
type table struct {
	w     io.Writer
	right bool // align cells right (tabwriter.AlignRight)
	buf   bytes.Buffer
}

func newTable(w io.Writer, right bool) *table { return &table{w: w, right: right} }

// PrintTable writes text, cells ended by tabs, as a table aligned left
// (padding 2), measuring Chinese characters as two columns.
func PrintTable(w io.Writer, text string) error {
	t := newTable(w, false)
	io.WriteString(t, text)
	return t.Flush()
}

func (t *table) Write(p []byte) (int, error) { return t.buf.Write(p) }

// Flush writes the table.
func (t *table) Flush() error {
	text := t.buf.String()
	t.buf.Reset()
	lines := strings.SplitAfter(text, "\n")
	cells := make([][]string, len(lines)) // the tab-terminated cells
	tails := make([]string, len(lines))   // what follows the last tab
	for i, l := range lines {
		parts := strings.Split(l, "\t")
		cells[i], tails[i] = parts[:len(parts)-1], parts[len(parts)-1]
	}
	width := make([][]int, len(lines)) // of each cell's column, in its run
	for i := range width {
		width[i] = make([]int, len(cells[i]))
	}
	for c := 0; ; c++ {
		any := false
		for i := 0; i < len(lines); {
			if len(cells[i]) <= c {
				i++
				continue
			}
			any = true
			j, w := i, 0
			for ; j < len(lines) && len(cells[j]) > c; j++ {
				w = max(w, displayWidth(cells[j][c]))
			}
			for k := i; k < j; k++ {
				width[k][c] = w + 2
			}
			i = j
		}
		if !any {
			break
		}
	}
	var out strings.Builder
	for i := range lines {
		for c, cell := range cells[i] {
			pad := strings.Repeat(" ", width[i][c]-displayWidth(cell))
			if t.right {
				out.WriteString(pad + cell)
			} else {
				out.WriteString(cell + pad)
			}
		}
		out.WriteString(tails[i])
	}
	_, err := io.WriteString(t.w, out.String())
	return err
}

// displayWidth is the number of terminal columns s takes: 2 for each
// East Asian wide or full-width character, 1 for any other.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n++
		if plot.EastAsianWide(r) {
			n++
		}
	}
	return n
}
