package scenarios

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/hukousim/hukousim/sim"
)

// Scenario is a resolved scenario: extends expanded, defaults filled in,
// --set overrides applied to the base parameters.
type Scenario struct {
	Name        string
	Title       string
	Description string
	Params      sim.Params // in force from the first year until the first reform
	// Series are the parameters given as dated values, by path; Params
	// holds their values of the start year.
	Series  []Series
	Reforms []Reform // the parent's first, then the child's, each in file order
}

// Reform is a dated change of parameters, applied at the start of Year.
type Reform struct {
	Year int
	// OverYears spreads a change of a number over a linear ramp: in year
	// Year+i (i = 0 .. OverYears-1) the value is old + (new-old)*(i+1)/OverYears,
	// rounded for integers, where old is the value in force just before Year.
	// It is 1 (the whole change at once) unless the file says otherwise.
	// A later reform that sets the same field (or a block containing it)
	// ends the ramp.
	OverYears int
	Note      string
	Set       []Assignment // in file order
}

// Assignment sets the field at Path (a dotted path as in SCENARIO.md) to
// Value, written as a YAML flow value in canonical form ("0.9", "true",
// "[1, 2]", "{megacity: 0.5, town: 0.5}"). A mapping laid over a block sets
// only the keys it gives; a list or a map given whole replaces the old one.
type Assignment struct {
	Path  string
	Value string
}

// Load reads a scenario: ref is the name of an embedded scenario
// ("baseline") or the path of a file. It is taken as a path when it contains
// a path separator or ends in .yaml or .yml, or when no embedded scenario
// has that name. sets are --set overrides, "path=value" with value a YAML
// flow value; they apply to the base parameters, in order, so a reform that
// sets the same field still changes it in its year.
//
// Problems are returned as an ErrorList, all at once: every problem of
// structure in every file of the extends chain (syntax, unknown or repeated
// keys and names, values of the wrong type, malformed reforms), and every
// problem with the values (range and cross-field checks of sim's Validate,
// on the base parameters and on the parameters in force from each reform
// year, with the paths and values of --set and of the reforms), except
// those inside a block that holds a problem of structure, which would only
// be cascades of it.
func Load(ref string, sets []string) (*Scenario, error) {
	l := newLoader()
	f, err := refFromArg(ref)
	if err != nil {
		l.errs.add(&Error{File: ref, Msg: err.Error()})
		return nil, l.errs.result()
	}
	data, err := f.read()
	if err != nil {
		l.errs.add(&Error{File: f.name, Msg: err.Error()})
		return nil, l.errs.result()
	}
	return l.load(f, data, sets)
}

// LoadBytes reads a scenario from data, reported as filename, which also
// anchors a relative extends. An extends of an embedded scenario's name
// works as in Load.
func LoadBytes(filename string, data []byte, sets []string) (*Scenario, error) {
	if filename == "" {
		filename = "<input>"
	}
	return newLoader().load(fileRef{name: filename}, data, sets)
}

