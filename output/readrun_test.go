package output

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hukousim/hukousim/output/rundir"
	"github.com/hukousim/hukousim/scenarios"
	"github.com/hukousim/hukousim/sim/experiment"
)

// writeRealRun runs the baseline small (300 households, 3 burn-in years, 2
// recorded years, 2 replicates: well under a second) and writes its run
// directory as cmd/hukousim's run does, through Create, WriteFile and Commit.
func writeRealRun(t *testing.T, dir string) (*scenarios.Scenario, *experiment.Result, *Manifest) {
	t.Helper()
	sc, err := scenarios.Load("baseline", []string{"population.households=300", "time.years=2", "time.burn_in=3"})
	if err != nil {
		t.Fatal(err)
	}
	eps, err := sc.Epochs()
	if err != nil {
		t.Fatal(err)
	}
	resolved, err := sc.YAML()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	res, err := experiment.Run(context.Background(), experiment.Spec{Base: &sc.Params, Epochs: eps, Seed: 1, Reps: 2, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	end := time.Now()
	man := &Manifest{
		Tool: "hukousim", Version: Version, Commit: Commit(), GoVersion: GoVersion(),
		Scenario: sc.Name, ScenarioSHA256: sc.SHA256(), Seed: 1, Replicates: 2, Workers: 2,
		Households: sc.Params.Population.Households,
		StartYear:  sc.Params.Time.StartYear, Years: sc.Params.Time.Years, BurnIn: sc.Params.Time.BurnIn,
		Start: start.UTC(), End: end.UTC(), WallSeconds: end.Sub(start).Seconds(),
		HouseholdYears: res.HouseholdYears, CommandLine: []string{"hukousim", "run"},
	}
	for _, r := range res.Reps {
		man.BurnInDrift = append(man.BurnInDrift, r.Drift)
		man.Scale = append(man.Scale, r.Scale)
	}
	rd, err := rundir.Create(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Abort()
	for _, f := range []struct {
		name  string
		write func(io.Writer) error
	}{
		{"scenario.yaml", func(w io.Writer) error { _, err := w.Write(resolved); return err }},
		{"metrics.csv", func(w io.Writer) error { return WriteMetrics(w, res) }},
		{"summary.csv", func(w io.Writer) error { return WriteSummary(w, Summarise(res)) }},
		{"cohorts.csv", func(w io.Writer) error { return WriteCohorts(w, res) }},
		{"manifest.json", func(w io.Writer) error { return WriteManifest(w, man) }},
	} {
		if err := rd.WriteFile(f.name, func(fh *os.File) error { return f.write(fh) }); err != nil {
			t.Fatal(err)
		}
	}
	if err := rd.Commit(); err != nil {
		t.Fatal(err)
	}
	return sc, res, man
}

// listing records every file under root: name, size, mode and
// modification time.
func listing(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := e.Info()
		if err != nil {
			return err
		}
		out[p] = fmt.Sprintf("%v %d %s", fi.Mode(), fi.Size(), fi.ModTime().Format(time.RFC3339Nano))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A run directory written as `hukousim run` writes it reads back whole:
// the manifest, the scenario's name, title and bytes, and every metric
// value bit for bit; and reading it writes nothing.
func TestReadRunRoundTrip(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "baseline-run")
	sc, res, man := writeRealRun(t, dir)
	before := listing(t, parent)
	// Modification times have a coarse clock on some file systems: wait
	// past a tick, so that a rewrite would show.
	time.Sleep(20 * time.Millisecond)

	d, err := ReadRun(dir)
	if err != nil {
		t.Fatal(err)
	}
	if after := listing(t, parent); !reflect.DeepEqual(before, after) {
		t.Errorf("ReadRun changed the directory:\nbefore %v\nafter  %v", before, after)
	}

	if d.Dir != dir || d.Name != "baseline" || d.Title != sc.Title || d.Title == "" {
		t.Errorf("dir, name, title = %q, %q, %q; want %q, baseline, %q", d.Dir, d.Name, d.Title, dir, sc.Title)
	}
	want, _ := sc.YAML()
	if !bytes.Equal(d.ScenarioYAML, want) {
		t.Error("ScenarioYAML differs from the resolved scenario")
	}
	var gotMan, wantMan bytes.Buffer
	WriteManifest(&gotMan, d.Manifest)
	WriteManifest(&wantMan, man)
	if gotMan.String() != wantMan.String() {
		t.Errorf("manifest read back as\n%s\nwant\n%s", gotMan.String(), wantMan.String())
	}

	mem := FromResult(res)
	if !reflect.DeepEqual(d.Years, mem.Years) || d.Reps != mem.Reps {
		t.Fatalf("years %v and %d replicates, want %v and %d", d.Years, d.Reps, mem.Years, mem.Reps)
	}
	if !reflect.DeepEqual(d.Keys, mem.Keys) {
		t.Fatalf("%d series read back, want %d in the order of metrics.csv", len(d.Keys), len(mem.Keys))
	}
	nan := 0
	for _, k := range mem.Keys {
		got, _ := d.Series(k.Name, k.Group)
		exp, _ := mem.Series(k.Name, k.Group)
		for r := range exp {
			for y := range exp[r] {
				if math.IsNaN(exp[r][y]) {
					nan++
				}
				if math.Float64bits(got[r][y]) != math.Float64bits(exp[r][y]) &&
					!(math.IsNaN(got[r][y]) && math.IsNaN(exp[r][y])) {
					t.Errorf("%s replicate %d year %d: read %v, wrote %v", keyText(k), r, d.Years[y], got[r][y], exp[r][y])
				}
			}
		}
	}
	t.Logf("%d series, %d NaN values read back as NaN", len(mem.Keys), nan)

	// The comparison of a run with itself is nothing: every paired
	// difference is exactly 0, with an interval of width 0 where two
	// replicates have a value (and none where one has).
	if err := CheckPaired([]*RunData{d, d}); err != nil {
		t.Error(err)
	}
	for _, e := range Effects(d, d, true) {
		if e.N > 0 && (e.Diff != 0 || (e.N > 1 && (e.DiffLow != 0 || e.DiffHigh != 0))) {
			t.Fatalf("run against itself: %+v, want a difference of 0", e)
		}
	}
}

// toyManifest is the manifest of a toy run directory: 2 replicates, the
// years 2020 and 2021.
func toyManifest() *Manifest {
	return &Manifest{Tool: "hukousim", Version: Version, Scenario: "toy", Seed: 1, Replicates: 2,
		Households: 10, StartYear: 2020, Years: 2, BurnIn: 1}
}

const toyScenario = "name: toy\ntitle: A toy run\ntime:\n  start_year: 2020\n"

// toyMetrics has two series in both replicates and years, one value
// missing (an empty denominator), rows ordered as WriteMetrics orders them.
const toyMetrics = `year,replicate,metric,group,value
2020,0,m,,1
2020,0,share,sex=girl,0.5
2021,0,m,,2
2021,0,share,sex=girl,
2020,1,m,,3
2020,1,share,sex=girl,0.25
2021,1,m,,4
2021,1,share,sex=girl,0.75
`

// writeToy writes a toy run directory; a nil manifest or "-" for a file
// leaves that file out.
func writeToy(t *testing.T, dir string, man *Manifest, scenario, metrics string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if man != nil {
		var b bytes.Buffer
		if err := WriteManifest(&b, man); err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, "manifest.json"), b.String())
	}
	if scenario != "-" {
		writeFile(t, filepath.Join(dir, "scenario.yaml"), scenario)
	}
	if metrics != "-" {
		writeFile(t, filepath.Join(dir, "metrics.csv"), metrics)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestReadRunToy(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "toy")
	writeToy(t, dir, toyManifest(), toyScenario, toyMetrics)
	d, err := ReadRun(dir)
	if err != nil {
		t.Fatal(err)
	}
	if d.Name != "toy" || d.Title != "A toy run" || !reflect.DeepEqual(d.Years, []int{2020, 2021}) || d.Reps != 2 {
		t.Errorf("got name %q title %q years %v reps %d", d.Name, d.Title, d.Years, d.Reps)
	}
	if want := []Key{{"m", ""}, {"share", "sex=girl"}}; !reflect.DeepEqual(d.Keys, want) {
		t.Errorf("keys %v, want %v", d.Keys, want)
	}
	m, _ := d.Series("m", "")
	if want := [][]float64{{1, 2}, {3, 4}}; !reflect.DeepEqual(m, want) {
		t.Errorf("m = %v, want %v", m, want)
	}
	s, _ := d.Series("share", "sex=girl")
	if s[0][0] != 0.5 || !math.IsNaN(s[0][1]) || s[1][0] != 0.25 || s[1][1] != 0.75 {
		t.Errorf("share = %v, want [[0.5 NaN] [0.25 0.75]]", s)
	}

	// Without a name in scenario.yaml, the manifest's scenario names the run.
	writeFile(t, filepath.Join(dir, "scenario.yaml"), "title: untitled\n")
	if d, err := ReadRun(dir); err != nil || d.Name != "toy" {
		t.Errorf("no name in scenario.yaml: got %q, %v; want the manifest's toy", d.Name, err)
	}
}

// Every way a directory can fail to be a run of this hukousim, with the
// message a user sees. Each message names the directory.
func TestReadRunRefuses(t *testing.T) {
	root := t.TempDir()
	with := func(f func(m *Manifest)) *Manifest { m := toyManifest(); f(m); return m }
	replaceLine := func(old, new string) string { return strings.Replace(toyMetrics, old, new, 1) }
	cases := []struct {
		name  string
		setup func(dir string) // nil: a toy run with the metrics below
		csv   string
		want  []string
	}{
		{"missing directory", func(string) {}, "", []string{"run directory ", " does not exist"}},
		{"a file", func(dir string) { writeFile(t, dir, "hello") }, "", []string{" is a file, not a run directory"}},
		{"no manifest", func(dir string) { writeToy(t, dir, nil, toyScenario, toyMetrics) }, "",
			[]string{" is not a hukousim run directory (no manifest.json)"}},
		{"another tool", func(dir string) {
			writeToy(t, dir, nil, toyScenario, toyMetrics)
			writeFile(t, filepath.Join(dir, "manifest.json"), `{"tool": "mesa", "version": "2.0", "seed": "abc"}`)
		}, "", []string{` is not a hukousim run directory (its manifest.json is from the tool "mesa")`}},
		{"no tool", func(dir string) {
			writeToy(t, dir, nil, toyScenario, toyMetrics)
			writeFile(t, filepath.Join(dir, "manifest.json"), `{"seed": 1}`)
		}, "", []string{` is not a hukousim run directory (its manifest.json names no tool)`}},
		{"manifest not JSON", func(dir string) {
			writeToy(t, dir, nil, toyScenario, toyMetrics)
			writeFile(t, filepath.Join(dir, "manifest.json"), `{"tool": "hukousim",`)
		}, "", []string{"manifest.json is not valid JSON: unexpected end of JSON input"}},
		{"another version", func(dir string) {
			writeToy(t, dir, with(func(m *Manifest) { m.Version = "0.0.9" }), toyScenario, toyMetrics)
		}, "", []string{" was made by hukousim 0.0.9; this is hukousim " + Version + "; rerun it"}},
		{"no replicates", func(dir string) {
			writeToy(t, dir, with(func(m *Manifest) { m.Replicates = 0 }), toyScenario, toyMetrics)
		}, "", []string{"manifest.json gives 0 replicates; a run has at least 1"}},
		{"no scenario.yaml", func(dir string) { writeToy(t, dir, toyManifest(), "-", toyMetrics) }, "",
			[]string{" has a manifest.json but no scenario.yaml; it is not a complete run directory"}},
		{"bad scenario.yaml", func(dir string) { writeToy(t, dir, toyManifest(), "name: [toy\n", toyMetrics) }, "",
			[]string{"scenario.yaml: yaml: line 1: did not find expected ',' or ']'"}},
		{"no metrics.csv", func(dir string) { writeToy(t, dir, toyManifest(), toyScenario, "-") }, "",
			[]string{" has a manifest.json but no metrics.csv; it is not a complete run directory"}},
		{"empty metrics.csv", nil, "", []string{"metrics.csv is empty; want the header year,replicate,metric,group,value"}},
		{"wrong header", nil, replaceLine("year,replicate,metric,group,value", "year,rep,metric,group,value"),
			[]string{`metrics.csv line 1: header is "year,rep,metric,group,value", want "year,replicate,metric,group,value"`}},
		{"bare quote", nil, replaceLine("2020,0,m,,1", `2020,0,m"x,,1`),
			[]string{`metrics.csv: parse error on line 2, column 9: bare " in non-quoted-field`}},
		{"missing field", nil, replaceLine("2021,0,m,,2", "2021,0,m,2"),
			[]string{"metrics.csv line 4: 4 fields, want 5 (year,replicate,metric,group,value)"}},
		{"bad year", nil, replaceLine("2021,0,m,,2", "2021.5,0,m,,2"),
			[]string{`metrics.csv line 4: year "2021.5" is not a whole number`}},
		{"bad replicate", nil, replaceLine("2021,0,m,,2", "2021,first,m,,2"),
			[]string{`metrics.csv line 4: replicate "first" is not a whole number`}},
		{"bad value", nil, replaceLine("2021,0,m,,2", "2021,0,m,,two"),
			[]string{`metrics.csv line 4: value "two" is not a number`}},
		{"no metric name", nil, replaceLine("2021,0,m,,2", "2021,0,,,2"),
			[]string{"metrics.csv line 4: empty metric name"}},
		{"year outside", nil, replaceLine("2021,1,m,,4", "2025,1,m,,4"),
			[]string{"metrics.csv line 8: year 2025 is outside the run's years 2020–2021 (manifest.json: start_year 2020, years 2)"}},
		{"replicate outside", nil, replaceLine("2021,1,m,,4", "2021,2,m,,4"),
			[]string{"metrics.csv line 8: replicate 2 is outside 0–1 (manifest.json: 2 replicates)"}},
		{"a value twice", nil, toyMetrics + "2021,1,m,,5\n",
			[]string{"metrics.csv line 10: a second value of m for replicate 1 in 2021"}},
		{"fewer replicates than the manifest", func(dir string) {
			writeToy(t, dir, with(func(m *Manifest) { m.Replicates = 4 }), toyScenario, toyMetrics)
		}, "", []string{"metrics.csv has no rows for replicate 2, 3, though manifest.json gives 4 replicates (0–3)"}},
		{"fewer years than the manifest", func(dir string) {
			writeToy(t, dir, with(func(m *Manifest) { m.Years = 3 }), toyScenario, toyMetrics)
		}, "", []string{"metrics.csv has no rows for year 2022, though manifest.json gives the years 2020–2022"}},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(root, fmt.Sprintf("run%d", i))
			if c.setup == nil {
				writeToy(t, dir, toyManifest(), toyScenario, c.csv)
			} else {
				c.setup(dir)
			}
			before := listing(t, root)
			_, err := ReadRun(dir)
			if after := listing(t, root); !reflect.DeepEqual(before, after) {
				t.Errorf("ReadRun changed the files:\nbefore %v\nafter  %v", before, after)
			}
			if err == nil {
				t.Fatal("read without error")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "output: ") || !strings.Contains(msg, dir) {
				t.Errorf("message %q does not start with output: and name %s", msg, dir)
			}
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q\nlacks %q", msg, w)
				}
			}
		})
	}
}

// BenchmarkReadRun reads a metrics.csv the size of a long run: 10
// replicates × 30 years × 500 series = 150,000 rows.
func BenchmarkReadRun(b *testing.B) {
	dir := b.TempDir()
	man := toyManifest()
	man.Replicates, man.Years = 10, 30
	var csv strings.Builder
	csv.WriteString("year,replicate,metric,group,value\n")
	for r := 0; r < man.Replicates; r++ {
		for y := 0; y < man.Years; y++ {
			for k := 0; k < 500; k++ {
				fmt.Fprintf(&csv, "%d,%d,metric%d,city=c%d;stage=middle,%g\n", man.StartYear+y, r, k%50, k/50, float64(k)/7)
			}
		}
	}
	var mb bytes.Buffer
	WriteManifest(&mb, man)
	for name, content := range map[string]string{"manifest.json": mb.String(), "scenario.yaml": toyScenario, "metrics.csv": csv.String()} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(csv.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadRun(dir); err != nil {
			b.Fatal(err)
		}
	}
}
