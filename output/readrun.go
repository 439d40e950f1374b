package output

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// metricsHeader is the first line of metrics.csv (README.md, What a run
// writes).
var metricsHeader = []string{"year", "replicate", "metric", "group", "value"}

// ReadRun reads back a finished run directory: its manifest, its resolved
// scenario and its metrics. It refuses, naming the directory, anything that
// is not a complete run of this version of hukousim, and it only ever opens
// files for reading.
//
// The run's years and replicates come from the manifest (start_year,
// years, replicates), so Years is ascending and Reps is the manifest's
// count; metrics.csv must hold rows for exactly those years and replicates
// 0..Reps-1, each value at most once. Rows may come in any order. An empty
// value is NaN (an empty denominator), as WriteMetrics writes it.
func ReadRun(dir string) (*RunData, error) {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("output: run directory %s does not exist", dir)
	case err != nil:
		return nil, fmt.Errorf("output: cannot read run directory %s: %w", dir, err)
	case !fi.IsDir():
		return nil, fmt.Errorf("output: %s is a file, not a run directory", dir)
	}
	man, err := readManifest(dir)
	if err != nil {
		return nil, err
	}
	yamlPath := filepath.Join(dir, "scenario.yaml")
	scen, err := os.ReadFile(yamlPath)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("output: %s has a manifest.json but no scenario.yaml; it is not a complete run directory", dir)
		}
		return nil, fmt.Errorf("output: cannot read %s: %w", yamlPath, err)
	}
	// Only the name and title: the scenario itself is the scenarios
	// package's business, and a run keeps its resolved form verbatim.
	var head struct {
		Name  string `yaml:"name"`
		Title string `yaml:"title"`
	}
	if err := yaml.Unmarshal(scen, &head); err != nil {
		return nil, fmt.Errorf("output: %s: %w", yamlPath, err)
	}
	if head.Name == "" {
		head.Name = man.Scenario
	}

	years := make([]int, man.Years)
	for i := range years {
		years[i] = man.StartYear + i
	}
	d := NewRunData(years, man.Replicates)
	d.Dir, d.Manifest, d.ScenarioYAML = dir, man, scen
	d.Name, d.Title = head.Name, head.Title
	if err := readMetrics(filepath.Join(dir, "metrics.csv"), d); err != nil {
		return nil, err
	}
	return d, nil
}

// readManifest reads and checks dir/manifest.json: written by hukousim,
// by this version, and describing at least one replicate and one year.
func readManifest(dir string) (*Manifest, error) {
	path := filepath.Join(dir, "manifest.json")
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("output: %s is not a hukousim run directory (no manifest.json)", dir)
		}
		return nil, fmt.Errorf("output: cannot read %s: %w", path, err)
	}
	// The tool and version first: a manifest of another tool or version
	// may not fit the Manifest type, and saying whose it is helps more
	// than a type error.
	var head struct {
		Tool    any `json:"tool"`
		Version any `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("output: %s is not valid JSON: %w", path, err)
	}
	if head.Tool != "hukousim" {
		if head.Tool == nil {
			return nil, fmt.Errorf("output: %s is not a hukousim run directory (its manifest.json names no tool)", dir)
		}
		return nil, fmt.Errorf("output: %s is not a hukousim run directory (its manifest.json is from the tool %s)", dir, jsonText(head.Tool))
	}
	if head.Version != Version {
		v := "of an unknown version"
		if head.Version != nil {
			v = strings.Trim(jsonText(head.Version), `"`)
		}
		return nil, fmt.Errorf("output: %s was made by hukousim %s; this is hukousim %s; rerun it", dir, v, Version)
	}
	man := &Manifest{}
	if err := json.Unmarshal(data, man); err != nil {
		return nil, fmt.Errorf("output: %s: %w", path, err)
	}
	switch {
	case man.Replicates < 1:
		return nil, fmt.Errorf("output: %s gives %d replicates; a run has at least 1", path, man.Replicates)
	case man.Years < 1:
		return nil, fmt.Errorf("output: %s gives %d recorded years; a run has at least 1", path, man.Years)
	}
	return man, nil
}

