package output

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hukousim/hukousim/output/i18n"

	"github.com/hukousim/hukousim/output/rundir"
)

// sweepRow is one row of a point's file.
type sweepRow struct {
	scenario, metric, group string
	rep, year               int
	value                   float64
}

// SweepResult is a sweep's points gathered: rows[i] are point i's.
type SweepResult struct {
	Plan *Plan
	rows [][]sweepRow
	// Shards are the notes of the shards that ran, if any.
	Shards []shardNote
	// NoIndex lists the outcomes Indices found no index for, and why.
	NoIndex []string
	// Figures counts the figures SweepOutputs wrote.
	Figures int
	// Lang is the language of sweep.html, the figures and PrintSweep.
	Lang i18n.Lang
}

// GatherSweep reads the points of one sweep from dirs (one directory, or
// the directories its shards wrote). Every directory must hold the same
// plan, from the same version and commit; every point must be in exactly
// one of them. Otherwise it refuses, naming the directories that disagree
// or the points missing or found twice.
func GatherSweep(dirs []string) (*SweepResult, error) {
	var plan *Plan
	for _, d := range dirs {
		p, ok, err := readPlan(d)
		switch {
		case err != nil:
			return nil, err
		case !ok:
			return nil, fmt.Errorf("%s is not a sweep directory (no %s)", d, planFile)
		case plan == nil:
			plan = p
		default:
			switch {
			case p.Hash != plan.Hash:
				return nil, fmt.Errorf("%s and %s are not shards of one sweep: their designs differ (%.12s, %.12s)", dirs[0], d, plan.Hash, p.Hash)
			case agree(d, p, plan) != "":
				return nil, fmt.Errorf("%s and %s were run by different builds (hukousim %s commit %s, %s commit %s); results of two builds are not merged", dirs[0], d, plan.Version, plan.Commit, p.Version, p.Commit)
			}
		}
	}
	for i, d := range dirs {
		for _, e := range dirs[:i] {
			if rundir.Same(d, e) {
				return nil, fmt.Errorf("%s is given twice", d)
			}
		}
	}
	res := &SweepResult{Plan: plan, rows: make([][]sweepRow, len(plan.Body.Points))}
	where := make([][]string, len(plan.Body.Points))
	for _, d := range dirs {
		for i := range plan.Body.Points {
			if _, err := os.Stat(filepath.Join(d, pointsDir, pointFile(i))); err == nil {
				where[i] = append(where[i], d)
			} else if !errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("output: %w", err)
			}
		}
		notes, _ := filepath.Glob(filepath.Join(d, shardsDir, "*.json"))
		sort.Strings(notes)
		for _, n := range notes {
			var s shardNote
			if b, err := os.ReadFile(n); err == nil && json.Unmarshal(b, &s) == nil {
				res.Shards = append(res.Shards, s)
			}
		}
	}
	var missing, twice []string
	for i, w := range where {
		switch {
		case len(w) == 0:
			missing = append(missing, strconv.Itoa(i))
		case len(w) > 1:
			twice = append(twice, fmt.Sprintf("%d (in %s)", i, strings.Join(w, " and ")))
		}
	}
	if len(missing) > 0 || len(twice) > 0 {
		var msg []string
		if len(missing) > 0 {
			msg = append(msg, fmt.Sprintf("%d of %d points missing: %s%s", len(missing), len(where), listSome(missing), shardHint(plan, missing)))
		}
		if len(twice) > 0 {
			msg = append(msg, fmt.Sprintf("%d points found twice: %s", len(twice), listSome(twice)))
		}
		return nil, fmt.Errorf("cannot merge: %s", strings.Join(msg, "; "))
	}
	for i, w := range where {
		path := filepath.Join(w[0], pointsDir, pointFile(i))
		rows, err := readPoint(path)
		if err == nil {
			if why := checkPoint(plan, rows); why != "" {
				err = fmt.Errorf("%s is incomplete: %s", path, why)
			}
		}
		if err != nil {
			return nil, fmt.Errorf("%v; delete it and rerun the sweep (or its shard) to run point %d again", err, i)
		}
		res.rows[i] = rows
	}
	return res, nil
}

// listSome lists up to 10 items and counts the rest.
func listSome(items []string) string {
	if len(items) <= 10 {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:10], ", ") + fmt.Sprintf(" and %d more", len(items)-10)
}

