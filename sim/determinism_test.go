package sim

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"testing"
)

// run steps a fresh model of p through its burn-in and recorded years and
// returns the metrics of every year (burn-in included), and the model.
func run(t testing.TB, p *Params, epochs []Epoch, cfg Config) ([][]Value, *Model) {
	t.Helper()
	m, err := New(p, epochs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]Value
	for range p.Time.BurnIn + p.Time.Years {
		if err := m.Step(context.Background()); err != nil {
			t.Fatal(err)
		}
		out = append(out, m.Metrics())
	}
	return out, m
}

// sameValue is exact equality, with NaN equal to NaN (a metric with an
// empty denominator is NaN in every run).
func sameValue(a, b float64) bool {
	return a == b || (math.IsNaN(a) && math.IsNaN(b))
}

// diffYear returns the first difference between two years' metrics, or "".
func diffYear(a, b []Value) string {
	if len(a) != len(b) {
		return fmt.Sprintf("%d metrics vs %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Name != b[i].Name || a[i].Group != b[i].Group {
			return fmt.Sprintf("metric %d is %s{%s} vs %s{%s}", i, a[i].Name, a[i].Group, b[i].Name, b[i].Group)
		}
		if !sameValue(a[i].Value, b[i].Value) {
			return fmt.Sprintf("%s{%s} = %v vs %v", a[i].Name, a[i].Group, a[i].Value, b[i].Value)
		}
	}
	return ""
}

// TestWorkersDeterminism: 1, 2 and 8 workers give identical metrics every
// year and identical households at the end (STYLE.md rule 10: the decision
// loop runs on any number of workers; sums are reduced in chunk order).
// testParams has 2000 households: 8 chunks of 256 slots, so 2 and 8 workers
// really split the work.
func TestWorkersDeterminism(t *testing.T) {
	if n := chunkSize(testParams().Population.Households); n >= testParams().Population.Households {
		t.Fatalf("one chunk (%d slots): the test would not exercise parallel work", n)
	}
	ref, mref := run(t, testParams(), nil, Config{Seed: 42, Workers: 1})
	for _, w := range []int{2, 8} {
		got, m := run(t, testParams(), nil, Config{Seed: 42, Workers: w})
		for y := range ref {
			if d := diffYear(ref[y], got[y]); d != "" {
				t.Errorf("workers %d, year %d: %s", w, mref.year0+y, d)
				break
			}
		}
		if !reflect.DeepEqual(mref.hh, m.hh) {
			t.Errorf("workers %d: the households at the end differ from 1 worker's", w)
		}
	}
}

// TestSameSeedSameRun: two fresh models of one seed and replicate agree
// exactly; another replicate (or seed) does not.
func TestSameSeedSameRun(t *testing.T) {
	a, _ := run(t, testParams(), nil, Config{Seed: 7, Replicate: 3, Workers: 2})
	b, _ := run(t, testParams(), nil, Config{Seed: 7, Replicate: 3, Workers: 2})
	for y := range a {
		if d := diffYear(a[y], b[y]); d != "" {
			t.Fatalf("year %d: %s", y, d)
		}
	}
	for _, cfg := range []Config{{Seed: 7, Replicate: 4, Workers: 2}, {Seed: 8, Replicate: 3, Workers: 2}} {
		c, _ := run(t, testParams(), nil, cfg)
		differs := 0
		for y := range a {
			if diffYear(a[y], c[y]) != "" {
				differs++
			}
		}
		// Every year's draws differ, so every year's metrics should.
		if differs != len(a) {
			t.Errorf("%+v: metrics differ from seed 7 replicate 3 in %d of %d years, want all", cfg, differs, len(a))
		}
	}
}

