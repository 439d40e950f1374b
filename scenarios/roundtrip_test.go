package scenarios

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestEmbedded checks every shipped scenario: it loads (Check), it is
// listed, and its resolved form reads back to the same scenario.
func TestEmbedded(t *testing.T) {
	if err := Check(); err != nil {
		t.Fatalf("embedded scenarios:\n%v", err)
	}
	infos := List()
	if len(infos) != len(embeddedNames()) {
		t.Fatalf("List gives %d scenarios, %d are embedded", len(infos), len(embeddedNames()))
	}
	for i, info := range infos {
		if i > 0 && infos[i-1].Name >= info.Name {
			t.Errorf("List not sorted by name: %q before %q", infos[i-1].Name, info.Name)
		}
		if info.Title == "" {
			t.Errorf("%s: no title", info.Name)
		}
		t.Run(info.Name, func(t *testing.T) {
			s, err := Load(info.Name, nil)
			if err != nil {
				t.Fatal(err)
			}
			roundTrip(t, s)
		})
	}
}

// TestRoundTripFixtures does the same for the test fixtures that load.
func TestRoundTripFixtures(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.yaml")
	for _, f := range files {
		if strings.Contains(f, "cycle") {
			continue // does not load, by design
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			s, err := Load(f, nil)
			if err != nil {
				t.Fatal(err)
			}
			roundTrip(t, s)
		})
	}
}

// roundTrip writes s, reads it back and checks that nothing changed: the
// scenario, its epochs, and the bytes written a second time.
func roundTrip(t *testing.T, s *Scenario) *Scenario {
	t.Helper()
	out, err := s.YAML()
	if err != nil {
		t.Fatal(err)
	}
	again, err := LoadBytes("resolved.yaml", out, nil)
	if err != nil {
		t.Fatalf("resolved form does not load: %v\n%s", err, out)
	}
	if !reflect.DeepEqual(s, again) {
		t.Fatalf("resolved form reads back different:\nbefore %+v\nafter  %+v", s, again)
	}
	out2, err := again.YAML()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, out2) {
		t.Fatalf("resolved form not stable:\n%s\n---\n%s", out, out2)
	}
	if s.SHA256() != again.SHA256() || len(s.SHA256()) != 64 {
		t.Fatalf("SHA256 %q vs %q", s.SHA256(), again.SHA256())
	}
	e1, err1 := s.Epochs()
	e2, err2 := again.Epochs()
	if err1 != nil || err2 != nil || !reflect.DeepEqual(e1, e2) {
		t.Fatalf("epochs differ: %v %v", err1, err2)
	}
	return again
}

// TestResolvedHasNoExtends checks that the resolved form stands alone.
func TestResolvedHasNoExtends(t *testing.T) {
	s, err := Load("testdata/child.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := s.YAML()
	if bytes.Contains(out, []byte("extends")) {
		t.Error("resolved form mentions extends")
	}
	// Standalone: readable from a directory where parent.yaml is absent.
	dir := t.TempDir()
	f := filepath.Join(dir, "resolved.yaml")
	if err := os.WriteFile(f, out, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(f, nil); err != nil {
		t.Fatal(err)
	}
}

// TestRoundTripStrings writes awkward titles, descriptions and notes, which
// the YAML encoder must quote or block so that they read back unchanged.
func TestRoundTripStrings(t *testing.T) {
	base, err := Load("testdata/parent.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		"plain", " leading space", "trailing space ", "\ttab", "a: b", "# not a comment", "- dash",
		"'single'", `"double"`, "null", "true", "2020", "1e5", "0x10", "~", "---", "...", "*alias", "&anchor",
		"two\nlines", "trailing newline\n", "two newlines\n\n", "\nleading newline", "cr\rlf", "crlf\r\nline",
		"  indented\nlines", "中文 title", "emoji 🙂", "nul \x00 byte", "bell \a", "del \x7f", "nbsp\u00a0",
		"line sep \u2028 x", "bom \ufeff", strings.Repeat("long ", 50), "",
	} {
		c := *base
		c.Title = "T " + s // a title must not be blank
		c.Description = s
		c.Reforms = append([]Reform(nil), base.Reforms...)
		c.Reforms[0].Note = s
		t.Run(strconvQuote(s), func(t *testing.T) { roundTrip(t, &c) })
	}
}

func strconvQuote(s string) string {
	if len(s) > 20 {
		s = s[:20]
	}
	return strings.NewReplacer("/", "_").Replace(s)
}
