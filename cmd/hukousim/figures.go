package main

import (
	"context"
	"fmt"
	"os"

	"github.com/hukousim/hukousim/output"
)

// formats turns --format into the file formats to write.
func formats(f string) ([]string, error) {
	switch f {
	case "png":
		return []string{"png"}, nil
	case "svg":
		return []string{"svg"}, nil
	case "both":
		return []string{"png", "svg"}, nil
	}
	return nil, usagef("--format must be png, svg or both, got %q", f)
}

// writeFigures renders figs into rd's plots/ in every format and returns
// them with their PNGs for a report page (which always inlines PNGs, the
// format every mail client shows).
func writeFigures(ctx context.Context, rd *output.RunDir, figs []output.Figure, fmts []string) ([]output.ReportFigure, error) {
	var out []output.ReportFigure
	for i := range figs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		f := &figs[i]
		png, err := output.Render(f, "png")
		if err != nil {
			return nil, fmt.Errorf("figure %s: %w", f.Name, err)
		}
		for _, format := range fmts {
			b := png
			if format != "png" {
				if b, err = output.Render(f, format); err != nil {
					return nil, fmt.Errorf("figure %s: %w", f.Name, err)
				}
			}
			if err := rd.WriteFile("plots/"+f.Name+"."+format, func(fh *os.File) error { _, err := fh.Write(b); return err }); err != nil {
				return nil, err
			}
		}
		out = append(out, output.ReportFigure{Name: f.Name, Title: f.Title, Caption: f.Caption, PNG: png})
	}
	return out, nil
}