// shardHint says which shards of a split the missing points belong to,
// when they fit one: every point i of shard I of N has i mod N = I.
func shardHint(plan *Plan, missing []string) string {
	for _, n := range []int{2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 32, 64} {
		if n > len(plan.Body.Points) {
			break
		}
		idx := map[int]bool{}
		for _, m := range missing {
			i, _ := strconv.Atoi(m)
			idx[i%n] = true
		}
		// Whole shards missing: every point of those shards.
		count := 0
		for i := range plan.Body.Points {
			if idx[i%n] {
				count++
			}
		}
		if count == len(missing) && len(idx) < n {
			var ks []int
			for k := range idx {
				ks = append(ks, k)
			}
			sort.Ints(ks)
			var names []string
			for _, k := range ks {
				names = append(names, fmt.Sprintf("%d/%d", k, n))
			}
			return fmt.Sprintf(" (all of shard %s, if the sweep was split in %d)", strings.Join(names, ", "), n)
		}
	}
	return ""
}

// readPoint reads one point's file.
func readPoint(path string) ([]sweepRow, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	recs, err := r.ReadAll()
	if err != nil || len(recs) == 0 || strings.Join(recs[0], ",") != "scenario,replicate,metric,group,year,value" {
		return nil, fmt.Errorf("%s: not a point's results (%v)", path, err)
	}
	rows := make([]sweepRow, 0, len(recs)-1)
	for _, rec := range recs[1:] {
		rep, e1 := strconv.Atoi(rec[1])
		year, e2 := strconv.Atoi(rec[4])
		v, e3 := strconv.ParseFloat(rec[5], 64)
		if err := errors.Join(e1, e2, e3); err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		rows = append(rows, sweepRow{scenario: rec[0], rep: rep, metric: rec[2], group: rec[3], year: year, value: v})
	}
	return rows, nil
}

// checkPoint says what is wrong with point i's rows, or "" when they are
// whole: every scenario, every replicate, each replicate with the same
// series as the first, every metric in every year. A file is written
// whole or not at all, so a gap means it was edited, or written by
// something else.
func checkPoint(plan *Plan, rows []sweepRow) string {
	type key struct {
		metric, group string
		year          int
	}
	body := &plan.Body
	for _, sc := range body.Scenarios {
		byRep := make([]map[key]bool, body.Replicates)
		for _, r := range rows {
			if r.scenario != sc.Name {
				continue
			}
			if r.rep < 0 || r.rep >= body.Replicates {
				return fmt.Sprintf("replicate %d of %s is not in the plan (%d replicates)", r.rep, sc.Name, body.Replicates)
			}
			if byRep[r.rep] == nil {
				byRep[r.rep] = map[key]bool{}
			}
			byRep[r.rep][key{r.metric, r.group, r.year}] = true
		}
		for rep, keys := range byRep {
			switch {
			case keys == nil:
				return fmt.Sprintf("replicate %d of %s is missing", rep, sc.Name)
			case len(keys) != len(byRep[0]):
				return fmt.Sprintf("replicate %d of %s has %d series, replicate 0 %d", rep, sc.Name, len(keys), len(byRep[0]))
			}
		}
		for _, m := range body.Metrics {
			for _, y := range body.Years {
				found := false
				for k := range byRep[0] {
					if k.metric == m && k.year == y {
						found = true
						break
					}
				}
				if !found {
					return fmt.Sprintf("%s has no %s in %d", sc.Name, m, y)
				}
			}
		}
	}
	return ""
}

// WriteSweepCSV writes sweep.csv: one row per point × scenario ×
// replicate × metric × group × year, with every parameter's value as a
// column.
func (s *SweepResult) WriteSweepCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	head := []string{"point", "scenario"}
	for _, p := range s.Plan.Body.Parameters {
		head = append(head, p.Name)
	}
	cw.Write(append(head, "replicate", "metric", "group", "year", "value"))
	for i, rows := range s.rows {
		vals := make([]string, len(s.Plan.Body.Parameters))
		for k, x := range s.Plan.Body.Points[i] {
			vals[k] = strconv.FormatFloat(x, 'g', -1, 64)
		}
		for _, r := range rows {
			rec := append([]string{strconv.Itoa(i), r.scenario}, vals...)
			cw.Write(append(rec, strconv.Itoa(r.rep), r.metric, r.group, strconv.Itoa(r.year), strconv.FormatFloat(r.value, 'g', -1, 64)))
		}
	}
	cw.Flush()
	return cw.Error()
}

