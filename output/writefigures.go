package output

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"sync"

	"github.com/hukousim/hukousim/output/i18n"
	"github.com/hukousim/hukousim/output/plot"
	"github.com/hukousim/hukousim/output/report"
	"github.com/hukousim/hukousim/output/rundir"
)

// WriteFigures renders figs into rd's plots/ in every format and returns
// them with their PNGs for a report page (which always inlines PNGs, the
// format every mail client shows). The figures are rendered in parallel
// (each is drawn on its own canvas; gonum/plot's font cache is locked) and
// written in order.
func WriteFigures(ctx context.Context, rd *rundir.Dir, figs []plot.Figure, fmts []string) ([]report.Figure, error) {
	localizeNotes(figs)
	files := make([][][]byte, len(figs)) // by figure, by format
	errs := make([]error, len(figs))
	var wg sync.WaitGroup
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i := range figs {
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer func() { <-slots; wg.Done() }()
			if errs[i] = ctx.Err(); errs[i] != nil {
				return
			}
			files[i], errs[i] = renderFigure(&figs[i], fmts)
		}()
	}
	wg.Wait()
	var out []report.Figure
	for i := range figs {
		f := &figs[i]
		if errs[i] != nil {
			return nil, errs[i]
		}
		for k, format := range fmts {
			b := files[i][k]
			if err := rd.WriteFile("plots/"+f.Name+"."+format, func(fh *os.File) error { _, err := fh.Write(b); return err }); err != nil {
				return nil, err
			}
		}
		out = append(out, report.Figure{Name: f.Name, Title: f.Title, Caption: f.Caption, PNG: files[i][len(fmts)]})
	}
	return out, nil
}

// renderFigure is f in every format of fmts, then once more as PNG for the
// report (the same bytes when PNG is among fmts).
func renderFigure(f *plot.Figure, fmts []string) ([][]byte, error) {
	png, err := plot.Render(f, "png")
	if err != nil {
		return nil, fmt.Errorf("figure %s: %w", f.Name, err)
	}
	var out [][]byte
	for _, format := range fmts {
		b := png
		if format != "png" {
			if b, err = plot.Render(f, format); err != nil {
				return nil, fmt.Errorf("figure %s: %w", f.Name, err)
			}
		}
		out = append(out, b)
	}
	return append(out, png), nil
}

// localizeNotes words the note under each figure that has none, in the
// figure's language: what its intervals are (plot.IntervalKind).
func localizeNotes(figs []plot.Figure) {
	for i := range figs {
		if f := &figs[i]; f.Note == "" {
			f.Note = i18n.Lang(f.Lang).T("note." + plot.IntervalKind(f))
		}
	}
}
