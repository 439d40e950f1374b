package i18n

import (
	"strings"
	"testing"
)

// TestCatalogue: every message has its English and its Chinese, and the
// two take the same formatting verbs.
func TestCatalogue(t *testing.T) {
	for _, k := range Keys() {
		m := catalogue[k]
		if strings.TrimSpace(m.EN) == "" || strings.TrimSpace(m.ZH) == "" {
			t.Errorf("%s: a language is empty: %q, %q", k, m.EN, m.ZH)
		}
		for _, verb := range []string{"%d", "%s", "%g"} {
			if strings.Count(m.EN, verb) != strings.Count(m.ZH, verb) {
				t.Errorf("%s: %s %d times in English, %d in Chinese", k, verb, strings.Count(m.EN, verb), strings.Count(m.ZH, verb))
			}
		}
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]Lang{"": EN, "en": EN, "zh": ZH, "ZH-CN": ZH, "zh-Hans": ZH} {
		if got, err := Parse(in); err != nil || got != want {
			t.Errorf("Parse(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := Parse("fr"); err == nil || !strings.Contains(err.Error(), `unknown language "fr" (en or zh)`) {
		t.Errorf("Parse(fr): %v", err)
	}
	if got := ZH.T("page.title"); got != "谁被留在了家乡？" {
		t.Errorf("ZH.T(page.title) = %q", got)
	}
}
