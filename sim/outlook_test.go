package sim

import (
	"context"
	"math"
	"testing"
)

// outlookModel is testParams run for a few years, with its look-ahead
// tables built for the next year.
func outlookModel(t *testing.T, edit func(*Params)) *Model {
	t.Helper()
	p := testParams()
	p.Population.Households = 3000
	if edit != nil {
		edit(p)
	}
	m, err := New(p, nil, Config{Seed: 5, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	for range 6 {
		if err := m.Step(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	m.buildOutlook()
	return m
}

// bothAway is lookAhead's value with both parents away, for a household of
// region 0 from another province whose child is not on the academic track.
func bothAway(o *outlook, d int, kd *kid, xueji int, cont bool, years int) float64 {
	_, both := o.lookAhead(0, d, false, kd, xueji, false, cont, years)
	return both
}

// TestOutlook checks the look-ahead table of docs/ODD.md II.ii: where the
// exam rules bar a city pupil from the academic track, a year in the city
// at 14 is worth less than a year in the village by the discounted value
// of the home zhongkao; the same rule reaches younger ages, less and less;
// and the slope in test score is the table's own derivative.
func TestOutlook(t *testing.T) {
	const mega, capital, county = 0, 1, 2
	m := outlookModel(t, nil)
	o := &m.out
	kid14 := kid{age: 14, h: float32(o.hStart[14])}
	// Megacity (hukou rules): at 14, the city leads to the vocational
	// track whatever the years.
	for _, years := range []int{1, 5, 30} {
		one, both := o.lookAhead(0, mega, false, &kid14, 0, false, true, years)
		if one >= -0.1 || both >= -0.1 {
			t.Errorf("megacity, 14, %d parent years: city − village = %.4f (one away), %.4f (both); want clearly negative", years, one, both)
		}
	}
	// Provincial capital (3 years of 学籍 and 3 parent years): eligible
	// with both, barred with 2 years of 学籍.
	// A pupil with 2 years of 学籍:
	ok := bothAway(o, capital, &kid14, 2, true, 3)     // 3 years of 学籍 after this one
	short := bothAway(o, capital, &kid14, 2, false, 3) // a new school: 1 year
	if !(ok > short+0.1) {
		t.Errorf("capital, 14: eligible %.4f, not eligible %.4f; want the eligible path clearly better", ok, short)
	}
	// The hukou rule reaches down, fading with the years to the exam.
	prev := math.Inf(1)
	for _, age := range []int{13, 11, 8} {
		kd := kid{age: int8(age), h: float32(o.hStart[age])}
		open := bothAway(o, county, &kd, 0, true, 3)
		barred := bothAway(o, mega, &kd, 0, true, 3)
		// The cities differ in more than their rules; compare each
		// against the same city with open rules.
		mo := outlookModel(t, func(p *Params) {
			p.Cities[mega].Exams = Exams{Zhongkao: ExamRule{Rule: "open"}, Gaokao: ExamRule{Rule: "open"}}
		})
		openMega := bothAway(&mo.out, mega, &kd, 0, true, 3)
		gap := openMega - barred
		t.Logf("age %d: megacity hukou %.4f, open %.4f (county open %.4f)", age, barred, openMega, open)
		if !(gap > 0) || gap >= prev {
			t.Errorf("age %d: the hukou rule's cost %.4f; want positive and below the older age's %.4f", age, gap, prev)
		}
		prev = gap
	}
	// Slope: dev moves h at both exams; a shift of h̄ by ε is a shift of
	// the zhongkao intercept by −a1·ε and of the gaokao cutoff by −ε.
	const eps = 1e-4
	kd := kid{age: 10, h: float32(o.hStart[10])}
	shifted := func(e float64) float64 {
		ms := outlookModel(t, func(p *Params) {
			p.Transitions.HighSchoolA0 += p.Transitions.HighSchoolA1 * e
			p.Transitions.GaokaoCutoff -= e
		})
		return bothAway(&ms.out, capital, &kd, 0, true, 3)
	}
	num := (shifted(eps) - shifted(-eps)) / (2 * eps)
	kd.h += 1 // dev = 1: the value moves by the slope
	slope := bothAway(o, capital, &kd, 0, true, 3) - bothAway(o, capital, &kid{age: 10, h: float32(o.hStart[10])}, 0, true, 3)
	if !near(slope, num, 1e-3*math.Max(1, math.Abs(num))) {
		t.Errorf("slope %.6f, finite difference %.6f", slope, num)
	}
}
