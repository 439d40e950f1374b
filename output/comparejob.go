package output

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hukousim/hukousim/output/i18n"
	"github.com/hukousim/hukousim/output/rundir"
	"github.com/hukousim/hukousim/scenarios"
	"github.com/hukousim/hukousim/sim"
	"github.com/hukousim/hukousim/sim/experiment"
)

// CompareJob is a comparison to make and write (docs/ODD.md, Comparing
// scenarios): finished run directories to read back, or scenarios to run
// with one seed. The first is the reference.
type CompareJob struct {
	Dirs []string // run directories to read; or
	// Scenarios to run, each with its experiment and the year of its
	// single-year figures, and Branch to share the years they have in
	// common (experiment.RunAll).
	Scenarios   []*scenarios.Scenario
	Specs       []experiment.Spec
	FigureYears []int
	Branch      bool

	Formats []string // of the figure files: png, svg
	Paired  bool     // paired differences (the runs share seeds); else Welch
	Year    int      // of the effects table and figure; 0: the last recorded
	Inputs  []string // as given, for the manifest
	Note    func(string)
	Lang    i18n.Lang // of the pages, figures and terminal
	// Commands, if set, are what the pages give as the commands that
	// reproduce the comparison (Compare) and each scenario's run (Run),
	// for a caller whose files are not the command line's (the classroom
	// page); unset, the command line and the run directory's scenario.yaml.
	Commands struct {
		Compare string
		Run     func(sc *scenarios.Scenario) string
	}
	// Precision, if set, adds replicates until every scenario's paired
	// difference from the reference is as narrow as it asks.
	Precision *Precisions
}

// SplitInputs sorts compare's inputs into run directories (IsRunDir) and
// scenarios, and refuses a mix.
func SplitInputs(inputs []string) (dirs, scens []string, err error) {
	for _, p := range inputs {
		if IsRunDir(p) {
			dirs = append(dirs, p)
		} else {
			scens = append(scens, p)
		}
	}
	if len(dirs) > 0 && len(scens) > 0 {
		return nil, nil, fmt.Errorf("compare takes run directories or scenarios, not both: %s %s a run directory, %s %s not",
			strings.Join(dirs, ", "), Verb(len(dirs), "is", "are"), strings.Join(scens, ", "), Verb(len(scens), "is", "are"))
	}
	return dirs, scens, nil
}