// jsonText writes a decoded JSON value back as JSON, for a message.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// readMetrics streams metrics.csv into d, whose Years and Reps are already
// those of the manifest. Every row is checked against them as it comes, and
// at the end every year and replicate must have been seen.
func readMetrics(path string, d *RunData) error {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("output: %s has a manifest.json but no metrics.csv; it is not a complete run directory", filepath.Dir(path))
		}
		return fmt.Errorf("output: cannot read %s: %w", path, err)
	}
	defer f.Close()
	cr := csv.NewReader(bufio.NewReaderSize(f, 1<<16))
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1 // counted below, with a clearer message

	rec, err := cr.Read()
	if err == io.EOF {
		return fmt.Errorf("output: %s is empty; want the header %s", path, strings.Join(metricsHeader, ","))
	}
	if err != nil {
		return fmt.Errorf("output: %s: %w", path, err)
	}
	if strings.Join(rec, ",") != strings.Join(metricsHeader, ",") {
		return fmt.Errorf("output: %s line 1: header is %q, want %q", path, strings.Join(rec, ","), strings.Join(metricsHeader, ","))
	}

	ny := len(d.Years)
	first, last := d.Years[0], d.Years[ny-1]
	// seen[k][r*ny+y] marks a value read, to refuse a second one: WriteMetrics
	// writes each (year, replicate, metric, group) once, so a repeat means
	// two files were concatenated or rows were edited by hand.
	var seen [][]bool
	yearSeen := make([]bool, ny)
	repSeen := make([]bool, d.Reps)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("output: %s: %w", path, err)
		}
		line, _ := cr.FieldPos(0)
		bad := func(format string, a ...any) error {
			return fmt.Errorf("output: %s line %d: %s", path, line, fmt.Sprintf(format, a...))
		}
		if len(rec) != len(metricsHeader) {
			return bad("%d fields, want %d (%s)", len(rec), len(metricsHeader), strings.Join(metricsHeader, ","))
		}
		year, err := strconv.Atoi(rec[0])
		if err != nil {
			return bad("year %q is not a whole number", rec[0])
		}
		rep, err := strconv.Atoi(rec[1])
		if err != nil {
			return bad("replicate %q is not a whole number", rec[1])
		}
		if rec[2] == "" {
			return bad("empty metric name")
		}
		v := math.NaN()
		if rec[4] != "" {
			if v, err = strconv.ParseFloat(rec[4], 64); err != nil {
				return bad("value %q is not a number", rec[4])
			}
		}
		yi := year - first
		if yi < 0 || yi >= ny {
			return bad("year %d is outside the run's years %d–%d (manifest.json: start_year %d, years %d)",
				year, first, last, d.Manifest.StartYear, d.Manifest.Years)
		}
		if rep < 0 || rep >= d.Reps {
			return bad("replicate %d is outside 0–%d (manifest.json: %d replicates)", rep, d.Reps-1, d.Reps)
		}

		// The csv.Reader makes fresh strings for every record (ReuseRecord
		// reuses only the slice), so a new key may keep them.
		k := Key{rec[2], rec[3]}
		i, ok := d.index[k]
		if !ok {
			d.Set(k, rep, yi, v)
			i = d.index[k]
			seen = append(seen, make([]bool, d.Reps*ny))
		}
		if seen[i][rep*ny+yi] {
			return bad("a second value of %s for replicate %d in %d", keyText(k), rep, year)
		}
		seen[i][rep*ny+yi] = true
		d.values[i][rep][yi] = v
		yearSeen[yi], repSeen[rep] = true, true
	}
	var missing []string
	for yi, ok := range yearSeen {
		if !ok {
			missing = append(missing, strconv.Itoa(d.Years[yi]))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("output: %s has no rows for year %s, though manifest.json gives the years %d–%d",
			path, examples(missing, 5), first, last)
	}
	for r, ok := range repSeen {
		if !ok {
			missing = append(missing, strconv.Itoa(r))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("output: %s has no rows for replicate %s, though manifest.json gives %d replicates (0–%d)",
			path, examples(missing, 5), d.Reps, d.Reps-1)
	}
	return nil
}

// keyText names a metric series in a message: the metric, then its group
// in parentheses if it has one.
func keyText(k Key) string {
	if k.Group == "" {
		return k.Name
	}
	return k.Name + " (" + k.Group + ")"
}

// examples lists the first max of items, and how many more there are.
func examples(items []string, max int) string {
	var b bytes.Buffer
	for i, s := range items {
		if i == max {
			fmt.Fprintf(&b, " and %d more", len(items)-max)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(s)
	}
	return b.String()
}

// IsRunDir reports whether p is to be read as a run directory: any
// directory is (ReadRun says clearly when it is not a run), and so is a
// path that does not exist unless it names a YAML file; anything else is a
// scenario name or file.
func IsRunDir(p string) bool {
	fi, err := os.Stat(p)
	if err == nil {
		return fi.IsDir()
	}
	ext := strings.ToLower(filepath.Ext(p))
	return strings.ContainsRune(p, filepath.Separator) && ext != ".yaml" && ext != ".yml"
}
