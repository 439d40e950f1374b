package classroom

import (
	"bytes"
	"context"
	"crypto/rand"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hukousim/hukousim/output/i18n"
	"github.com/hukousim/hukousim/scenarios"
)

//go:embed page.html
var page []byte

// pageIn is the page with its language and title in l before any script
// runs (for screen readers and readers without scripts; the script
// fills in the rest of the words).
func pageIn(l i18n.Lang) []byte {
	if l != i18n.ZH {
		return page
	}
	p := bytes.Replace(page, []byte(`<html lang="en">`), []byte(`<html lang="zh-Hans">`), 1)
	return bytes.Replace(p, []byte("<title>hukousim: who is left behind?</title>"), []byte("<title>hukousim："+l.T("page.title")+"</title>"), 1)
}

// Server is the classroom page's server. Its zero value is not usable:
// New makes one.
type Server struct {
	Limits   Limits
	Defaults Request // households, years, replicates and seed of a run the page does not size
	Workers  int
	TmpDir   string // where comparisons are written before their files are kept in memory
	// RunTimeout bounds one run, queue time excluded.
	RunTimeout time.Duration

	presets   []Preset
	startYear int // the baseline's
	queue     *queue
	mu        sync.Mutex
	results   map[string]map[string][]byte // run id -> file name -> bytes
	order     []string                     // run ids, oldest first
	// run does one run; tests replace it.
	run func(ctx context.Context, req Request, preset Preset, send func(event string, data any) error) (map[string][]byte, error)
}

// QueueSize is how many runs may be running or waiting at once; one more
// is told the server is busy.
const QueueSize = 30

// keepResults is how many finished runs' files are kept for download.
const keepResults = 50

// New makes a server with the default limits: a class-sized run of 10,000
// households, 20 years and 3 replicates (at most 20,000, 30 and 5).
func New(workers int) (*Server, error) {
	presets, err := Presets()
	if err != nil {
		return nil, err
	}
	base, err := scenarios.Load("baseline", nil)
	if err != nil {
		return nil, err
	}
	s := &Server{
		startYear:  base.Params.Time.StartYear,
		Limits:     Limits{MaxHouseholds: 20000, MaxYears: 30, MaxReps: 5},
		Defaults:   Request{Households: 10000, Years: 20, Reps: 3, Seed: 1},
		Workers:    workers,
		TmpDir:     os.TempDir(),
		RunTimeout: 2 * time.Minute,
		presets:    presets,
		queue:      newQueue(QueueSize),
		results:    map[string]map[string][]byte{},
	}
	s.run = s.classRun
	return s, nil
}

// Handler is the server's routes: the page, its configuration, runs
// (server-sent events) and downloads. Nothing the client sends names a
// file: presets are names from a fixed list, downloads a random run id
// and one of three file names.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'")
		l, _ := i18n.Parse(r.URL.Query().Get("lang")) // the script refuses nothing either: English
		w.Write(pageIn(l))
	})
	mux.HandleFunc("GET /api/config", s.config)
	mux.HandleFunc("GET /api/run", s.serveRun)
	mux.HandleFunc("GET /download/{id}/{file}", s.download)
	return http.MaxBytesHandler(mux, 1<<14)
}

