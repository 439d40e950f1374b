package output

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/hukousim/hukousim/scenarios"
	"github.com/hukousim/hukousim/sim"
	"github.com/hukousim/hukousim/sim/sweep"
)

// A sweep directory (docs/ODD.md, Sweeps) holds plan.json, what the sweep
// is; points/, one file per finished point, each written whole under a
// temporary name and renamed; shards/, a note per finished shard; and,
// once every point is in, the results: sweep.csv, indices.csv,
// manifest.json, plots/ and sweep.html. A rerun of the same sweep into the
// same directory skips the points already there.
const (
	planFile  = "plan.json"
	sweepFile = "sweep.yaml" // a copy of the sweep file
	pointsDir = "points"
	shardsDir = "shards"
)

// Plan is what a sweep is: everything that decides its results. Its hash
// names the design; shards and resumed runs must agree on it, and on the
// version and (where both know it) the commit of the tool that runs them.
type Plan struct {
	Tool    string   `json:"tool"`
	Version string   `json:"version"`
	Commit  string   `json:"commit"`
	Hash    string   `json:"design_sha256"`
	Body    PlanBody `json:"plan"`
}

// PlanBody is the part of a Plan its hash covers.
type PlanBody struct {
	Scenarios  []PlanScenario    `json:"scenarios"`
	Sets       []string          `json:"set"`
	Parameters []sweep.Parameter `json:"parameters"`
	Design     sweep.Design      `json:"design"`
	Households int               `json:"households"`
	Replicates int               `json:"replicates"`
	Seed       uint64            `json:"seed"`
	Metrics    []string          `json:"metrics"`
	Years      []int             `json:"years"`
	// Points[i][j] is parameter j's value at point i (a factor for a
	// scale).
	Points [][]float64 `json:"points"`
}

// PlanScenario is one scenario of a sweep, with the hash of its resolved
// form (the overrides applied), so that a changed scenario file changes
// the plan.
type PlanScenario struct {
	Ref    string `json:"ref"`
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	// Fixed are the overrides every point of this scenario runs with:
	// the sweep's set, then its households and the years it records.
	Fixed []string `json:"fixed"`
}

// SweepJob is a sweep ready to run.
type SweepJob struct {
	File   string
	Source []byte // the sweep file as read
	Spec   *sweep.Spec
	Plan   *Plan
	// Notes are warnings worth a user's eye: a scenario's reform that
	// overrides a field the sweep varies.
	Notes []string
}

// LoadSweep reads and checks a sweep file and lays out its points.
func LoadSweep(file string) (*SweepJob, error) {
	probe, err := scenarios.Load("baseline", nil)
	if err != nil {
		return nil, err
	}
	spec, err := scenarios.LoadSweep(file, sim.MetricNames(&probe.Params))
	if err != nil {
		return nil, err
	}
	pts, err := spec.Points()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	body := PlanBody{
		Sets: spec.Sets, Parameters: spec.Params, Design: spec.Design,
		Households: spec.Households, Replicates: spec.Reps, Seed: spec.Seed,
		Metrics: spec.Metrics, Years: spec.Years, Points: pts,
	}
	if body.Sets == nil {
		body.Sets = []string{}
	}
	last := spec.Years[len(spec.Years)-1]
	var notes []string
	for _, ref := range spec.Scenarios {
		sc, err := scenarios.Load(ref, spec.Sets)
		if err != nil {
			return nil, err
		}
		notes = append(notes, reformNotes(sc, spec)...)
		fixed := append(append([]string{}, spec.Sets...),
			"population.households="+strconv.Itoa(spec.Households),
			"time.years="+strconv.Itoa(last-sc.Params.Time.StartYear+1))
		if sc, err = scenarios.Load(ref, fixed); err != nil {
			return nil, err
		}
		for _, o := range body.Scenarios {
			if o.Name == sc.Name {
				return nil, fmt.Errorf("%s: scenarios %s and %s are both named %q; sweep.csv tells scenarios apart by name: rename one", file, o.Ref, ref, sc.Name)
			}
		}
		body.Scenarios = append(body.Scenarios, PlanScenario{Ref: ref, Name: sc.Name, SHA256: sc.SHA256(), Fixed: fixed})
	}
	plan := &Plan{Tool: "hukousim", Version: Version, Commit: Commit(), Body: body}
	b, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(b)
	plan.Hash = hex.EncodeToString(sum[:])
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return &SweepJob{File: file, Source: src, Spec: spec, Plan: plan, Notes: notes}, nil
}