// Verb is one or many, by n.
func Verb(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Check refuses, before anything runs, a job that cannot be done into
// the directory out: an input given twice, out among the inputs, or an
// effects year the scenarios do not record.
func (job *CompareJob) Check(out string) error {
	for i, d := range job.Dirs {
		if rundir.Same(d, out) {
			return fmt.Errorf("--out %s is one of the runs being compared; nothing is written into an input", out)
		}
		for _, e := range job.Dirs[:i] {
			if rundir.Same(d, e) {
				return fmt.Errorf("run %s is given twice; compare it against something else", d)
			}
		}
	}
	seen := map[string]bool{}
	for _, sc := range job.Scenarios {
		if seen[sc.Name] {
			return fmt.Errorf("scenario %q is given twice; compare it against something else", sc.Name)
		}
		seen[sc.Name] = true
	}
	if s := job.Scenarios; job.Year != 0 && len(s) > 0 {
		if t := s[0].Params.Time; job.Year < t.StartYear || job.Year >= t.StartYear+t.Years {
			return fmt.Errorf("--year %d is not a recorded year of %s (%d-%d)", job.Year, s[0].Name, t.StartYear, t.StartYear+t.Years-1)
		}
	}
	return nil
}

// forkNote says which years of t runs branched at forkYear simulated once
// (experiment.RunAll); "" when none were.
func forkNote(l i18n.Lang, t sim.Time, forkYear int) string {
	first, end := t.StartYear-t.BurnIn, t.StartYear+t.Years
	switch shared := forkYear - first; {
	case forkYear >= end:
		return l.T("cmp.no_fork", first, end-1)
	case shared > 0:
		return l.T("cmp.fork", forkYear, shared)
	}
	return ""
}

// Comparison is what Compare wrote.
type Comparison struct {
	Runs     []*RunData // the reference first
	Effects  []Effect
	Year     int    // of the effects table
	Ran      bool   // the scenarios were run here (their runs are under runs/)
	ForkNote string // how the runs were branched, if they were
}

// Compare makes the comparison job asks for and writes it into rd:
// compare.csv, compare.html, manifest.json, the figures, and each
// scenario run here under runs/NAME. Gaps (series one run lacks) go to
// job.Note, if set.
func Compare(ctx context.Context, rd *rundir.Dir, job CompareJob) (*Comparison, error) {
	began := time.Now()
	c := &Comparison{}
	scs := job.Scenarios
	forkYear := 0
	if len(job.Dirs) > 0 {
		scs = nil
		for _, d := range job.Dirs {
			r, err := ReadRun(d)
			if err != nil {
				return nil, err
			}
			sc, err := scenarios.LoadBytes(filepath.Join(d, "scenario.yaml"), r.ScenarioYAML, nil)
			if err != nil {
				return nil, fmt.Errorf("%s: its scenario.yaml does not load: %w", d, err)
			}
			r.ReformYears = ReformYears(sc)
			c.Runs, scs = append(c.Runs, r), append(scs, sc)
		}
	} else {
		start := time.Now()
		if p := job.Precision; p != nil {
			p.Year, p.Welch = job.Year, !job.Paired
			for _, sc := range job.Scenarios {
				p.Names = append(p.Names, sc.Name)
			}
			job.Specs[0].Enough = p.Enough
		}
		all, err := experiment.RunAll(ctx, job.Specs, job.Branch)
		if err == nil && job.Precision != nil {
			err = job.Precision.Err
		}
		if err != nil {
			return nil, err
		}
		end := time.Now()
		c.Ran, forkYear = true, all.ForkYear
		if all.Branched {
			c.ForkNote = forkNote(job.Lang, job.Specs[0].Base.Time, all.ForkYear)
		}
		for i, sc := range scs {
			man := NewManifest(sc, all.Results[i], job.Specs[i].Seed, job.Specs[i].Workers, start, end)
			cmd := ""
			if job.Commands.Run != nil {
				cmd = job.Commands.Run(sc)
			}
			d, err := WriteRun(ctx, rd.Sub(filepath.Join("runs", sc.Name)), sc, all.Results[i], man, job.Formats, job.FigureYears[i], job.Lang, cmd)
			if err != nil {
				return nil, err
			}
			d.Dir = filepath.Join(rd.Path(), "runs", sc.Name)
			c.Runs = append(c.Runs, d)
		}
	}
	if err := CheckComparable(c.Runs); err != nil {
		return nil, err
	}
	if job.Paired {
		if err := CheckPaired(c.Runs); err != nil {
			return nil, err
		}
	}
	// Series one run lacks (a city only one scenario has) are compared
	// where both have them; say so rather than drop them silently (once
	// the runs are known to be comparable, so that a note never promises
	// a comparison that is then refused).
	for _, g := range Gaps(c.Runs) {
		if job.Note != nil {
			job.Note(g)
		}
	}
	ref := c.Runs[0]
	c.Year = ref.Years[len(ref.Years)-1]
	if job.Year != 0 {
		if ref.YearIndex(job.Year) < 0 {
			return nil, fmt.Errorf("--year %d is not a recorded year of %s (%d-%d)", job.Year, ref.Name, ref.Years[0], c.Year)
		}
		c.Year = job.Year
	}
	for _, r := range c.Runs[1:] {
		c.Effects = append(c.Effects, Effects(ref, r, job.Paired)...)
	}
	if err := rd.WriteFile("compare.csv", func(fh *os.File) error { return WriteCompareCSV(fh, c.Effects) }); err != nil {
		return nil, err
	}
	names := make([]string, len(c.Runs))
	for i, r := range c.Runs {
		names[i] = r.Name
	}
	figs := OverlayFigures(names, c.Runs, job.Lang)
	figs = append(figs, EffectsFigure(EffectRows(c.Effects, c.Year, job.Lang), c.Year, job.Lang))
	rfigs, err := WriteFigures(ctx, rd, figs, job.Formats)
	if err != nil {
		return nil, err
	}
	rep := &CompareReport{
		Runs: c.Runs, Scenarios: scs, Effects: c.Effects, EffectYear: c.Year, Paired: job.Paired,
		Figures: rfigs, Command: "hukousim " + strings.Join(os.Args[1:], " "), ForkNote: c.ForkNote, Lang: job.Lang,
	}
	if job.Commands.Compare != "" {
		rep.Command = job.Commands.Compare
	}
	if err := rd.WriteFile("compare.html", func(fh *os.File) error { return WriteCompareReport(fh, rep) }); err != nil {
		return nil, err
	}
	man := &CompareManifest{
		Tool: "hukousim", Kind: "compare", Version: Version, Commit: Commit(), CommitSource: CommitSource(), GoVersion: GoVersion(),
		Reference: ref.Name, Inputs: job.Inputs, Paired: job.Paired, EffectYear: c.Year, ForkYear: forkYear,
		Start: began.UTC(), WallSeconds: time.Since(began).Seconds(), CommandLine: append([]string{"hukousim"}, os.Args[1:]...),
	}
	if len(job.Specs) > 0 && len(c.Runs) > 0 {
		man.Replicates = c.Runs[0].Reps
	}
	if job.Precision != nil {
		man.Precision = job.Precision.Got
	}
	if err := rd.WriteFile("manifest.json", func(fh *os.File) error { return WriteCompareManifest(fh, man) }); err != nil {
		return nil, err
	}
	return c, nil
}

// PrintComparison is what compare prints once c is written, in l: the
// effects table, where the files are, and how the runs were branched.
func PrintComparison(w io.Writer, c *Comparison, dir string, paired bool, l i18n.Lang) {
	WriteEffects(w, c.Runs, c.Effects, c.Year, paired, l)
	runs := ""
	if c.Ran {
		runs = l.T("term.cmp_runs")
	}
	fmt.Fprintln(w, l.T("term.cmp_wrote", dir, runs))
	if c.ForkNote != "" {
		fmt.Fprintln(w, c.ForkNote)
	}
}