// config is what the page needs to draw itself.
// ?lang=zh gives it in Chinese.
func (s *Server) config(w http.ResponseWriter, r *http.Request) {
	lang, err := i18n.Parse(r.URL.Query().Get("lang"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	sliders := Localized(lang)
	base := s.preset("baseline")
	for i := range sliders {
		sliders[i].Baseline = base.Values[sliders[i].ID]
	}
	presets := append([]Preset(nil), s.presets...)
	for i := range presets { // the shipped scenarios' words, translated
		presets[i].Title, presets[i].Description = lang.Text(presets[i].Title), lang.Text(strings.TrimSpace(presets[i].Description))
	}
	writeJSON(w, map[string]any{
		"lang": lang, "messages": i18n.Prefixed(lang, "page."),
		"presets": presets, "sliders": sliders, "charts": LocalCharts(lang), "defaults": s.Defaults, "limits": s.Limits,
		"reform_year": ReformYear, "queue_size": QueueSize, "start_year": s.startYear,
	})
}

func (s *Server) preset(name string) *Preset {
	for i := range s.presets {
		if s.presets[i].Name == name {
			return &s.presets[i]
		}
	}
	return nil
}

// parse reads and checks a run's query.
func (s *Server) parse(q url.Values) (Request, *Preset, error) {
	req := s.Defaults
	req.Values = map[string]float64{}
	p := s.preset(q.Get("preset"))
	if p == nil {
		return req, nil, fmt.Errorf("unknown preset %q", q.Get("preset"))
	}
	ints := []struct {
		key  string
		into *int
		max  int
	}{{"households", &req.Households, s.Limits.MaxHouseholds}, {"years", &req.Years, s.Limits.MaxYears}, {"reps", &req.Reps, s.Limits.MaxReps}}
	for _, f := range ints {
		if v := q.Get(f.key); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > f.max {
				return req, nil, fmt.Errorf("%s must be a whole number from 1 to %d, got %q", f.key, f.max, v)
			}
			*f.into = n
		}
	}
	if req.Reps < 2 {
		return req, nil, errors.New("reps must be at least 2, for the intervals")
	}
	lang, err := i18n.Parse(q.Get("lang"))
	if err != nil {
		return req, nil, err
	}
	req.Lang = lang
	if v := q.Get("seed"); v != "" {
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil {
			return req, nil, fmt.Errorf("seed must be a whole number from 0 to 4294967295, got %q", v)
		}
		req.Seed = n
	}
	for _, sl := range Sliders() {
		v := q.Get(sl.ID)
		if v == "" {
			continue
		}
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || !(x >= sl.Min && x <= sl.Max) { // NaN fails both
			return req, nil, fmt.Errorf("%s must be a number from %g to %g, got %q", sl.ID, sl.Min, sl.Max, v)
		}
		if sl.Toggle && x != 0 && x != 1 {
			return req, nil, fmt.Errorf("%s is on (1) or off (0), got %q", sl.ID, v)
		}
		req.Values[sl.ID] = x
	}
	for k := range q {
		switch k {
		case "preset", "households", "years", "reps", "seed", "lang":
		default:
			if !isSlider(k) {
				return req, nil, fmt.Errorf("unknown setting %q", k)
			}
		}
	}
	return req, p, nil
}

func isSlider(id string) bool {
	for _, s := range Sliders() {
		if s.ID == id {
			return true
		}
	}
	return false
}

// serveRun runs one comparison and streams it as server-sent events:
// "queued" (the place in line), "year" (replicate 0's year, both
// scenarios), "done" (every replicate, with intervals and downloads) or
// "failed".
func (s *Server) serveRun(w http.ResponseWriter, r *http.Request) {
	req, preset, err := s.parse(r.URL.Query())
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	flusher, _ := w.(http.Flusher)
	send := func(event string, data any) error {
		b, err := json.Marshal(data)
		if err != nil {
			return err
		}
		if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, b); err != nil {
			return err
		}
		if flusher != nil {
			flusher.Flush()
		}
		return nil
	}
	ticket, ok := s.queue.join()
	if !ok {
		// A page reads the message as an event (EventSource cannot read
		// the body of an error); other clients get 503.
		msg := req.Lang.T("page.busy", QueueSize)
		w.Header().Set("Retry-After", "60")
		if !strings.Contains(r.Header.Get("Accept"), "text/event-stream") {
			http.Error(w, msg, http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		send("busy", map[string]string{"message": msg})
		return
	}
	defer s.queue.leave(ticket)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	ctx := r.Context()
	if err := s.queue.wait(ctx, ticket, func(place int) {
		send("queued", map[string]any{"place": place, "message": busyMessage(req.Lang, place)})
	}); err != nil {
		return // the client left
	}
	ctx, cancel := context.WithTimeout(ctx, s.RunTimeout)
	defer cancel()
	files, err := s.run(ctx, req, *preset, send)
	if err != nil {
		if ctx.Err() != nil && r.Context().Err() == nil {
			err = errors.New(req.Lang.T("page.timeout", s.RunTimeout))
		}
		send("failed", map[string]string{"message": err.Error()})
		return
	}
	id := s.keep(files)
	send("ready", map[string]string{"id": id})
}

// busyMessage says in l where a run waits.
func busyMessage(l i18n.Lang, place int) string {
	if l == i18n.ZH {
		return l.T("page.queued", strconv.Itoa(place))
	}
	return l.T("page.queued", ordinal(place))
}

func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return strconv.Itoa(n) + suffix
}

// classRun is a run: replicate 0 streamed year by year, then the whole
// comparison.
func (s *Server) classRun(ctx context.Context, req Request, preset Preset, send func(string, any) error) (map[string][]byte, error) {
	class, base, yaml, err := load(req, preset)
	if err != nil {
		return nil, err
	}
	if err := send("started", map[string]any{"years": req.Years, "start": base.Params.Time.StartYear, "reps": req.Reps}); err != nil {
		return nil, err
	}
	if err := stream(ctx, req, class, base, s.Workers, func(y YearEvent) error { return send("year", y) }); err != nil {
		return nil, err
	}
	if err := send("finishing", map[string]any{"message": req.Lang.T("page.finishing", req.Reps-1)}); err != nil {
		return nil, err
	}
	done, files, err := compare(ctx, req, class, base, yaml, s.Workers, s.TmpDir)
	if err != nil {
		return nil, err
	}
	if err := send("done", done); err != nil {
		return nil, err
	}
	return files, nil
}

// keep stores a run's files for download, dropping the oldest beyond
// keepResults, and returns the run's id.
func (s *Server) keep(files map[string][]byte) string {
	b := make([]byte, 12)
	rand.Read(b)
	id := hex.EncodeToString(b)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.results[id] = files
	s.order = append(s.order, id)
	for len(s.order) > keepResults {
		delete(s.results, s.order[0])
		s.order = s.order[1:]
	}
	return id
}

var idRE = regexp.MustCompile(`^[0-9a-f]{24}$`)

// download serves a kept file: compare.html, report.html or scenario.yaml.
func (s *Server) download(w http.ResponseWriter, r *http.Request) {
	id, name := r.PathValue("id"), r.PathValue("file")
	s.mu.Lock()
	files := s.results[id]
	s.mu.Unlock()
	b, ok := files[name]
	if !idRE.MatchString(id) || !ok {
		http.Error(w, "no such run or file (a server keeps the last 50 runs)", http.StatusNotFound)
		return
	}
	ctype := "text/html; charset=utf-8"
	if strings.HasSuffix(name, ".yaml") {
		ctype = "text/yaml; charset=utf-8"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
	w.Write(b)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

// Serve listens on addr until ctx ends, then shuts down: no new runs, the
// running ones stopped, within a few seconds.
func (s *Server) Serve(ctx context.Context, addr string, ready func(url string)) error {
	srv := &http.Server{
		Addr: addr, Handler: s.Handler(),
		ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second, IdleTimeout: 60 * time.Second,
		MaxHeaderBytes: 1 << 14,
		BaseContext:    func(_ net.Listener) context.Context { return ctx },
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	if ready != nil {
		ready("http://" + ln.Addr().String() + "/")
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	srv.Shutdown(shut)
	return nil
}