// Epochs returns the schedule of parameters: one element for each calendar
// year in which a reform (or a step of a ramp) changes something, in year
// order, each holding the whole parameter set in force from that year on.
// Before the first epoch's year, s.Params is in force. Every call returns
// fresh copies, which the caller may keep and modify.
//
// For a Scenario from Load the error is always nil: Load has already built
// and validated the same schedule.
func (s *Scenario) Epochs() ([]sim.Epoch, error) {
	l := newLoader()
	src := &source{file: "<" + s.Name + " reforms>"}
	root := l.node(src)
	rec := newRecorder(root)
	var plans []reformSrc
	for i, r := range s.Reforms {
		p := reformSrc{index: i, node: root, year: r.Year, over: r.OverYears, yearNode: root, overNode: root}
		switch {
		case p.over == 0:
			p.over = 1 // the zero value of a Reform built in Go
		case p.over < 1 || p.over > maxRampYears:
			l.errorAt(root, fmt.Sprintf("reforms[%d].over_years", i), "must be in [1, %d], got %d", maxRampYears, p.over)
			continue
		}
		for _, a := range r.Set {
			val := l.parse([]byte(a.Value), src)
			if val == nil {
				continue
			}
			p.sets = append(p.sets, setSrc{path: a.Path, key: root, value: val})
		}
		plans = append(plans, p)
	}
	base := s.Params
	broot := reflect.ValueOf(&base).Elem()
	for _, sr := range s.Series {
		t, problem := resolvePath(broot, sr.Path)
		switch {
		case problem != "":
			l.errorAt(root, sr.Path, "%s", problem)
			continue
		case !isNumeric(t.typ()) || len(sr.Points) == 0:
			l.errorAt(root, sr.Path, "a dated series needs a numeric field and at least one value")
			continue
		case !slices.IsSortedFunc(sr.Points, func(a, b SeriesPoint) int { return a.Year - b.Year }):
			l.errorAt(root, sr.Path, "the years of a dated series must increase")
			continue
		}
		src := &seriesSrc{Series: sr, typ: t.typ(), key: root}
		for range sr.Points {
			src.nodes = append(src.nodes, root)
		}
		l.series = append(l.series, src)
	}
	epochs, _ := l.schedule(&base, plans, l.seriesSteps(&base), rec)
	if err := l.errs.result(); err != nil {
		return nil, err
	}
	return epochs, nil
}

// SHA256 is the hex SHA-256 of the resolved form (YAML), which identifies
// the scenario a run used. It is "" if the scenario cannot be written.
func (s *Scenario) SHA256() string {
	b, err := s.YAML()
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// FigureYear is the year a run's single-year figures show by default: the
// first recorded year, or the last when a reform comes after the first
// (so that the figures show the reform).
func (s *Scenario) FigureYear() int {
	t := s.Params.Time
	for _, r := range s.Reforms {
		if r.Year > t.StartYear {
			return t.StartYear + t.Years - 1
		}
	}
	return t.StartYear
}

// CheckFigureYear is y if it is a recorded year, or FigureYear for 0.
func (s *Scenario) CheckFigureYear(y int) (int, error) {
	t := s.Params.Time
	switch {
	case y == 0:
		return s.FigureYear(), nil
	case y < t.StartYear || y >= t.StartYear+t.Years:
		return 0, fmt.Errorf("must be a recorded year, %d to %d, got %d", t.StartYear, t.StartYear+t.Years-1, y)
	}
	return y, nil
}

// Shorthand is a command-line flag that stands for a --set of one field,
// such as --households N for population.households=N.
type Shorthand struct {
	Flag, Path string
	Value      int // 0: the flag was not given
}

// LoadShorthand is Load with shorthand flags after sets: each given one
// becomes a --set (so that the resolved scenario records it), a problem
// with its value is reported against the flag as typed, and a flag and a
// --set of the same field are refused as a conflict.
func LoadShorthand(ref string, sets []string, flags ...Shorthand) (*Scenario, error) {
	all := append([]string(nil), sets...)
	flagOf := map[string]string{} // the --set made from a flag → the flag as typed
	for _, f := range flags {
		if f.Value == 0 {
			continue
		}
		for _, s := range sets {
			if p, _, _ := strings.Cut(s, "="); strings.TrimSpace(p) == f.Path {
				return nil, fmt.Errorf("%s and --set %s both set %s; give one", f.Flag, f.Path, f.Path)
			}
		}
		set := f.Path + "=" + strconv.Itoa(f.Value)
		all, flagOf[set] = append(all, set), f.Flag+" "+strconv.Itoa(f.Value)
	}
	sc, err := Load(ref, all)
	var el ErrorList
	if errors.As(err, &el) {
		for _, e := range el {
			e.Flag = flagOf[e.Set]
		}
	}
	return sc, err
}
