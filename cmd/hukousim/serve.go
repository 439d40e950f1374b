package main

import (
	"context"
	"fmt"
	"io"
	"runtime"

	"github.com/hukousim/hukousim/output/classroom"
)

func serveCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", "serve [flags]\n\nServes the classroom page: presets, sliders, predictions, and the baseline and the class's scenario run year by year side by side. Everything comes from the binary; nothing is fetched from the network. Ctrl-C stops it.")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; the default answers this machine only (README, The classroom page, says how to serve a classroom network)")
	workers := fs.Int("workers", 0, "parallel workers per run (0: all cores)")
	pos, err := parseInterspersed(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("serve takes no arguments, got %v", pos)
	}
	if *workers < 0 {
		return usagef("--workers must be 0 (all cores) or more, got %d", *workers)
	}
	n := *workers
	if n == 0 {
		n = runtime.GOMAXPROCS(0)
	}
	s, err := classroom.New(n)
	if err != nil {
		return err
	}
	return s.Serve(ctx, *addr, func(url string) {
		fmt.Fprintf(stdout, "Serving the classroom page at %s (Ctrl-C stops it).\n", url)
	})
}
