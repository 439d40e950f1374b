package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hukousim/hukousim/output"
	"github.com/hukousim/hukousim/scenarios"
	"github.com/hukousim/hukousim/sim/experiment"
)

func compareCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("compare", "compare REF OTHER... [flags]\n\nREF and OTHER are run directories, or scenarios (embedded names or YAML files) to run with the same seed. The first is the reference.")
	out := fs.String("out", "", "directory to write (default runs/compare-<timestamp>)")
	unpaired := fs.Bool("unpaired", false, "compare runs that do not share seeds, replicates or years, with Welch intervals")
	noBranch := fs.Bool("no-branch", false, "run every scenario from its first year instead of sharing the years they have in common (slower; the results are the same)")
	year := fs.Int("year", 0, "the year of the effects table and figure (default: the last recorded year)")
	f := addRunFlags(fs)
	f.stderr = stderr
	prof := addProfileFlags(fs)
	pos, err := parseInterspersed(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return usagef("compare needs a reference and at least one other run or scenario")
	}
	if err := f.check(fs); err != nil {
		return err
	}
	pr, err := prof.start(*f.force) // (checks the files first)
	if err != nil {
		return err
	}
	defer pr.discard() // removes the profiles unless finished
	var dirs, scens []string
	for _, p := range pos {
		if isRunDir(p) {
			dirs = append(dirs, p)
		} else {
			scens = append(scens, p)
		}
	}
	if len(dirs) > 0 && len(scens) > 0 {
		return usagef("compare takes run directories or scenarios, not both: %s %s a run directory, %s %s not",
			strings.Join(dirs, ", "), isAre(dirs), strings.Join(scens, ", "), isAre(scens))
	}
	if len(dirs) > 0 {
		// Finished runs are read, not run: the flags that shape a run
		// would be ignored, so they are refused.
		var given []string
		fs.Visit(func(fl *flag.Flag) {
			switch fl.Name {
			case "seed", "reps", "households", "years", "set", "workers", "no-branch":
				given = append(given, "--"+fl.Name)
			}
		})
		if len(given) > 0 {
			return usagef("%s %s no effect on run directories, which are compared as they were run; rerun them, or compare scenarios", strings.Join(given, ", "), hasHave(given))
		}
	}
	dir := *out
	if dir == "" {
		dir = filepath.Join("runs", "compare-"+time.Now().Format("20060102-150405"))
	}
	for _, d := range dirs {
		if sameDir(d, dir) {
			return usagef("--out %s is one of the runs being compared; nothing is written into an input", dir)
		}
	}

	began := time.Now()
	forkYear := 0
	var runs []*output.RunData
	var scs []*scenarios.Scenario
	var pending []finishedRun
	forkNote := ""
	if len(dirs) > 0 {
		for _, d := range dirs {
			r, err := output.ReadRun(d)
			if err != nil {
				return err
			}
			sc, err := scenarios.LoadBytes(filepath.Join(d, "scenario.yaml"), r.ScenarioYAML, nil)
			if err != nil {
				return fmt.Errorf("%s: its scenario.yaml does not load: %w", d, err)
			}
			runs = append(runs, r)
			scs = append(scs, sc)
		}
	} else {
		specs := make([]experiment.Spec, len(scens))
		for i, ref := range scens {
			sc, eps, err := f.load(ref)
			if err != nil {
				return err
			}
			scs = append(scs, sc)
			specs[i] = experiment.Spec{Base: &sc.Params, Epochs: eps, Seed: *f.seed, Reps: *f.reps, Workers: f.nWorkers()}
		}
		if err := uniqueNames(scs); err != nil {
			return err
		}
		start := time.Now()
		prog := output.NewProgress(stderr, *f.quiet)
		specs[0].Progress = prog.Update
		cmp, err := experiment.RunAll(ctx, specs, !*noBranch)
		prog.Done()
		if err != nil {
			return err
		}
		forkYear, forkNote = cmp.ForkYear, cmp.Note
		end := time.Now()
		for i, sc := range scs {
			pending = append(pending, finishedRun{sc: sc, res: cmp.Results[i], man: output.NewManifest(sc, cmp.Results[i], *f.seed, f.nWorkers(), start, end)})
		}
	}

	rd, err := createRunDir(dir, *f.force, stderr)
	if err != nil {
		return err
	}
	defer rd.Close() // removes everything written unless committed
	fmts, err := formats(*f.format)
	if err != nil {
		return err
	}
	for _, fr := range pending {
		figYear, err := f.figureYear(fr.sc)
		if err != nil {
			return err
		}
		d, err := output.WriteRun(ctx, rd.Sub(filepath.Join("runs", fr.sc.Name)), fr.sc, fr.res, fr.man, fmts, figYear)
		if err != nil {
			return err
		}
		d.Dir = filepath.Join(dir, "runs", fr.sc.Name)
		runs = append(runs, d)
	}
	if err := output.CheckComparable(runs); err != nil {
		return err
	}
	if !*f.quiet {
		// Series one run lacks (a city only one scenario has) are compared
		// where both have them; say so rather than drop them silently.
		for _, g := range output.Gaps(runs) {
			fmt.Fprintf(stderr, "hukousim: note: %s\n", g)
		}
	}
	paired := !*unpaired
	if paired {
		if err := output.CheckPaired(runs); err != nil {
			return err
		}
	}
	effYear := runs[0].Years[len(runs[0].Years)-1]
	if *year != 0 {
		if runs[0].YearIndex(*year) < 0 {
			return usagef("--year %d is not a recorded year of %s (%d-%d)", *year, runs[0].Name, runs[0].Years[0], effYear)
		}
		effYear = *year
	}
	var effects []output.Effect
	for _, r := range runs[1:] {
		effects = append(effects, output.Effects(runs[0], r, paired)...)
	}
	if err := rd.WriteFile("compare.csv", func(fh *os.File) error { return output.WriteCompareCSV(fh, effects) }); err != nil {
		return err
	}
	names := make([]string, len(runs))
	for i, r := range runs {
		names[i] = r.Name
	}
	figs := output.OverlayFigures(names, runs)
	figs = append(figs, output.EffectsFigure(output.EffectRows(effects, effYear), effYear))
	rfigs, err := output.WriteFigures(ctx, rd, figs, fmts)
	if err != nil {
		return err
	}
	rep := &output.CompareReport{
		Runs: runs, Scenarios: scs, Effects: effects, EffectYear: effYear, Paired: paired,
		Figures: rfigs, Command: "hukousim " + strings.Join(os.Args[1:], " "), ForkNote: forkNote,
	}
	if err := rd.WriteFile("compare.html", func(fh *os.File) error { return output.WriteCompareReport(fh, rep) }); err != nil {
		return err
	}
	man := &output.CompareManifest{
		Tool: "hukousim", Kind: "compare", Version: output.Version, Commit: output.Commit(), CommitSource: output.CommitSource(), GoVersion: output.GoVersion(),
		Reference: runs[0].Name, Inputs: pos, Paired: paired, EffectYear: effYear, ForkYear: forkYear,
		Start: began.UTC(), WallSeconds: time.Since(began).Seconds(), CommandLine: append([]string{"hukousim"}, os.Args[1:]...),
	}
	if err := rd.WriteFile("manifest.json", func(fh *os.File) error { return output.WriteCompareManifest(fh, man) }); err != nil {
		return err
	}
	if err := rd.Commit(); err != nil {
		return err
	}
	if err := pr.finish(); err != nil {
		return fmt.Errorf("wrote %s, but not the profile: %w", rd.Path(), err)
	}
	if !*f.quiet {
		output.WriteEffects(stdout, runs, effects, effYear, paired)
		fmt.Fprintf(stdout, "\nWrote %s: compare.html (open it in a browser), compare.csv, plots/", rd.Path())
		if len(pending) > 0 {
			fmt.Fprint(stdout, ", runs/ (each scenario's run directory)")
		}
		fmt.Fprintln(stdout, ".")
		if forkNote != "" {
			fmt.Fprintln(stdout, forkNote)
		}
	}
	return nil
}

// isRunDir reports whether p is to be read as a run directory: any
// directory is (ReadRun says clearly when it is not a run), and so is a
// path that does not exist unless it names a YAML file; anything else is a
// scenario name or file.
func isRunDir(p string) bool {
	fi, err := os.Stat(p)
	if err == nil {
		return fi.IsDir()
	}
	ext := strings.ToLower(filepath.Ext(p))
	return strings.ContainsRune(p, filepath.Separator) && ext != ".yaml" && ext != ".yml"
}

func sameDir(a, b string) bool {
	x, err1 := filepath.Abs(a)
	y, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && filepath.Clean(x) == filepath.Clean(y)
}

func hasHave(xs []string) string {
	if len(xs) == 1 {
		return "has"
	}
	return "have"
}

func isAre(xs []string) string {
	if len(xs) == 1 {
		return "is"
	}
	return "are"
}

func uniqueNames(scs []*scenarios.Scenario) error {
	seen := map[string]bool{}
	for _, s := range scs {
		if seen[s.Name] {
			return usagef("scenario %q is given twice; compare it against something else", s.Name)
		}
		seen[s.Name] = true
	}
	return nil
}

// sameCalendar reports whether the scenarios share seed, replicates,
// calendar and size, which branching needs.
