package sim

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

type memSink struct {
	rows     []ChildYear
	maxBatch int
	fail     error
}

func (s *memSink) Write(rows []ChildYear) error {
	s.rows = append(s.rows, rows...)
	s.maxBatch = max(s.maxBatch, len(rows))
	return s.fail
}

// With every household sampled, the stream holds one row per child and
// recorded year, and taking it changes no result.
func TestMicrodataFullSample(t *testing.T) {
	p := testParams()
	p.Population.Households = 3000 // several chunks (chunk size 256)
	run := func(sink MicroSink) ([][]Value, []float64) {
		m, err := New(p, nil, Config{Seed: 4, Workers: 2, Micro: sink, MicroFraction: 1})
		if err != nil {
			t.Fatal(err)
		}
		var ms [][]Value
		var kids []float64
		for range p.Time.BurnIn + p.Time.Years {
			if err := m.Step(context.Background()); err != nil {
				t.Fatal(err)
			}
			if m.Recording() {
				ms = append(ms, m.Metrics())
				kids = append(kids, m.cur.children)
			}
		}
		return ms, kids
	}
	sink := &memSink{}
	with, kids := run(sink)
	without, _ := run(nil)
	if fmt.Sprint(with) != fmt.Sprint(without) { // (NaN-safe)
		t.Fatal("taking microdata changed the metrics")
	}
	total := 0.0
	for _, k := range kids {
		total += k
	}
	if float64(len(sink.rows)) != total {
		t.Fatalf("%d rows, want one per child-year: %.0f", len(sink.rows), total)
	}
	if sink.maxBatch > chunkSize(4000)*MaxKids {
		t.Errorf("a batch of %d rows: more than one chunk's children", sink.maxBatch)
	}
	lb := 0
	for _, r := range sink.rows {
		if r.Year < int32(p.Time.StartYear) {
			t.Fatalf("a row from burn-in year %d", r.Year)
		}
		if r.LeftBehind != (r.Place == PlaceLeftBehind) {
			t.Fatalf("row %+v: left behind and place disagree", r)
		}
		lb += b2i(r.LeftBehind)
	}
	if lb == 0 {
		t.Error("no left-behind child in the stream")
	}
}

// A fraction samples about that share of households, the same ones every
// year, and a sink's error stops the step.
func TestMicrodataFractionAndError(t *testing.T) {
	p := testParams()
	sink := &memSink{}
	m, err := New(p, nil, Config{Seed: 4, Micro: sink, MicroFraction: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	for range p.Time.BurnIn + 1 {
		if err := m.Step(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	hh := map[uint64]bool{}
	for _, r := range sink.rows {
		hh[r.Household] = true
	}
	// 2,000 households at 10%: 200 expected, SD about 13.
	if n := len(hh); n < 150 || n > 250 {
		t.Errorf("%d households sampled of %d at 10%%", n, m.Households())
	}
	sink.rows = nil
	if err := m.Step(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, r := range sink.rows {
		if !hh[r.Household] && r.Age > 0 {
			t.Fatalf("household %d appears only in the second year", r.Household)
		}
	}
	sink.fail = errors.New("disk full")
	if err := m.Step(context.Background()); err == nil || !errors.Is(err, sink.fail) {
		t.Fatalf("Step = %v, want the sink's error", err)
	}
}
