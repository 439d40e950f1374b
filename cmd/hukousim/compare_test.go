package main

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// tiny keeps a comparison to about a second: 300 households, a 3-year
// burn-in and 7 recorded years (2020-2026), so the shipped reforms (2025)
// have two years to act.
var tiny = []string{"--households", "300", "--years", "7", "--set", "time.burn_in=3", "--quiet"}

// htmlRefs parses a page and returns its images' sources and the hrefs and
// srcs that would fetch something from a network.
func htmlRefs(t *testing.T, path string) (imgs []string, remote []string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatalf("%s does not parse: %v", path, err)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if (a.Key == "src" || a.Key == "href") && (strings.HasPrefix(a.Val, "http") || strings.HasPrefix(a.Val, "//")) {
					remote = append(remote, a.Val)
				}
				if n.Data == "img" && a.Key == "src" {
					imgs = append(imgs, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return imgs, remote
}

// checkPage checks that a report page parses, fetches nothing, and inlines
// one decodable PNG for every figure in plots/.
func checkPage(t *testing.T, page, plots string) {
	t.Helper()
	imgs, remote := htmlRefs(t, page)
	if len(remote) > 0 {
		t.Errorf("%s fetches from the network: %v", page, remote)
	}
	files, _ := filepath.Glob(filepath.Join(plots, "*.png"))
	if len(files) == 0 {
		t.Fatalf("no figures in %s", plots)
	}
	if len(imgs) != len(files) {
		t.Errorf("%s has %d images, %s has %d figures", page, len(imgs), plots, len(files))
	}
	b, _ := os.ReadFile(page)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".png")
		if !bytes.Contains(b, []byte(`id="`+name+`"`)) {
			t.Errorf("%s does not show figure %s", page, name)
		}
		fh, _ := os.Open(f)
		if _, err := png.Decode(fh); err != nil {
			t.Errorf("%s: %v", f, err)
		}
		fh.Close()
	}
	for _, src := range imgs {
		if !strings.HasPrefix(src, "data:image/png;base64,") {
			t.Errorf("image %.40q is not inlined", src)
		}
	}
}

func TestRunWritesReportAndFigures(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "r")
	mustRun(t, append([]string{"run", "open-schools", "--out", dir, "--reps", "2", "--format", "both"}, tiny...)...)
	checkPage(t, filepath.Join(dir, "report.html"), filepath.Join(dir, "plots"))
	pngs, _ := filepath.Glob(filepath.Join(dir, "plots", "*.png"))
	svgs, _ := filepath.Glob(filepath.Join(dir, "plots", "*.svg"))
	if len(svgs) != len(pngs) {
		t.Errorf("--format both wrote %d PNG and %d SVG", len(pngs), len(svgs))
	}
	page, _ := os.ReadFile(filepath.Join(dir, "report.html"))
	// The reform's paths are printed, not hidden in a hover title that
	// an e-mailed report cannot show (issue 12, defect 10).
	for _, want := range []string{"City public schools open to migrant children", "From 2025", "megacity", "0.2", "Headline numbers", "hukousim run scenario.yaml --seed 1 --reps 2", "<code>cities.megacity.school.middle.admission</code>",
		// Each headline links to its definition, taken from docs/ODD.md
		// (issue 12: the report links each headline metric to it).
		`href="#def-lbc_share_all"`, `<dt id="def-lbc_share_all">`, "rural_hukou_share / children"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	for _, not := range []string{"Hover", " is shows ", "see docs/ODD.md, Observation"} {
		if bytes.Contains(page, []byte(not)) {
			t.Errorf("report.html holds %q", not)
		}
	}
}

func listing(t *testing.T, dir string) string {
	t.Helper()
	var out []string
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil {
			out = append(out, p+" "+fi.ModTime().String()+" "+fi.Mode().String())
		}
		return nil
	})
	sort.Strings(out)
	return strings.Join(out, "\n")
}

// Comparing scenarios (run together, branching at 2025) and comparing run
// directories made one by one give the same compare.csv: paired runs equal
// separate runs.
func TestCompareScenariosEqualsCompareOfRuns(t *testing.T) {
	base := t.TempDir()
	mustRun(t, append([]string{"compare", "baseline", "local-gaokao", "--out", filepath.Join(base, "c1"), "--reps", "2", "--seed", "5"}, tiny...)...)
	for _, s := range []string{"baseline", "local-gaokao"} {
		mustRun(t, append([]string{"run", s, "--out", filepath.Join(base, s), "--reps", "2", "--seed", "5"}, tiny...)...)
	}
	before := listing(t, filepath.Join(base, "baseline")) + listing(t, filepath.Join(base, "local-gaokao"))
	mustRun(t, "compare", filepath.Join(base, "baseline"), filepath.Join(base, "local-gaokao"), "--out", filepath.Join(base, "c2"), "--quiet")
	if after := listing(t, filepath.Join(base, "baseline")) + listing(t, filepath.Join(base, "local-gaokao")); after != before {
		t.Error("compare wrote into its input run directories")
	}
	a := read(t, filepath.Join(base, "c1", "compare.csv"))
	b := read(t, filepath.Join(base, "c2", "compare.csv"))
	if !bytes.Equal(a, b) {
		t.Error("compare.csv from scenarios (branched) differs from compare.csv of separate runs")
	}
	if !bytes.Contains(a, []byte("local-gaokao,lbc,,2026,")) || !bytes.HasPrefix(a, []byte("scenario,metric,group,year,ref,value,diff,diff_low,diff_high,rel,rel_low,rel_high,n,method\n")) {
		t.Errorf("compare.csv is not as expected:\n%.300s", a)
	}
	// The branched comparison also wrote each scenario's run directory,
	// whose metrics equal the separate runs'.
	if !bytes.Equal(read(t, filepath.Join(base, "c1", "runs", "local-gaokao", "metrics.csv")), read(t, filepath.Join(base, "local-gaokao", "metrics.csv"))) {
		t.Error("the branched run's metrics.csv differs from a separate run's")
	}
	checkPage(t, filepath.Join(base, "c1", "compare.html"), filepath.Join(base, "c1", "plots"))
	page := read(t, filepath.Join(base, "c1", "compare.html"))
	for _, want := range []string{"Local exams in the big cities", "the exam at the end of middle school", "points: 3 years of 学籍, 30 years to reach the line", "3 years of local 学籍 and 3 of a parent&#39;s insurance", "paired"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("compare.html lacks %q", want)
		}
	}
}