// TestCommonRandomNumbers: a reform dated 2022 that opens the megacity's
// public middle schools (admission 0.20 → 0.90) leaves every year before
// 2022 exactly as without it, and changes behaviour, not just the reported
// admission, from 2022 on.
func TestCommonRandomNumbers(t *testing.T) {
	base := testParams()
	reform := testParams()
	if reform.Cities[0].Name != "mega" {
		t.Fatalf("city 0 is %q, want mega", reform.Cities[0].Name)
	}
	reform.Cities[0].School.Middle.Admission = 0.90
	const reformYear = 2022
	cfg := Config{Seed: 11, Workers: 2}
	without, m := run(t, base, nil, cfg)
	with, _ := run(t, testParams(), []Epoch{{Year: reformYear, Params: reform}}, cfg)
	for y := range without {
		year := m.year0 + y
		if year < reformYear {
			if d := diffYear(without[y], with[y]); d != "" {
				t.Errorf("%d (before the reform): %s", year, d)
			}
			continue
		}
		changed := []string{}
		for i, v := range without[y] {
			if v.Name != "admission" && !sameValue(v.Value, with[y][i].Value) {
				changed = append(changed, v.Name)
			}
		}
		if len(changed) == 0 {
			t.Errorf("%d (reform in force): no metric besides admission changed", year)
		}
		// The reform's own lever is reported.
		for i, v := range with[y] {
			if v.Name == "admission" && v.Group == "city=mega;stage=middle" && !(v.Value > without[y][i].Value) {
				t.Errorf("%d: mega middle admission %v with the reform, %v without", year, v.Value, without[y][i].Value)
			}
		}
	}
}

// TestStepAllocations: after a warm-up, a step allocates a small number of
// times that does not grow with the number of households (STYLE.md rule
// 9: hot loops allocate nothing per household per year).
func TestStepAllocations(t *testing.T) {
	if testing.Short() {
		t.Skip("steps 20 000 households")
	}
	allocs := map[int]float64{}
	for _, n := range []int{2000, 20_000} {
		p := testParams()
		p.Population.Households = n
		p.Time.BurnIn, p.Time.Years = 5, 50
		m, err := New(p, nil, Config{Seed: 1, Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		for range 6 {
			if err := m.Step(ctx); err != nil {
				t.Fatal(err)
			}
		}
		allocs[n] = testing.AllocsPerRun(5, func() {
			if err := m.Step(ctx); err != nil {
				t.Fatal(err)
			}
		})
	}
	t.Logf("allocations per step: %v", allocs)
	const limit = 32 // goroutines and closures of a few parallel passes
	for n, a := range allocs {
		if a > limit {
			t.Errorf("%d households: %v allocations per step, want at most %d", n, a, limit)
		}
	}
	// A slack of 2 for the runtime's own occasional allocations; one
	// allocation per household would add 18 000.
	if allocs[20_000] > allocs[2000]+2 {
		t.Errorf("allocations grow with households: %v at 2000, %v at 20 000", allocs[2000], allocs[20_000])
	}
}

// TestAccIsFlatFloat64: tally.add sums two tallies as flat float64
// arrays (tally.go), which is right only while every field is a float64 (or
// an array of them): an int or a pointer added later would be summed as
// garbage bits.
func TestAccIsFlatFloat64(t *testing.T) {
	var leaf func(path string, ty reflect.Type)
	leaf = func(path string, ty reflect.Type) {
		switch ty.Kind() {
		case reflect.Float64:
		case reflect.Array:
			leaf(path+"[]", ty.Elem())
		case reflect.Struct:
			for i := range ty.NumField() {
				leaf(path+"."+ty.Field(i).Name, ty.Field(i).Type)
			}
		default:
			t.Errorf("tally%s is %s, not float64", path, ty)
		}
	}
	leaf("", reflect.TypeFor[tally]())
	if got := reflect.TypeFor[tally]().Size(); got != accLen*8 {
		t.Errorf("tally is %d bytes, want accLen·8 = %d", got, accLen*8)
	}
	var a, b tally
	a.lbc, a.cohort[1][1][4], a.wageTotal[1] = 1, 2, 3
	b.lbc, b.cohort[1][1][4], b.stock[MaxCities-1] = 10, 20, 30
	a.add(&b)
	if a.lbc != 11 || a.cohort[1][1][4] != 22 || a.wageTotal[1] != 3 || a.stock[MaxCities-1] != 30 {
		t.Errorf("add: lbc %v cohort %v wage n %v stock %v; want 11, 22, 3, 30", a.lbc, a.cohort[1][1][4], a.wageTotal[1], a.stock[MaxCities-1])
	}
}

// TestHouseholdFitsEstimate: the memory estimate's bytes per household slot
// cover the household struct (children included).
func TestHouseholdFitsEstimate(t *testing.T) {
	if got := reflect.TypeFor[household]().Size(); got > BytesPerHousehold {
		t.Errorf("household is %d bytes, BytesPerHousehold says %d", got, BytesPerHousehold)
	}
}
