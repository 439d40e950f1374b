package output

import (
	"bytes"
	"io"
	"math/rand/v2"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"github.com/hukousim/hukousim/sim"
)

var (
	testRegions = []string{"east", "central", "west"}
	testCities  = []string{"megacity", "coastal-city", "county-town"}
)

// childYears makes n synthetic rows that touch every value of every
// category, with random human capital and probabilities.
func childYears(n int, r *rand.Rand) []sim.ChildYear {
	rows := make([]sim.ChildYear, n)
	for i := range rows {
		rows[i] = sim.ChildYear{
			Replicate:   uint32(i % 3),
			Year:        int32(2020 + i%7),
			Household:   uint64(i/2) * 7919,
			Slot:        uint8(i % 4),
			Age:         int8(i % 18),
			Girl:        i%2 == 1,
			Region:      uint8(i % len(testRegions)),
			City:        int8(i % len(testCities)),
			ParentsAway: uint8(i % 4),
			Place:       uint8(i % len(sim.PlaceNames)),
			School:      uint8(i % len(sim.SchoolNames)),
			LeftBehind:  i%3 == 0,
			Converted:   i%5 == 0,
			Depressed:   i%7 == 0,
			Ideation:    i%11 == 0,
			H:           float32(r.NormFloat64()),
			YearsLBOne:  uint8(i % 9),
			YearsLBBoth: uint8(i % 5),
			Switches:    uint8(i % 3),
			Academic:    i%13 == 0,
			Vocational:  i%17 == 0,
			ProbLeft:    r.Float32(),
		}
	}
	return rows
}

