package classroom

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hukousim/hukousim/output/i18n"
)

// event is one server-sent event.
type event struct{ name, data string }

// readEvents reads events from an event stream until it ends, handing
// each to seen (which may stop early by returning false).
func readEvents(r io.Reader, seen func(event) bool) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var e event
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			e.name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			e.data = strings.TrimPrefix(line, "data: ")
		case line == "" && e.name != "":
			if !seen(e) {
				return
			}
			e = event{}
		}
	}
}

// newTestServer starts a server, set up by configure before it serves.
func newTestServer(t *testing.T, configure ...func(*Server)) (*Server, *httptest.Server) {
	t.Helper()
	s, err := New(2)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range configure {
		c(s)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return s, ts
}

func get(t *testing.T, url string, sse bool) *http.Response {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	if sse {
		req.Header.Set("Accept", "text/event-stream")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// TestRunStreams: a small run streams every recorded year of both
// scenarios, then the whole comparison, then an id whose files download.
func TestRunStreams(t *testing.T) {
	_, ts := newTestServer(t)
	resp := get(t, ts.URL+"/api/run?preset=open-schools&households=1500&years=7&reps=2&son_preference=0.5", true)
	defer resp.Body.Close()
	var years []int
	var done DoneEvent
	var id string
	readEvents(resp.Body, func(e event) bool {
		switch e.name {
		case "year":
			var y YearEvent
			json.Unmarshal([]byte(e.data), &y)
			years = append(years, y.Year)
			if y.Class["lbc"] <= 0 || y.Baseline["lbc"] <= 0 {
				t.Errorf("year %d: no left-behind children: %s", y.Year, e.data)
			}
		case "done":
			json.Unmarshal([]byte(e.data), &done)
		case "ready":
			var r map[string]string
			json.Unmarshal([]byte(e.data), &r)
			id = r["id"]
		case "failed":
			t.Fatalf("run failed: %s", e.data)
		}
		return true
	})
	if fmt.Sprint(years) != "[2020 2021 2022 2023 2024 2025 2026]" {
		t.Errorf("years streamed %v", years)
	}
	if len(done.Years) != 7 || len(done.Class["lbc"]) != 7 || done.Reps != 2 || !strings.Contains(done.Scenario, "policy.son_preference_scale: 0.5") {
		t.Errorf("done: %d years, %d lbc values, %d reps, scenario %q", len(done.Years), len(done.Class["lbc"]), done.Reps, done.Scenario)
	}
	for _, f := range []string{"compare.html", "report.html", "scenario.yaml"} {
		r := get(t, ts.URL+"/download/"+id+"/"+f, false)
		b, _ := io.ReadAll(r.Body)
		r.Body.Close()
		if r.StatusCode != 200 || len(b) < 50 {
			t.Errorf("download %s: %d, %d bytes", f, r.StatusCode, len(b))
		}
	}
}

// TestRequestChecks: the server takes no paths and no values past its
// limits, and says why.
func TestRequestChecks(t *testing.T) {
	_, ts := newTestServer(t)
	for _, tc := range []struct{ query, want string }{
		{"preset=../../etc/passwd", `unknown preset "../../etc/passwd"`},
		{"preset=baseline&households=1000000", "households must be a whole number from 1 to 20000"},
		{"preset=baseline&years=500", "years must be a whole number from 1 to 30"},
		{"preset=baseline&reps=9", "reps must be a whole number from 1 to 5"},
		{"preset=baseline&admission=2", "admission must be a number from 0 to 1"},
		{"preset=baseline&file=/etc/passwd", `unknown setting "file"`},
	} {
		resp := get(t, ts.URL+"/api/run?"+tc.query, true)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 400 || !strings.Contains(string(b), tc.want) {
			t.Errorf("%s: %d %q, want 400 %q", tc.query, resp.StatusCode, b, tc.want)
		}
	}
	for _, path := range []string{"/download/0123456789abcdef01234567/compare.html", "/download/x/..%2f..%2fetc%2fpasswd"} {
		resp := get(t, ts.URL+path, false)
		resp.Body.Close()
		if resp.StatusCode != 404 {
			t.Errorf("%s: %d, want 404", path, resp.StatusCode)
		}
	}
}

// TestQueue: with one run going, 29 more wait, each told its place
// ("you are 3rd"), and the 31st is told the server is busy.
func TestQueue(t *testing.T) {
	release := make(chan struct{})
	var started sync.WaitGroup
	block := func(ctx context.Context, req Request, p Preset, send func(string, any) error) (map[string][]byte, error) {
		send("started", map[string]int{})
		select {
		case <-release:
		case <-ctx.Done():
		}
		return map[string][]byte{}, nil
	}
	s, ts := newTestServer(t, func(s *Server) { s.run = block })
	places := make([]string, QueueSize)
	var wg sync.WaitGroup
	for i := range QueueSize {
		started.Add(1)
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp := get(t, ts.URL+"/api/run?preset=baseline", true)
			defer resp.Body.Close()
			first := true
			readEvents(resp.Body, func(e event) bool {
				if first {
					first = false
					places[i] = e.name + " " + e.data
					started.Done()
				}
				return e.name != "ready"
			})
		}()
		// One at a time, so that the places are in order.
		for deadline := time.Now().Add(5 * time.Second); s.queue.size() < i+1 && time.Now().Before(deadline); {
			time.Sleep(time.Millisecond)
		}
	}
	started.Wait()
	if !strings.HasPrefix(places[0], "started") {
		t.Errorf("the first run: %s", places[0])
	}
	if want := "You are 3rd in the queue."; !strings.Contains(places[3], want) {
		t.Errorf("the fourth run: %s, want %q", places[3], want)
	}
	if want := "You are 29th in the queue."; !strings.Contains(places[29], want) {
		t.Errorf("the 30th run: %s, want %q", places[29], want)
	}
	resp := get(t, ts.URL+"/api/run?preset=baseline", true)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), "event: busy") || !strings.Contains(string(b), "The server is busy: 30 runs are running or waiting") {
		t.Errorf("the 31st run: %q", b)
	}
	resp = get(t, ts.URL+"/api/run?preset=baseline", false)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("the 31st run, not as an event stream: %d, want 503", resp.StatusCode)
	}
	close(release)
	wg.Wait()
	if n := s.queue.size(); n != 0 {
		t.Errorf("%d runs left in the queue", n)
	}
}

