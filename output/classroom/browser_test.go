package classroom

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// browser starts a headless Chromium for the tests, or skips them when
// there is none (.ci/run installs Debian's chromium).
func browser(t *testing.T) context.Context {
	t.Helper()
	path := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		t.Skip("no Chromium here (.ci/run installs Debian's chromium)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
		chromedp.WindowSize(1400, 1100))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx, chromedp.WithErrorf(t.Logf))
	ctx, cancelC := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelC(); cancelB(); cancelA() })
	return ctx
}

// screenshot saves the page as NAME.png into $HUKOUSIM_SCREENSHOTS, when
// set (docs/gallery.md's screenshots come from here).
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("HUKOUSIM_SCREENSHOTS")
	if dir == "" {
		return
	}
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(90))
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644)
	}
	if err != nil {
		t.Error(err)
	}
}

// text reads an element's text (or value, or attribute) or fails the test.
func text(t *testing.T, ctx context.Context, a chromedp.Action[string]) string {
	t.Helper()
	s, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestPageInBrowser drives the page in a real browser: a slider moved
// with the keyboard, a prediction, a run; every year on the chart; the
// number shown is the comparison's, which is what `hukousim compare`
// prints (cmd/hukousim TestServeEqualsCLI ties the two).
func TestPageInBrowser(t *testing.T) {
	ctx := browser(t)
	s, ts := newTestServer(t, func(s *Server) { s.Defaults = Request{Households: 2000, Years: 7, Reps: 2, Seed: 1} })
	right := chromedp.KeyEvent(kb.ArrowRight)
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/")); err != nil {
		t.Fatal("navigate: ", err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible("#s-admission")); err != nil {
		h, _ := chromedp.Run(ctx, chromedp.Evaluate[string]("document.body.innerHTML.slice(0, 300)"))
		t.Fatal("wait: ", err, h)
	}
	screenshot(t, ctx, "classroom-before")
	// Keyboard: six steps of 0.05 from today's 0.7.
	if err := chromedp.Do(ctx, chromedp.Focus("#s-admission"), right, right, right, right, right, right); err != nil {
		t.Fatal(err)
	}
	admission := text(t, ctx, chromedp.Value("#s-admission"))
	for i, a := range []chromedp.Action[chromedp.Void]{
		chromedp.SendKeys("#guess-lbc", "50"),
		chromedp.Click(`input[name="guess-sex"][value="girls"]`),
		chromedp.Focus("#run"),
		chromedp.KeyEvent(kb.Enter), // the keyboard runs it
	} {
		step, cancel := context.WithTimeout(ctx, 5*time.Second)
		err := chromedp.Do(step, a)
		cancel()
		if err != nil {
			t.Fatal("step ", i, err)
		}
	}
	wait, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if _, err := chromedp.Run(wait, chromedp.Poll[bool](`document.querySelectorAll("#downloads a").length === 3`)); err != nil {
		st, err2 := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("status").textContent + " | " + document.getElementById("downloads").outerHTML`))
		t.Fatal(err, st, err2)
	}
	pts, err := chromedp.Run(ctx, chromedp.AttributeValue("#chart-lbc polyline.class", "points"))
	if err != nil {
		t.Fatal(err)
	}
	points := pts.Value
	shown := text(t, ctx, chromedp.Text("#result-lbc"))
	status := text(t, ctx, chromedp.Text("#status"))
	guess := text(t, ctx, chromedp.Text(".you"))
	screenshot(t, ctx, "classroom-after")
	if admission != "1" {
		t.Errorf("six right-arrow steps left the admission slider at %s, want 1", admission)
	}
	if n := len(strings.Fields(points)); n != 7 {
		t.Errorf("the class's line on the chart has %d points, want one for each of the 7 years", n)
	}
	if !strings.HasPrefix(status, "Done: 2 replicates") || guess != "50" {
		t.Errorf("status %q, guess shown %q", status, guess)
	}

	// The same comparison, run as the page's server runs it: its 2026
	// mean, rounded as the page rounds it.
	p := *s.preset("baseline")
	req := Request{Preset: "baseline", Values: map[string]float64{"admission": 1}, Seed: 1, Households: 2000, Years: 7, Reps: 2}
	class, base, yaml, err := load(req, p)
	if err != nil {
		t.Fatal(err)
	}
	done, _, err := compare(context.Background(), req, class, base, yaml, 2, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	want := strconv.FormatFloat(math.Round(done.Class["lbc"][6].Mean*10)/10, 'f', 1, 64)
	if shown != want {
		t.Errorf("the page shows %s million left-behind children, the comparison %s", shown, want)
	}
}

// TestPageChinese: ?lang=zh, or the page's language link, gives the page
// in Chinese: its title, levers, presets and charts.
func TestPageChinese(t *testing.T) {
	ctx := browser(t)
	_, ts := newTestServer(t, func(s *Server) { s.Defaults = Request{Households: 2000, Years: 7, Reps: 2, Seed: 1} })
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible("#s-admission")); err != nil {
		t.Fatal(err)
	}
	if h := text(t, ctx, chromedp.Text("h1")); h != "Who is left behind?" {
		t.Errorf("English title %q", h)
	}
	// The language link leads to ?lang=zh.
	href, err := chromedp.Run(ctx, chromedp.AttributeValue("#lang", "href"))
	if err != nil || href.Value != "?lang=zh" {
		t.Fatalf("the language link: %q, %v", href.Value, err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/"+href.Value), chromedp.WaitVisible("#s-admission")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.documentElement.lang === "zh-Hans"`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatal(err)
	}
	for sel, want := range map[string]string{
		"h1": "谁被留在了家乡？", "label[for=s-admission]": "超大城市公办学校接收随迁子女", "#run": "运行",
		"#preset option": "2020 年前后的中国（基准）", "#charts figcaption": "留守儿童", "#lang": "English",
	} {
		if got := strings.TrimSpace(text(t, ctx, chromedp.TextContent(sel))); !strings.HasPrefix(got, want) {
			t.Errorf("%s in Chinese: %q, want %q", sel, got, want)
		}
	}
	// A run: the status and the results in Chinese too.
	if err := chromedp.Do(ctx, chromedp.SendKeys("#guess-lbc", "40"), chromedp.Focus("#run"), chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll("#downloads a").length === 3`, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "classroom-zh")
	if st := text(t, ctx, chromedp.Text("#status")); !strings.HasPrefix(st, "完成：2 次重复") {
		t.Errorf("status in Chinese: %q", st)
	}
	// Counts in 万, as the reports write them: the 2026 count is some
	// thousands of 万, and the difference is in 万 too.
	lbc, err := strconv.ParseFloat(strings.ReplaceAll(text(t, ctx, chromedp.Text("#result-lbc")), ",", ""), 64)
	if err != nil || lbc < 1000 || lbc > 20000 {
		t.Errorf("left-behind children shown as %v (%v), want 万 (thousands of them)", lbc, err)
	}
	if sum := text(t, ctx, chromedp.Text("#summary")); !strings.Contains(sum, "万名留守儿童") || !strings.Contains(sum, "（女孩 ") {
		t.Errorf("summary in Chinese: %q", sum)
	}
	if about := text(t, ctx, chromedp.Text("#preset-about")); !strings.Contains(about, "农村家庭") {
		t.Errorf("the baseline's description in Chinese: %q", about)
	}
	// The comparison it offers is in Chinese, figures included.
	href, err = chromedp.Run(ctx, chromedp.AttributeValue("#downloads a", "href"))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(ts.URL + href.Value)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	page, _ := io.ReadAll(resp.Body)
	for _, want := range []string{`<html lang="zh-Hans">`, "情景对比：baseline、class", "与参照情景的差值"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the downloaded %s lacks %q", href.Value, want)
		}
	}
}

// TestPageBusy: with the queue full, the page's Run says the server is
// busy.
func TestPageBusy(t *testing.T) {
	ctx := browser(t)
	release := make(chan struct{})
	block := func(ctx context.Context, req Request, p Preset, send func(string, any) error) (map[string][]byte, error) {
		select {
		case <-release:
		case <-ctx.Done():
		}
		return map[string][]byte{}, nil
	}
	s, ts := newTestServer(t, func(s *Server) { s.run = block })
	var wg sync.WaitGroup
	for range QueueSize {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp := get(t, ts.URL+"/api/run?preset=baseline", true)
			readEvents(resp.Body, func(e event) bool { return e.name != "ready" })
			resp.Body.Close()
		}()
	}
	for deadline := time.Now().Add(10 * time.Second); s.queue.size() < QueueSize && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
	err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible("#s-admission"),
		chromedp.Focus("#run"),
		chromedp.KeyEvent(kb.Enter),
	)
	var status string
	if err == nil {
		_, err = chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("status").textContent.startsWith("The server is busy")`, chromedp.WithPollingTimeout(10*time.Second)))
	}
	if err == nil {
		status, err = chromedp.Run(ctx, chromedp.Text("#status"))
	}
	close(release)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("The server is busy: %d runs are running or waiting", QueueSize); !strings.HasPrefix(status, want) {
		t.Errorf("status %q, want %q", status, want)
	}
}