// writeMicro writes rows in batches of batch through a writer with row
// groups of groupRows, and returns the file.
func writeMicro(t *testing.T, rows []sim.ChildYear, batch int, groupRows int64) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := newMicrodataWriter(&buf, testRegions, testCities, groupRows)
	for lo := 0; lo < len(rows); lo += batch {
		if err := w.Write(rows[lo:min(lo+batch, len(rows))]); err != nil {
			t.Fatal(err)
		}
	}
	if got := w.Rows(); got != int64(len(rows)) {
		t.Errorf("Rows() = %d, want %d", got, len(rows))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func openParquet(t *testing.T, b []byte) *parquet.File {
	t.Helper()
	f, err := parquet.OpenFile(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("the file does not open as Parquet: %v", err)
	}
	return f
}

// The file reads back row for row, with the names of every category, in
// row groups of at most the configured size.
func TestMicrodataRoundTrip(t *testing.T) {
	rows := childYears(1000, rand.New(rand.NewPCG(1, 2)))
	b := writeMicro(t, rows, 97, 300)
	f := openParquet(t, b)

	if f.NumRows() != 1000 {
		t.Fatalf("%d rows, want 1000", f.NumRows())
	}
	var sizes []int64
	for _, rg := range f.RowGroups() {
		sizes = append(sizes, rg.NumRows())
	}
	if !reflect.DeepEqual(sizes, []int64{300, 300, 300, 100}) {
		t.Errorf("row groups of %v rows, want 300, 300, 300, 100", sizes)
	}

	var cols []string
	for _, c := range f.Schema().Columns() {
		cols = append(cols, strings.Join(c, "."))
	}
	want := "replicate year household slot age girl region city parents_away place school left_behind converted depressed ideation h years_lb_one years_lb_both switches academic vocational dropout prob_left"
	if strings.Join(cols, " ") != want {
		t.Errorf("columns %v, want %s", cols, want)
	}
	dict := map[string]bool{"region": true, "city": true, "parents_away": true, "place": true, "school": true}
	for _, cc := range f.Metadata().RowGroups[0].Columns {
		md := cc.MetaData
		if md.Codec != format.Zstd {
			t.Errorf("%v: codec %v, want ZSTD", md.PathInSchema, md.Codec)
		}
		name := strings.Join(md.PathInSchema, ".")
		hasDict := false
		for _, e := range md.Encoding {
			hasDict = hasDict || e == format.RLEDictionary || e == format.PlainDictionary
		}
		if dict[name] && !hasDict {
			t.Errorf("%s is not dictionary-encoded: %v", name, md.Encoding)
		}
	}

	got, err := parquet.Read[microRow](bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(rows) {
		t.Fatalf("read %d rows, want %d", len(got), len(rows))
	}
	for i, g := range got {
		r := rows[i]
		w := microRow{
			Replicate: int32(r.Replicate), Year: int16(r.Year), Household: int64(r.Household), Slot: int8(r.Slot), Age: r.Age, Girl: r.Girl,
			Region: testRegions[r.Region], City: testCities[r.City], ParentsAway: parentsAwayNames[r.ParentsAway],
			Place: sim.PlaceNames[r.Place], School: sim.SchoolNames[r.School],
			LeftBehind: r.LeftBehind, Converted: r.Converted, Depressed: r.Depressed, Ideation: r.Ideation, H: r.H,
			YearsLBOne: int16(r.YearsLBOne), YearsLBBoth: int16(r.YearsLBBoth), Switches: int16(r.Switches),
			Academic: r.Academic, Vocational: r.Vocational, ProbLeft: r.ProbLeft,
		}
		if g != w {
			t.Fatalf("row %d reads back as\n%+v\nwant\n%+v", i, g, w)
		}
	}
	// A spot check of the names, independent of the conversion above.
	if got[1].ParentsAway != "father" || got[3].ParentsAway != "both" || got[1].City != "coastal-city" || got[2].Region != "west" {
		t.Errorf("names: %+v, %+v", got[1], got[3])
	}
}

// A run that samples no household still writes a valid, empty file.
func TestMicrodataEmpty(t *testing.T) {
	b := writeMicro(t, nil, 1, 300)
	if f := openParquet(t, b); f.NumRows() != 0 {
		t.Errorf("%d rows, want 0", f.NumRows())
	}
}

// An index that the scenario's names do not cover is an error, and it
// sticks: the file is never finished.
func TestMicrodataRejectsUnknownIndex(t *testing.T) {
	w := NewMicrodataWriter(io.Discard, testRegions, testCities)
	rows := childYears(4, rand.New(rand.NewPCG(1, 2)))
	rows[2].City = int8(len(testCities))
	err := w.Write(rows)
	if err == nil || !strings.Contains(err.Error(), "city 3 is out of range") {
		t.Fatalf("Write = %v, want an out-of-range city", err)
	}
	if err := w.Write(rows[:1]); err == nil {
		t.Error("a write after an error succeeded")
	}
	if err := w.Close(); err == nil {
		t.Error("Close after an error succeeded")
	}
}

// countingWriter counts the bytes it is given and keeps none.
type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// The writer's memory does not grow with the rows written: a row group is
// flushed every groupRows rows and nothing of it is kept but its metadata.
// (What stays, a few MB of column buffers and pooled zstd encoders, does
// not depend on the run's size.)
// Human capital, probabilities and ids are random, so the compressed data
// (tens of MB here) would show in the heap if it were kept.
func TestMicrodataMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 1.3 million rows")
	}
	const groupRows, batch, total = 1 << 15, 4096, 40 << 15
	r := rand.New(rand.NewPCG(3, 4))
	rows := childYears(batch, r)
	var out countingWriter
	w := newMicrodataWriter(&out, testRegions, testCities, groupRows)
	heap := func() uint64 {
		runtime.GC() // twice, to empty the pools (of zstd encoders) too
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	var after4 uint64
	for done := 0; done < total; done += batch {
		for i := range rows {
			rows[i].Household = r.Uint64() >> 1
			rows[i].H = float32(r.NormFloat64())
			rows[i].ProbLeft = r.Float32()
		}
		if err := w.Write(rows); err != nil {
			t.Fatal(err)
		}
		if done+batch == 4*groupRows {
			after4 = heap()
		}
	}
	end := heap()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	growth := int64(end) - int64(after4)
	t.Logf("%d rows, %.1f MB written; heap %.1f MB after 4 row groups, %.1f MB after 40", total, float64(out.n)/1e6, float64(after4)/1e6, float64(end)/1e6)
	if growth > 4<<20 {
		t.Errorf("the heap grew by %.1f MB from row group 4 to 40 (%.1f MB written): the writer keeps the rows", float64(growth)/1e6, float64(out.n)/1e6)
	}
}