// TestShutdown: when the context ends, Serve stops within seconds, a
// run going included.
func TestShutdown(t *testing.T) {
	s, err := New(2)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	urls := make(chan string, 1)
	errc := make(chan error, 1)
	go func() { errc <- s.Serve(ctx, "127.0.0.1:0", func(u string) { urls <- u }) }()
	u := <-urls
	go func() {
		resp, err := http.Get(u + "api/run?preset=baseline&households=20000&years=30&reps=5")
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}()
	time.Sleep(300 * time.Millisecond)
	began := time.Now()
	cancel()
	select {
	case err := <-errc:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
		if d := time.Since(began); d > 6*time.Second {
			t.Errorf("shutdown took %s", d)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return within 10 s of the end of its context")
	}
}

// TestRequestChecksMore: NaN and a half-on switch are refused before a
// run takes a place in the queue (a new user found both).
func TestRequestChecksMore(t *testing.T) {
	_, ts := newTestServer(t)
	for _, tc := range []struct{ query, want string }{
		{"preset=baseline&admission=NaN", "admission must be a number from 0 to 1"},
		{"preset=baseline&son_preference=1.5", "son_preference must be a number from 0 to 1"},
		{"preset=baseline&local_gaokao=0.3", "local_gaokao is on (1) or off (0)"},
	} {
		resp := get(t, ts.URL+"/api/run?"+tc.query, true)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 400 || !strings.Contains(string(b), tc.want) {
			t.Errorf("%s: %d %q, want 400 %q", tc.query, resp.StatusCode, b, tc.want)
		}
	}
}

// The queue's message is in the page's language.
func TestBusyMessageLanguages(t *testing.T) {
	for l, want := range map[i18n.Lang]string{
		i18n.EN: "Busy: another class's run is going. You are 3rd in the queue.",
		i18n.ZH: "忙碌中：另一个班的运行正在进行。你们排在第 3 位。",
		"":      "Busy: another class's run is going. You are 3rd in the queue.",
	} {
		if got := busyMessage(l, 3); got != want {
			t.Errorf("%q: %q, want %q", l, got, want)
		}
	}
}

// ?lang=zh serves the page marked Chinese, with its title, before any
// script runs.
func TestPageLanguageServed(t *testing.T) {
	_, ts := newTestServer(t)
	for q, want := range map[string]string{"": `<html lang="en">`, "?lang=zh": `<html lang="zh-Hans">`} {
		resp := get(t, ts.URL+"/"+q, false)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("/%s lacks %s", q, want)
		}
	}
	resp := get(t, ts.URL+"/?lang=zh", false)
	defer resp.Body.Close()
	if b, _ := io.ReadAll(resp.Body); !bytes.Contains(b, []byte("<title>hukousim：谁被留在了家乡？</title>")) {
		t.Error("the Chinese page's title is not Chinese")
	}
}