// SweepManifest describes a finished sweep.
type SweepManifest struct {
	Tool         string      `json:"tool"`
	Version      string      `json:"version"`
	Commit       string      `json:"commit"`       // of the build that wrote these results
	SweepCommit  string      `json:"sweep_commit"` // of the build that ran the points (plan.json)
	GoVersion    string      `json:"go_version"`
	DesignSHA256 string      `json:"design_sha256"`
	Method       string      `json:"method"`
	Points       int         `json:"points"`
	Parameters   []string    `json:"parameters"`
	Scenarios    []string    `json:"scenarios"`
	Replicates   int         `json:"replicates"`
	Households   int         `json:"households"`
	Seed         uint64      `json:"seed"`
	Shards       []shardNote `json:"shards,omitempty"`
	// NoIndex lists the outcomes without an index, and why.
	NoIndex        []string  `json:"no_index,omitempty"`
	HouseholdYears float64   `json:"household_years,omitempty"`
	WallSeconds    float64   `json:"wall_seconds,omitempty"`
	HHYearsPerSec  float64   `json:"household_years_per_second,omitempty"`
	Workers        int       `json:"workers,omitempty"`
	CommandLine    []string  `json:"command_line"`
	End            time.Time `json:"end_time"`
}

// SweepOutputs writes a gathered sweep's results into out: sweep.csv,
// indices.csv, plots/, sweep.html and manifest.json (last). When out is
// one of the sweep's own directories the files are written in place, each
// whole; otherwise out is a new directory (replaced only with force), with
// a copy of the plan, that appears only when complete.
func (s *SweepResult) SweepOutputs(out string, dirs []string, force bool, run *SweepRun, workers int) error {
	files, err := s.outputFiles(run, workers)
	if err != nil {
		return err
	}
	for _, d := range dirs {
		if rundir.Same(d, out) {
			for _, f := range files {
				if err := os.MkdirAll(filepath.Dir(filepath.Join(out, f.name)), 0o755); err != nil {
					return fmt.Errorf("output: %w", err)
				}
				if err := writeAtomic(filepath.Join(out, f.name), f.data); err != nil {
					return err
				}
			}
			return nil
		}
	}
	rd, err := rundir.Create(out, force)
	if err != nil {
		return err
	}
	defer rd.Close()
	plan, _ := json.MarshalIndent(s.Plan, "", "  ")
	files = append([]outFile{{planFile, append(plan, '\n')}}, files...)
	if src, err := os.ReadFile(filepath.Join(dirs[0], sweepFile)); err == nil {
		files = append([]outFile{{sweepFile, src}}, files...)
	}
	for _, f := range files {
		if err := rd.WriteFile(f.name, func(w *os.File) error { _, err := w.Write(f.data); return err }); err != nil {
			return err
		}
	}
	return rd.Commit()
}

type outFile struct {
	name string
	data []byte
}

// outputFiles renders every result file, manifest.json last.
func (s *SweepResult) outputFiles(run *SweepRun, workers int) ([]outFile, error) {
	var files []outFile
	var b bytes.Buffer
	if err := s.WriteSweepCSV(&b); err != nil {
		return nil, err
	}
	files = append(files, outFile{"sweep.csv", bytes.Clone(b.Bytes())})
	idx, err := s.Indices()
	if err != nil {
		return nil, err
	}
	if m := s.Plan.Body.Design.Method; m == "morris" || m == "sobol" {
		b.Reset()
		if err := writeIndices(&b, m, idx); err != nil {
			return nil, err
		}
		files = append(files, outFile{"indices.csv", bytes.Clone(b.Bytes())})
	}
	extra, err := s.figuresAndPage(idx)
	if err != nil {
		return nil, err
	}
	files = append(files, extra...)
	body := &s.Plan.Body
	m := SweepManifest{
		Tool: "hukousim", Version: Version, Commit: Commit(), GoVersion: GoVersion(),
		DesignSHA256: s.Plan.Hash, Method: body.Design.Method, Points: len(body.Points),
		Replicates: body.Replicates, Households: body.Households, Seed: body.Seed,
		Shards: s.Shards, CommandLine: os.Args, End: time.Now().UTC(), Workers: workers,
		NoIndex: s.NoIndex, SweepCommit: s.Plan.Commit,
	}
	for _, p := range body.Parameters {
		m.Parameters = append(m.Parameters, p.Name)
	}
	for _, sc := range body.Scenarios {
		m.Scenarios = append(m.Scenarios, sc.Ref)
	}
	if run != nil {
		m.HouseholdYears, m.WallSeconds = run.HouseholdYears, run.Wall.Seconds()
		if m.WallSeconds > 0 {
			m.HHYearsPerSec = m.HouseholdYears / m.WallSeconds
		}
	}
	mb, _ := json.MarshalIndent(m, "", "  ")
	files = append(files, outFile{"manifest.json", append(mb, '\n')})
	return files, nil
}
