package output

import (
	"encoding/json"
	"io"
	"runtime"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/hukousim/hukousim/sim/experiment"
)

// Version is the tool's version; runs from other versions are refused by
// tools that compare runs.
const Version = "0.1.0"

// Manifest describes a run: what ran, how, and how long it took.
type Manifest struct {
	Tool           string             `json:"tool"`
	Version        string             `json:"version"`
	Commit         string             `json:"commit"`
	GoVersion      string             `json:"go_version"`
	Scenario       string             `json:"scenario"`
	ScenarioSHA256 string             `json:"scenario_sha256"`
	Seed           uint64             `json:"seed"`
	Replicates     int                `json:"replicates"`
	Workers        int                `json:"workers"`
	Households     int                `json:"households"`
	Scale          []float64          `json:"scale_by_replicate"`
	StartYear      int                `json:"start_year"`
	Years          int                `json:"years"`
	BurnIn         int                `json:"burn_in"`
	Start          time.Time          `json:"start_time"`
	End            time.Time          `json:"end_time"`
	WallSeconds    float64            `json:"wall_seconds"`
	PeakRSSBytes   int64              `json:"peak_rss_bytes"`
	HouseholdYears float64            `json:"household_years"`
	HHYearsPerSec  float64            `json:"household_years_per_second"`
	CommandLine    []string           `json:"command_line"`
	BurnInDrift    []experiment.Drift `json:"burn_in_drift"`
	// With --microdata: the share of households sampled into
	// microdata.parquet, and the number of its rows (child-years).
	MicrodataFraction float64 `json:"microdata_fraction,omitempty"`
	MicrodataRows     *int64  `json:"microdata_rows,omitempty"`
}

// Commit is the VCS revision the binary was built from, when Go recorded it.
func Commit() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				return s.Value
			}
		}
	}
	return "unknown"
}

// GoVersion is the Go toolchain that built the binary.
func GoVersion() string { return runtime.Version() }

// PeakRSS is the process's peak resident set size in bytes.
func PeakRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return int64(ru.Maxrss) * 1024 // Linux reports kilobytes
}

// WriteManifest writes m as indented JSON.
func WriteManifest(w io.Writer, m *Manifest) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(m)
}

// CompareManifest describes a comparison directory.
type CompareManifest struct {
	Tool        string    `json:"tool"`
	Kind        string    `json:"kind"` // "compare"
	Version     string    `json:"version"`
	Commit      string    `json:"commit"`
	GoVersion   string    `json:"go_version"`
	Reference   string    `json:"reference"`
	Inputs      []string  `json:"inputs"` // run directories, or scenarios run here
	Paired      bool      `json:"paired"`
	EffectYear  int       `json:"effect_year"`
	ForkYear    int       `json:"fork_year,omitempty"` // the first year the scenarios were simulated apart
	Start       time.Time `json:"start_time"`
	WallSeconds float64   `json:"wall_seconds"`
	CommandLine []string  `json:"command_line"`
}

// WriteCompareManifest writes m as indented JSON.
func WriteCompareManifest(w io.Writer, m *CompareManifest) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(m)
}
