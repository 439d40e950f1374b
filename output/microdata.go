package output

import (
	"errors"
	"fmt"
	"io"

	"github.com/parquet-go/parquet-go"

	"github.com/hukousim/hukousim/sim"
)

// MicrodataRowGroupRows is the number of rows in a row group of
// microdata.parquet (the last one holds the rest). The writer holds at most
// one row group, compressed, so its memory does not grow with the run.
const MicrodataRowGroupRows = 256 << 10

// parentsAwayNames are the names of sim.ChildYear.ParentsAway, by value.
var parentsAwayNames = [...]string{"none", "father", "mother", "both"}

// microRow is one row of microdata.parquet: one child in one recorded year.
// The string columns are dictionary-encoded (a handful of distinct values
// each); the integers take the smallest signed type that holds them, so
// pandas, R and DuckDB read them without surprises.
type microRow struct {
	Replicate   int32   `parquet:"replicate"`
	Year        int16   `parquet:"year"`
	Household   int64   `parquet:"household"`
	Slot        int8    `parquet:"slot"`
	Age         int8    `parquet:"age"`
	Girl        bool    `parquet:"girl"`
	Region      string  `parquet:"region,dict"`
	City        string  `parquet:"city,dict"`
	ParentsAway string  `parquet:"parents_away,dict"`
	Place       string  `parquet:"place,dict"`
	School      string  `parquet:"school,dict"`
	LeftBehind  bool    `parquet:"left_behind"`
	Converted   bool    `parquet:"converted"`
	Depressed   bool    `parquet:"depressed"`
	Ideation    bool    `parquet:"ideation"`
	H           float32 `parquet:"h"`
	YearsLBOne  int16   `parquet:"years_lb_one"`
	YearsLBBoth int16   `parquet:"years_lb_both"`
	Switches    int16   `parquet:"switches"`
	Academic    bool    `parquet:"academic"`
	Vocational  bool    `parquet:"vocational"`
	Dropout     bool    `parquet:"dropout"`
	ProbLeft    float32 `parquet:"prob_left"`
}

// MicrodataWriter writes the microdata stream of a run (sim.MicroSink) as
// a Parquet file, zstd-compressed, one row per child-year. Rows are
// written as they come and a row group is flushed every
// MicrodataRowGroupRows rows, so memory stays bounded whatever the run's
// size. Close writes the footer; a file whose writer was not closed
// without error is not a valid Parquet file.
//
// Like every sim.MicroSink, it is called from one goroutine at a time.
type MicrodataWriter struct {
	pw      *parquet.GenericWriter[microRow]
	regions []string
	cities  []string
	buf     []microRow // reused from batch to batch
	rows    int64
	err     error // the first error, returned by every later call
	closed  bool
}

// NewMicrodataWriter starts a Parquet file on w. regions and cities are the
// scenario's names (Params.Regions[i].Name, Params.Cities[i].Name), by
// index, for the region and city columns.
func NewMicrodataWriter(w io.Writer, regions, cities []string) *MicrodataWriter {
	return newMicrodataWriter(w, regions, cities, MicrodataRowGroupRows)
}

// newMicrodataWriter is NewMicrodataWriter with a row group size, for tests.
func newMicrodataWriter(w io.Writer, regions, cities []string, groupRows int64) *MicrodataWriter {
	return &MicrodataWriter{
		pw: parquet.NewGenericWriter[microRow](w,
			parquet.Compression(&parquet.Zstd),
			parquet.MaxRowsPerRowGroup(groupRows),
			// (parquet.CreatedBy leaves out the space before "(build".)
			&parquet.WriterConfig{CreatedBy: fmt.Sprintf("hukousim version %s (build %s)", Version, Commit())},
		),
		regions: append([]string(nil), regions...),
		cities:  append([]string(nil), cities...),
	}
}

// Write appends rows to the file. An index out of range of its names is an
// error (the stream and the scenario disagree); after an error, every call
// returns it.
func (m *MicrodataWriter) Write(rows []sim.ChildYear) error {
	if m.err != nil {
		return m.err
	}
	if m.closed {
		return errors.New("microdata: write after close")
	}
	m.buf = m.buf[:0]
	for i := range rows {
		r, err := m.row(&rows[i])
		if err != nil {
			m.err = err
			return err
		}
		m.buf = append(m.buf, r)
	}
	if _, err := m.pw.Write(m.buf); err != nil {
		m.err = fmt.Errorf("microdata: %w", err)
		return m.err
	}
	m.rows += int64(len(rows))
	return nil
}

// row turns one child-year into a row of the file.
func (m *MicrodataWriter) row(c *sim.ChildYear) (microRow, error) {
	region, err := name("region", m.regions, int(c.Region))
	if err != nil {
		return microRow{}, err
	}
	city, err := name("city", m.cities, int(c.City))
	if err != nil {
		return microRow{}, err
	}
	away, err := name("parents_away", parentsAwayNames[:], int(c.ParentsAway))
	if err != nil {
		return microRow{}, err
	}
	place, err := name("place", sim.PlaceNames[:], int(c.Place))
	if err != nil {
		return microRow{}, err
	}
	school, err := name("school", sim.SchoolNames[:], int(c.School))
	if err != nil {
		return microRow{}, err
	}
	return microRow{
		Replicate:   int32(c.Replicate),
		Year:        int16(c.Year),
		Household:   int64(c.Household),
		Slot:        int8(c.Slot),
		Age:         c.Age,
		Girl:        c.Girl,
		Region:      region,
		City:        city,
		ParentsAway: away,
		Place:       place,
		School:      school,
		LeftBehind:  c.LeftBehind,
		Converted:   c.Converted,
		Depressed:   c.Depressed,
		Ideation:    c.Ideation,
		H:           c.H,
		YearsLBOne:  int16(c.YearsLBOne),
		YearsLBBoth: int16(c.YearsLBBoth),
		Switches:    int16(c.Switches),
		Academic:    c.Academic,
		Vocational:  c.Vocational,
		Dropout:     c.Dropout,
		ProbLeft:    c.ProbLeft,
	}, nil
}

// name is names[i], or an error naming the column.
func name(column string, names []string, i int) (string, error) {
	if i < 0 || i >= len(names) {
		return "", fmt.Errorf("microdata: %s %d is out of range (%d known)", column, i, len(names))
	}
	return names[i], nil
}

// Rows is the number of rows written so far.
func (m *MicrodataWriter) Rows() int64 { return m.rows }

// Close flushes the last row group and writes the file's footer. It does
// not close the underlying writer.
func (m *MicrodataWriter) Close() error {
	if m.err != nil || m.closed {
		return m.err
	}
	m.closed = true
	if err := m.pw.Close(); err != nil {
		m.err = fmt.Errorf("microdata: %w", err)
	}
	m.buf = nil
	return m.err
}
