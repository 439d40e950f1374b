package output

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
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
	CommitSource   string             `json:"commit_source"`
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
	// With --precision: what the replicates reached (Replicates says how
	// many it took).
	Precision []PrecisionResult `json:"precision,omitempty"`
}

// Commit is the VCS revision the binary was built from, with "-dirty"
// when files were modified (see CommitSource).
func Commit() string { c, _ := buildCommit(); return c }

// CommitSource says where Commit came from: what go build recorded in
// the binary; or, for go run and go test, which record nothing, the git
// checkout of this module in the working directory (the README's route);
// or nowhere ("unknown").
func CommitSource() string { _, s := buildCommit(); return s }

var buildCommit = sync.OnceValues(func() (string, string) {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown", "no build information in the binary"
	}
	rev, dirty := "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev != "" {
		return withDirty(rev, dirty), "recorded by go build"
	}
	if rev, dirty, ok := gitHead(bi.Main.Path); ok {
		return withDirty(rev, dirty), "read with git from the working directory (go run and go test record none)"
	}
	return "unknown", "not recorded by the build, and the working directory is not a git checkout of " + bi.Main.Path
})

func withDirty(rev string, dirty bool) string {
	if dirty {
		return rev + "-dirty"
	}
	return rev
}

// gitHead is the HEAD of the git checkout around the working directory,
// and whether tracked files differ from it, if that checkout's go.mod is
// module's.
func gitHead(module string) (rev string, dirty, ok bool) {
	top, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	if err != nil || module == "" {
		return "", false, false
	}
	mod, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(top)), "go.mod"))
	if err != nil || modfile(mod) != module {
		return "", false, false
	}
	head, err := exec.Command("git", "rev-parse", "HEAD").Output()
	if err != nil {
		return "", false, false
	}
	status, err := exec.Command("git", "status", "--porcelain", "--untracked-files=no").Output()
	return strings.TrimSpace(string(head)), err == nil && len(bytes.TrimSpace(status)) > 0, true
}

// modfile is the module path a go.mod declares.
func modfile(b []byte) string {
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "module" {
			return strings.Trim(f[1], `"`)
		}
	}
	return ""
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
	Tool         string   `json:"tool"`
	Kind         string   `json:"kind"` // "compare"
	Version      string   `json:"version"`
	Commit       string   `json:"commit"`
	CommitSource string   `json:"commit_source"`
	GoVersion    string   `json:"go_version"`
	Reference    string   `json:"reference"`
	Inputs       []string `json:"inputs"` // run directories, or scenarios run here
	Paired       bool     `json:"paired"`
	EffectYear   int      `json:"effect_year"`
	ForkYear     int      `json:"fork_year,omitempty"`  // the first year the scenarios were simulated apart
	Replicates   int      `json:"replicates,omitempty"` // of scenarios run here
	// With --precision: what the replicates reached.
	Precision   []PrecisionResult `json:"precision,omitempty"`
	Start       time.Time         `json:"start_time"`
	WallSeconds float64           `json:"wall_seconds"`
	CommandLine []string          `json:"command_line"`
}

// WriteCompareManifest writes m as indented JSON.
func WriteCompareManifest(w io.Writer, m *CompareManifest) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(m)
}

// CalibrationManifest describes a calibration's directory.
type CalibrationManifest struct {
	Tool         string    `json:"tool"`
	Kind         string    `json:"kind"` // "calibrate"
	Version      string    `json:"version"`
	Commit       string    `json:"commit"`
	CommitSource string    `json:"commit_source"`
	GoVersion    string    `json:"go_version"`
	File         string    `json:"calibration_file"`
	Problem      string    `json:"problem"`     // the fingerprint its checkpoint carries
	Evaluations  int       `json:"evaluations"` // counting those resumed from the checkpoint
	Before       float64   `json:"objective_start"`
	After        float64   `json:"objective_best"`
	Start        time.Time `json:"start_time"`
	WallSeconds  float64   `json:"wall_seconds"`
	CommandLine  []string  `json:"command_line"`
}
