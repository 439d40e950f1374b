package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// --lang zh gives the pages, the figures and the summaries in Chinese,
// and changes no number: a run's metrics are those of the same run in
// English, byte for byte.
func TestLangChinese(t *testing.T) {
	base := t.TempDir()
	args := []string{"--households", "400", "--years", "3", "--set", "time.burn_in=4", "--reps", "2"}
	zh, en := filepath.Join(base, "zh"), filepath.Join(base, "en")
	stdout, _, err := run(t, append([]string{"run", "open-schools", "--lang", "zh", "--out", zh}, args...)...)
	if err != nil {
		t.Fatal(err)
	}
	mustRun(t, append([]string{"run", "open-schools", "--out", en, "--quiet"}, args...)...)
	if !bytes.Equal(read(t, filepath.Join(zh, "metrics.csv")), read(t, filepath.Join(en, "metrics.csv"))) {
		t.Error("metrics.csv differs between --lang zh and English")
	}
	has := func(what, text string, words ...string) {
		t.Helper()
		for _, w := range words {
			if !strings.Contains(text, w) {
				t.Errorf("%s lacks %q:\n%.1500s", what, w, text)
			}
		}
	}
	has("run's summary", stdout, "open-schools：城市公办学校在各学段向流动儿童开放", "留守儿童", "占农村户籍女孩", "万", "已写入")
	has("report.html", string(read(t, filepath.Join(zh, "report.html"))), `<html lang="zh-Hans">`, "主要指标", "自 2025 年起")

	cmp := filepath.Join(base, "cmp")
	stdout, _, err = run(t, append([]string{"compare", "baseline", "open-schools", "--lang", "zh", "--out", cmp}, args...)...)
	if err != nil {
		t.Fatal(err)
	}
	has("compare's summary", stdout, "相对于 baseline 的效果", "配对 95% 区间", "已写入")
	has("compare.html", string(read(t, filepath.Join(cmp, "compare.html"))), `<html lang="zh-Hans">`, "情景对比：baseline、open-schools")
	has("the compared run's report.html", string(read(t, filepath.Join(cmp, "runs", "open-schools", "report.html"))), "主要指标")

	// (300 households fail some targets: validate exits non-zero, and
	// still prints its table.)
	stdout, _, _ = run(t, "validate", "--lang", "zh", "--out", filepath.Join(base, "v"), "--households", "300", "--reps", "2", "--set", "time.burn_in=3")
	has("validate's table", stdout, "与已发表的目标值对比", "已发表值", "个目标中有")

	sw := filepath.Join(base, "sweep")
	stdout, _, err = run(t, "sweep", filepath.Join("..", "..", "output", "testdata", "sweep", "morris.yaml"), "--lang", "zh", "--out", sw)
	if err != nil {
		t.Fatal(err)
	}
	has("sweep's summary", stdout, "扫描", "Morris μ*", "已写入")
	has("sweep.html", string(read(t, filepath.Join(sw, "sweep.html"))), `<html lang="zh-Hans">`, "变化的参数", "哪些参数重要")
	plots, _ := os.ReadDir(filepath.Join(sw, "plots"))
	if len(plots) == 0 {
		t.Error("the sweep drew no figures")
	}
}
