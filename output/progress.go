package output

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// Progress reports a run's progress on stderr: a bar with an ETA when
// stderr is a terminal, otherwise a line with the time elapsed and left
// every ten per cent of runs that take longer than a few seconds. The bar comes from schollz/progressbar,
// which handles terminal widths, rates and ETAs better than a hand-made one.
type Progress struct {
	w       io.Writer
	quiet   bool
	bar     *progressbar.ProgressBar
	start   time.Time
	lastPct int
}

// NewProgress is a progress report on w; with quiet, none.
func NewProgress(w io.Writer, quiet bool) *Progress {
	p := &Progress{w: w, quiet: quiet, start: time.Now()}
	if f, ok := w.(*os.File); ok && !quiet && term.IsTerminal(int(f.Fd())) {
		p.bar = progressbar.NewOptions64(1000,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("simulating"),
			progressbar.OptionShowElapsedTimeOnFinish(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	return p
}

// Update reports done of total (an experiment's Progress callback).
func (p *Progress) Update(done, total float64) {
	if p.quiet || total <= 0 {
		return
	}
	frac := done / total
	if p.bar != nil {
		p.bar.Set64(int64(frac * 1000))
		return
	}
	pct := int(frac*10) * 10
	if pct > p.lastPct && time.Since(p.start) > 3*time.Second {
		p.lastPct = pct
		el := time.Since(p.start)
		left := time.Duration(float64(el) * (1 - frac) / frac)
		fmt.Fprintf(p.w, "hukousim: %d%% of %.3g household-years, %s elapsed, about %s left\n", pct, total, el.Round(time.Second), left.Round(time.Second))
	}
}

// Done ends the report.
func (p *Progress) Done() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
