package scenarios

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzLoad feeds arbitrary bytes and --set arguments to LoadBytes. The
// property: no panic, and whatever loads survives YAML and a re-load
// unchanged. The seed corpus is every embedded scenario and test fixture.
//
//	go test ./scenarios -run '^$' -fuzz FuzzLoad -fuzztime 60s
func FuzzLoad(f *testing.F) {
	_ = fs.WalkDir(embedded, ".", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := fs.ReadFile(embedded, path)
			f.Add(data, "")
		}
		return nil
	})
	files, _ := filepath.Glob("testdata/*.yaml")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, "")
	}
	f.Add([]byte(head+"reforms:\n  - year: 2025\n    over_years: 3\n    set: {cities.town.tier: 1}\n"),
		"cities.megacity.school={middle: {admission: 0.6}}\nmental_health.relative_risk[1]=2")
	f.Fuzz(func(t *testing.T, data []byte, setLines string) {
		var sets []string
		if setLines != "" {
			sets = strings.Split(setLines, "\n")
		}
		// In testdata, so that a relative extends finds the fixtures.
		s, err := LoadBytes("testdata/fuzz.yaml", data, sets)
		if err != nil {
			if s != nil {
				t.Fatal("scenario and error both returned")
			}
			_ = err.Error()
			return
		}
		out, err := s.YAML()
		if err != nil {
			t.Fatalf("loads but cannot be written: %v", err)
		}
		again, err := LoadBytes("resolved.yaml", out, nil)
		if err != nil {
			t.Fatalf("resolved form does not load: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(s, again) {
			t.Fatalf("resolved form reads back different:\n%s", out)
		}
		out2, err := again.YAML()
		if err != nil || !bytes.Equal(out, out2) {
			t.Fatalf("resolved form not stable: %v\n%s\n---\n%s", err, out, out2)
		}
		e1, err1 := s.Epochs()
		e2, err2 := again.Epochs()
		if err1 != nil || err2 != nil || !reflect.DeepEqual(e1, e2) {
			t.Fatalf("epochs: %v, %v", err1, err2)
		}
	})
}

// FuzzRoundTrip complements FuzzLoad, whose random inputs rarely load: it
// fuzzes the values inside a valid scenario (strings, a float, a --set and
// a reform with any path and value) and checks that whatever loads survives
// YAML and a re-load unchanged.
//
//	go test ./scenarios -run '^$' -fuzz FuzzRoundTrip -fuzztime 60s
func FuzzRoundTrip(f *testing.F) {
	f.Add("Title", "description\n", "note", 0.5, "cities.megacity.school.middle.admission", "0.9", 2)
	f.Add("", "", "", 1e-300, "regions.west.destinations", "{megacity: 0.5, town: 0.5}", 1)
	f.Add(" x", "a: b", "#", 0.1, "cities.megacity.school", "{middle: {admission: 0.3}}", 1)
	f.Fuzz(func(t *testing.T, title, desc, note string, x float64, path, value string, over int) {
		if !utf8.ValidString(title + desc + note) {
			return // files are UTF-8: such strings cannot come from Load
		}
		s, err := Load("testdata/parent.yaml", []string{
			"cities.megacity.school.middle.admission=" + formatFloat(x),
			path + "=" + value,
		})
		if err != nil {
			return
		}
		s.Title, s.Description = "T"+title, desc
		s.Reforms = append(s.Reforms, Reform{Year: 2023, OverYears: over, Note: note, Set: []Assignment{{path, value}}})
		out, err := s.YAML()
		if err != nil {
			return // a hand-built value that is not YAML
		}
		// Load canonicalises the assignment; from then on nothing may change.
		first, err := LoadBytes("testdata/fuzz.yaml", out, nil)
		if err != nil {
			return
		}
		roundTrip(t, first)
	})
}
