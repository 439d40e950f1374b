package scenarios_test

import (
	"fmt"

	"github.com/hukousim/hukousim/scenarios"
)

// A scenario that extends another, ramps a reform over two years and is
// shortened from the command line; Epochs gives the engine its schedule.
func ExampleLoadBytes() {
	s, err := scenarios.LoadBytes("testdata/example.yaml", []byte(`
name: example
title: Example
extends: parent.yaml   # testdata/parent.yaml: admission 0.2, raised to 0.5 in 2022
reforms:
  - year: 2025
    over_years: 2
    note: open middle schools in the megacity
    set:
      cities.megacity.school.middle.admission: 0.9
`), []string{"time.years=12"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Name, s.Params.Time.Years, len(s.Reforms))
	epochs, err := s.Epochs()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range epochs {
		fmt.Printf("from %d: admission %.2f\n", e.Year, e.Params.Cities[0].School.Middle.Admission)
	}
	// Output:
	// example 12 2
	// from 2022: admission 0.50
	// from 2025: admission 0.70
	// from 2026: admission 0.90
}

// Every problem comes at once, each with its place and the field's path.
func ExampleLoadBytes_errors() {
	_, err := scenarios.LoadBytes("x.yaml", []byte(`name: x
title: X
extends: baseline
populaton: {households: 100}
cities:
  - name: megacity
    tier: first
`), nil)
	fmt.Println(err)
	// Output:
	// x.yaml:4:1: unknown key "populaton" (did you mean "population"?)
	// x.yaml:7:11: cities.megacity.tier: expected an integer, got string "first"
}