func TestCompareRefusesUnpairedRuns(t *testing.T) {
	base := t.TempDir()
	mustRun(t, append([]string{"run", "baseline", "--out", filepath.Join(base, "a"), "--reps", "2", "--seed", "1"}, tiny...)...)
	mustRun(t, append([]string{"run", "open-schools", "--out", filepath.Join(base, "b"), "--reps", "3", "--seed", "2"}, tiny...)...)
	_, _, err := run(t, "compare", filepath.Join(base, "a"), filepath.Join(base, "b"), "--out", filepath.Join(base, "c"))
	if err == nil || !strings.Contains(err.Error(), "--unpaired") || !strings.Contains(err.Error(), "seed") || !strings.Contains(err.Error(), "replicates") {
		t.Fatalf("err = %v, want a refusal naming seed, replicates and --unpaired", err)
	}
	if _, err := os.Stat(filepath.Join(base, "c")); err == nil {
		t.Error("a refused comparison left a directory")
	}
	mustRun(t, "compare", filepath.Join(base, "a"), filepath.Join(base, "b"), "--out", filepath.Join(base, "c"), "--unpaired", "--quiet")
	if !bytes.Contains(read(t, filepath.Join(base, "c", "compare.csv")), []byte(",welch\n")) {
		t.Error("--unpaired did not use Welch intervals")
	}
}

func TestCompareBadInputs(t *testing.T) {
	base := t.TempDir()
	mustRun(t, append([]string{"run", "baseline", "--out", filepath.Join(base, "a"), "--reps", "1"}, tiny...)...)
	notRun := filepath.Join(base, "mine")
	os.Mkdir(notRun, 0o755)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"compare", "baseline"}, "needs a reference and at least one other"},
		{[]string{"compare", filepath.Join(base, "a"), filepath.Join(base, "missing")}, "does not exist"},
		{[]string{"compare", filepath.Join(base, "a"), notRun}, "is not a hukousim run directory"},
		{[]string{"compare", filepath.Join(base, "a"), "open-schools"}, "not both"},
		{[]string{"compare", filepath.Join(base, "a"), filepath.Join(base, "a"), "--out", filepath.Join(base, "a")}, "nothing is written into an input"},
		{[]string{"compare", "baseline", "baseline"}, "given twice"},
		// Run directories are compared as they were run: a flag that
		// shapes a run is refused, not ignored (issue 12, defect 10).
		{[]string{"compare", filepath.Join(base, "a"), filepath.Join(base, "a"), "--reps", "7"}, "--reps has no effect on run directories"},
		{[]string{"compare", filepath.Join(base, "a"), filepath.Join(base, "a"), "--seed", "2", "--set", "preferences.psi=0.1"}, "--seed, --set have no effect on run directories"},
		{[]string{"compare", filepath.Join(base, "a"), filepath.Join(base, "a"), "--figure-year", "1990"}, "--figure-year has no effect on run directories"},
		{[]string{"compare", filepath.Join(base, "a"), filepath.Join(base, "a")}, "is given twice"},
		// Checked before anything runs: at this size the run would take
		// minutes.
		{[]string{"compare", "baseline", "open-schools", "--year", "1990", "--households", "2000000"}, "--year 1990 is not a recorded year of baseline (2020-2039)"},
		{[]string{"validate", "--figure-year", "2020"}, "--figure-year has no effect on validate"},
		{[]string{"run", "--years", "4", "--set", "time.years=2"}, "--years and --set time.years both set time.years; give one"},
		{[]string{"validate", "--set", "time.years=0"}, "time.years=0: must be in [1, 200]"}, // the --set is used, not refused as a conflict
	}
	for _, c := range cases {
		_, _, err := run(t, c.args...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: err = %v, want %q", c.args, err, c.want)
		}
	}
	if entries, _ := os.ReadDir(notRun); len(entries) != 0 {
		t.Error("compare wrote into a directory that is not a run")
	}
}

// A scenario that does not load is the one thing compare says: no note
// on the scenarios before it.
func TestCompareUnknownScenarioAlone(t *testing.T) {
	_, stderr, err := run(t, "compare", "baseline", "nosuch", "--households", "500", "--out", filepath.Join(t.TempDir(), "c"))
	if err == nil || strings.Contains(stderr, "note:") {
		t.Errorf("err %v, stderr %q", err, stderr)
	}
	var e bytes.Buffer
	exitCode(err, &e)
	if !strings.HasPrefix(e.String(), `hukousim: nosuch: no embedded scenario or file named "nosuch"`) {
		t.Errorf("the error: %q", e.String())
	}
}