// reformNotes are notes on sc's reforms that set a field the sweep
// varies: from their year the reform's value replaces the sweep's.
func reformNotes(sc *scenarios.Scenario, spec *sweep.Spec) []string {
	var notes []string
	for _, rf := range sc.Reforms {
		for _, a := range rf.Set {
			for _, p := range spec.Params {
				for _, path := range p.Paths {
					if a.Path == path || strings.HasPrefix(path, a.Path+".") || strings.HasPrefix(a.Path, path+".") {
						notes = append(notes, fmt.Sprintf("%s's reform of %d sets %s, which the sweep varies (%s): from %d that scenario's value replaces the sweep's", sc.Name, rf.Year, a.Path, p.Name, rf.Year))
					}
				}
			}
		}
	}
	return notes
}

// readPlan reads a sweep directory's plan; ok is false when it has none.
func readPlan(dir string) (p *Plan, ok bool, err error) {
	b, err := os.ReadFile(filepath.Join(dir, planFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	p = &Plan{}
	if err := json.Unmarshal(b, p); err != nil {
		return nil, true, fmt.Errorf("%s: not a sweep plan: %v", filepath.Join(dir, planFile), err)
	}
	return p, true, nil
}

// IsSweepDir says whether dir holds a sweep's plan.
func IsSweepDir(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, planFile))
	return err == nil
}

// agree says why a plan found in dir cannot go on with want, or "" when it
// can.
func agree(dir string, got, want *Plan) string {
	switch {
	case got.Hash != want.Hash:
		return fmt.Sprintf("%s holds another sweep (design %.12s, this one is %.12s)", dir, got.Hash, want.Hash)
	case got.Version != want.Version || got.Commit != want.Commit && known(got.Commit) && known(want.Commit):
		return fmt.Sprintf("%s was started by hukousim %s (commit %s), this is %s (commit %s): results from two builds are not mixed", dir, got.Version, got.Commit, want.Version, want.Commit)
	}
	return ""
}

// known says whether a commit was found: a binary built without version
// control stamps (go build -buildvcs=false) and run outside a checkout
// cannot tell its commit, and is not refused for it.
func known(commit string) bool { return commit != "" && commit != "unknown" }

// openSweepDir makes dir ready for the plan: new, empty, or a sweep
// directory of the same plan (a resumed or parallel run: its points are
// kept). Another sweep's directory is replaced only with force; a
// directory that is not a sweep's, never.
func openSweepDir(dir string, plan *Plan, source []byte, force bool) error {
	got, has, err := readPlan(dir)
	if err != nil {
		return err
	}
	if has {
		if why := agree(dir, got, plan); why != "" {
			if !force {
				return fmt.Errorf("%s; choose another --out, or pass --force to start it again", why)
			}
			if err := os.RemoveAll(dir); err != nil {
				return fmt.Errorf("output: %w", err)
			}
		}
	} else if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s exists and is not a sweep directory (no %s); will not write into it", dir, planFile)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("output: %w", err)
	}
	if err := os.MkdirAll(filepath.Join(dir, pointsDir), 0o755); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if source != nil {
		if err := writeAtomic(filepath.Join(dir, sweepFile), source); err != nil {
			return err
		}
	}
	b, err := json.MarshalIndent(plan, "", "  ")
	if err != nil {
		return err
	}
	return writeAtomic(filepath.Join(dir, planFile), append(b, '\n'))
}

// writeAtomic writes a file whole: under a temporary name in the same
// directory, then renamed, so that no reader sees half of it.
func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	_, werr := f.Write(data)
	if werr == nil {
		werr = f.Chmod(0o644)
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(f.Name(), path)
	}
	if werr != nil {
		os.Remove(f.Name())
		return fmt.Errorf("output: writing %s: %w", path, werr)
	}
	return nil
}

// pointFile is the name of point i's file in points/.
func pointFile(i int) string { return fmt.Sprintf("%06d.csv", i) }
