package i18n

import (
	"fmt"
	"regexp"
	"strconv"
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
		if en, zh := verbs(m.EN), verbs(m.ZH); en != zh {
			t.Errorf("%s: the arguments are %s in English, %s in Chinese", k, en, zh)
		}
	}
}

// verbs says which verb formats each argument of a message: "1:d 2:s" for
// "%d of %s", and for "%[2]s 的 %[1]d" too, so that a translation may
// reorder its arguments but not change them. %% is not an argument.
func verbs(msg string) string {
	uses := map[int]string{}
	n := 0
	for _, m := range regexp.MustCompile(`%(?:\[(\d+)\])?[-+#0]*\d*(?:\.\d+)?([dsgfvqx%])`).FindAllStringSubmatch(msg, -1) {
		if m[2] == "%" {
			continue
		}
		if m[1] != "" {
			n, _ = strconv.Atoi(m[1])
		} else {
			n++
		}
		uses[n] += m[2]
	}
	var out []string
	for i := 1; i <= len(uses)+1; i++ {
		if v, ok := uses[i]; ok {
			out = append(out, fmt.Sprintf("%d:%s", i, v[:1]))
		}
	}
	return strings.Join(out, " ")
}

func TestParse(t *testing.T) {
	for in, want := range map[string]Lang{"": EN, "en": EN, "zh": ZH, "ZH-CN": ZH, "zh-Hans": ZH, "zh_CN.UTF-8": ZH, "en_GB.UTF-8": EN, "zh-Hans-CN": ZH} {
		if got, err := Parse(in); err != nil || got != want {
			t.Errorf("Parse(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := Parse("fr"); err == nil || !strings.Contains(err.Error(), `unknown language "fr" (en or zh)`) {
		t.Errorf("Parse(fr): %v", err)
	}
	if _, err := Parse("zh_TW"); err == nil || !strings.Contains(err.Error(), "only Simplified Chinese (zh)") {
		t.Errorf("Parse(zh_TW): %v", err)
	}
	if got := ZH.T("page.title"); got != "谁被留在了家乡？" {
		t.Errorf("ZH.T(page.title) = %q", got)
	}
}
