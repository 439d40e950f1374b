package output

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/hukousim/hukousim/scenarios"
	"github.com/hukousim/hukousim/sim/experiment"
)

// Shard is the share of a sweep's points one run takes: point i belongs to
// shard i mod N (Index from 0).
type Shard struct{ Index, Of int }

// Owns says whether point i is the shard's.
func (s Shard) Owns(i int) bool { return s.Of <= 1 || i%s.Of == s.Index }

func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.Index, s.Of) }

// SweepRun is what running a shard (or all) of a sweep did.
type SweepRun struct {
	Points, Skipped int     // points of the shard run now, and found done
	Redone          []int   // points whose files were incomplete, run again
	HouseholdYears  float64 // simulated now
	Wall            time.Duration
}

// shardNote is shards/I-of-N.json: a shard finished.
type shardNote struct {
	Shard          string    `json:"shard"`
	Points         int       `json:"points"`
	Skipped        int       `json:"points_found_done"`
	HouseholdYears float64   `json:"household_years"`
	WallSeconds    float64   `json:"wall_seconds"`
	Workers        int       `json:"workers"`
	End            time.Time `json:"end_time"`
}

// Run runs the shard's points not yet in dir, workers at a time, each
// point's replicates one after the other on the workers it is given:
// every point shares the sweep's seed, so its results do not depend on
// the workers or on the order. progress, if set, is called with the
// household-years done and to do.
func (j *SweepJob) Run(ctx context.Context, dir string, shard Shard, workers int, force bool, progress func(done, total float64)) (*SweepRun, error) {
	began := time.Now()
	if err := openSweepDir(dir, j.Plan, j.Source, force); err != nil {
		return nil, err
	}
	body := &j.Plan.Body
	var todo []int
	run := &SweepRun{}
	for i := range body.Points {
		if !shard.Owns(i) {
			continue
		}
		path := filepath.Join(dir, pointsDir, pointFile(i))
		if _, err := os.Stat(path); err == nil {
			rows, err := readPoint(path)
			if err == nil && checkPoint(j.Plan, rows) == "" {
				run.Skipped++
				continue
			}
			run.Redone = append(run.Redone, i) // incomplete or unreadable: run again
		}
		todo = append(todo, i)
	}
	perPoint := 0.0
	for _, ps := range body.Scenarios {
		sc, err := scenarios.Load(ps.Ref, ps.Fixed)
		if err != nil {
			return nil, err
		}
		t := sc.Params.Time
		perPoint += float64(body.Replicates*(t.BurnIn+t.Years)) * float64(body.Households)
	}
	total := perPoint * float64(len(todo))

	// Points run side by side, each on workers/parallel workers.
	parallel := max(1, min(workers, len(todo)))
	each := max(1, workers/parallel)
	var (
		mu       sync.Mutex
		done     float64
		firstErr error
		next     int
	)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for range parallel {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				if next == len(todo) || firstErr != nil {
					mu.Unlock()
					return
				}
				i := todo[next]
				next++
				mu.Unlock()
				hy, err := j.runPoint(ctx, dir, i, each, func(d float64) {
					if progress == nil {
						return
					}
					mu.Lock()
					done += d
					progress(done, total)
					mu.Unlock()
				})
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
					cancel()
				}
				run.HouseholdYears += hy
				if err == nil {
					run.Points++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return run, firstErr
	}
	run.Wall = time.Since(began)
	if shard.Of > 1 {
		note := shardNote{Shard: shard.String(), Points: run.Points, Skipped: run.Skipped, HouseholdYears: run.HouseholdYears,
			WallSeconds: run.Wall.Seconds(), Workers: workers, End: time.Now().UTC()}
		b, _ := json.MarshalIndent(note, "", "  ")
		if err := os.MkdirAll(filepath.Join(dir, shardsDir), 0o755); err != nil {
			return run, fmt.Errorf("output: %w", err)
		}
		if err := writeAtomic(filepath.Join(dir, shardsDir, fmt.Sprintf("%d-of-%d.json", shard.Index, shard.Of)), append(b, '\n')); err != nil {
			return run, err
		}
	}
	return run, nil
}

// runPoint runs point i in every scenario and writes its file. step is
// told the household-years of each simulated year.
func (j *SweepJob) runPoint(ctx context.Context, dir string, i, workers int, step func(float64)) (float64, error) {
	body := &j.Plan.Body
	var sets []string
	for k, p := range body.Parameters {
		sets = append(sets, p.Sets(body.Points[i][k])...)
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"scenario", "replicate", "metric", "group", "year", "value"})
	hy := 0.0
	for _, ps := range body.Scenarios {
		sc, err := scenarios.Load(ps.Ref, append(slices.Clip(ps.Fixed), sets...))
		if err != nil {
			return hy, fmt.Errorf("point %d (%s): %w", i, pointSets(sets), err)
		}
		eps, err := sc.Epochs()
		if err != nil {
			return hy, fmt.Errorf("point %d (%s): %w", i, pointSets(sets), err)
		}
		last := 0.0
		res, err := experiment.Run(ctx, experiment.Spec{
			Base: &sc.Params, Epochs: eps, Seed: body.Seed, Reps: body.Replicates, Workers: workers,
			Progress: func(d, _ float64) { step(d - last); last = d },
		})
		if err != nil {
			return hy, fmt.Errorf("point %d (%s): %w", i, pointSets(sets), err)
		}
		hy += res.HouseholdYears
		keep := map[string]bool{}
		for _, m := range body.Metrics {
			keep[m] = true
		}
		for r, rep := range res.Reps {
			for yi, vals := range rep.Metrics {
				year := res.Years[yi]
				if !slices.Contains(body.Years, year) {
					continue
				}
				for _, v := range vals {
					if keep[v.Name] {
						w.Write([]string{ps.Name, strconv.Itoa(r), v.Name, v.Group, strconv.Itoa(year), strconv.FormatFloat(v.Value, 'g', -1, 64)})
					}
				}
			}
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return hy, err
	}
	return hy, writeAtomic(filepath.Join(dir, pointsDir, pointFile(i)), buf.Bytes())
}

// pointSets shows a point's overrides in an error.
func pointSets(sets []string) string {
	if len(sets) == 0 {
		return "no overrides"
	}
	s := sets[0]
	for _, x := range sets[1:] {
		s += " " + x
	}
	return s
}
