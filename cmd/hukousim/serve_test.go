package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hukousim/hukousim/output/classroom"
)

// TestServeEqualsCLI: the numbers the classroom page shows are the CLI's.
// The streamed years are replicate 0 of `hukousim compare baseline
// scenario.yaml` with the run's size and seed (its metrics.csv); the final
// means are its summary.csv; scenario.yaml is the file the page offers.
func TestServeEqualsCLI(t *testing.T) {
	s, err := classroom.New(2)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	resp, err := http.Get(ts.URL + "/api/run?preset=counselling&households=1500&years=7&reps=2&seed=4&admission=0.9&girls_cct=1500")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var streamed []float64 // the class's lbc by year, replicate 0, in millions
	var done classroom.DoneEvent
	var id string
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	name := ""
	for sc.Scan() {
		line := sc.Text()
		if n, ok := strings.CutPrefix(line, "event: "); ok {
			name = n
			continue
		}
		data, ok := strings.CutPrefix(line, "data: ")
		if !ok {
			continue
		}
		switch name {
		case "year":
			var y classroom.YearEvent
			json.Unmarshal([]byte(data), &y)
			streamed = append(streamed, y.Class["lbc"])
		case "done":
			json.Unmarshal([]byte(data), &done)
		case "ready":
			var r map[string]string
			json.Unmarshal([]byte(data), &r)
			id = r["id"]
		case "failed":
			t.Fatal(data)
		}
	}
	dl, err := http.Get(ts.URL + "/download/" + id + "/scenario.yaml")
	if err != nil {
		t.Fatal(err)
	}
	yaml, _ := io.ReadAll(dl.Body)
	dl.Body.Close()
	tmp := t.TempDir()
	file := filepath.Join(tmp, "scenario.yaml")
	os.WriteFile(file, yaml, 0o644)
	out := filepath.Join(tmp, "cmp")
	mustRun(t, "compare", "baseline", file, "--households", "1500", "--years", "7", "--reps", "2", "--seed", "4", "--out", out, "--quiet")

	rows := readCSV(t, filepath.Join(out, "runs", "class", "metrics.csv"))
	var cli []float64
	for _, r := range rows {
		if r[1] == "0" && r[2] == "lbc" && r[3] == "" {
			v, _ := strconv.ParseFloat(r[4], 64)
			cli = append(cli, v*1e-6)
		}
	}
	if len(cli) != 7 || len(streamed) != 7 {
		t.Fatalf("%d streamed years, %d in the CLI's metrics.csv", len(streamed), len(cli))
	}
	for i := range cli {
		if cli[i] != streamed[i] {
			t.Errorf("year %d: the page streamed %v million, the CLI's replicate 0 has %v", 2020+i, streamed[i], cli[i])
		}
	}
	// The pages the page offers give the commands that reproduce them from
	// the files it offers: run, they give the same metrics.
	for _, page := range []string{"compare.html", "report.html"} {
		dl, err := http.Get(ts.URL + "/download/" + id + "/" + page)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(dl.Body)
		dl.Body.Close()
		m := regexp.MustCompile(`<pre>(hukousim [^<]*)</pre>`).FindSubmatch(b)
		if m == nil {
			t.Fatalf("%s gives no command", page)
		}
		args := strings.Fields(html.UnescapeString(string(m[1])))[1:]
		for i, a := range args {
			if a == "scenario.yaml" {
				args[i] = file
			}
		}
		dir := filepath.Join(tmp, page)
		mustRun(t, append(args, "--out", dir, "--quiet")...)
		metrics := filepath.Join(dir, "metrics.csv")
		if page == "compare.html" {
			metrics = filepath.Join(dir, "runs", "class", "metrics.csv")
		}
		if !bytes.Equal(read(t, metrics), read(t, filepath.Join(out, "runs", "class", "metrics.csv"))) {
			t.Errorf("%s's command (%s) does not give the class's metrics", page, m[1])
		}
	}
	for _, r := range readCSV(t, filepath.Join(out, "runs", "class", "summary.csv")) {
		if r[0] == "2026" && r[1] == "lbc" && r[2] == "" {
			v, _ := strconv.ParseFloat(r[4], 64)
			if got := done.Class["lbc"][6].Mean; got != v*1e-6 {
				t.Errorf("2026: the page shows %v million, the CLI's summary %v", got, v*1e-6)
			}
		}
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
