package sim

import (
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// FieldError is one problem with one field, named by its dotted path
// (list elements by name, as in scenario files: cities.megacity.tier).
type FieldError struct {
	Path string
	Msg  string
}

func (e FieldError) Error() string { return e.Path + ": " + e.Msg }

var nameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// Validate checks every field: the ranges in the struct tags, then the rules
// that tie fields together (shares summing to 1, names that exist, ...).
// It returns every problem found, in a fixed order.
func (p *Params) Validate() []FieldError {
	var errs []FieldError
	add := func(path, format string, a ...any) {
		errs = append(errs, FieldError{Path: path, Msg: fmt.Sprintf(format, a...)})
	}
	checkRanges(reflect.ValueOf(p).Elem(), "", add)

	if p.Time.StartYear+p.Time.Years > 2400 {
		add("time.years", "start_year + years must end before 2400")
	}
	lengthIs := func(path string, xs []float64, n int) {
		if len(xs) != n {
			add(path, "needs exactly %d values, got %d", n, len(xs))
		}
	}
	lengthAtLeast := func(path string, xs []float64, n int) {
		if len(xs) < n {
			add(path, "needs at least %d value(s), got %d", n, len(xs))
		}
	}
	lengthIs("human_capital.gain_by_stage", p.HumanCapital.GainByStage, 4)
	lengthIs("mental_health.relative_risk", p.MentalHealth.RelativeRisk, 3)
	lengthIs("demography.family_size", p.Demography.FamilySize, MaxKids)
	lengthIs("demography.birth_hazard", p.Demography.BirthHazard, 6)
	lengthAtLeast("demography.srb_by_order", p.Demography.SRBByOrder, 1)
	if len(p.Demography.FamilySize) == MaxKids {
		sumIsOne("demography.family_size", p.Demography.FamilySize, add)
	}
	if p.Demography.EntryAgeMin > p.Demography.EntryAgeMax {
		add("demography.entry_mother_age_min", "must not exceed entry_mother_age_max (%g > %g)", p.Demography.EntryAgeMin, p.Demography.EntryAgeMax)
	}

	if len(p.Regions) == 0 {
		add("regions", "needs at least one region")
	}
	if len(p.Cities) == 0 {
		add("cities", "needs at least one city")
	}
	if len(p.Cities) > MaxCities {
		add("cities", "at most %d cities, got %d", MaxCities, len(p.Cities))
	}
	if len(p.Regions) > MaxRegions {
		add("regions", "at most %d regions, got %d", MaxRegions, len(p.Regions))
	}
	cityNames := map[string]bool{}
	for i, c := range p.Cities {
		path := listPath("cities", c.Name, i)
		checkName(path, c.Name, cityNames, add)
		lengthAtLeast(path+".housing_per_child_yuan_year", c.HousingPerChildYuanYear, 1)
	}
	regionNames := map[string]bool{}
	var weights []float64
	for i, r := range p.Regions {
		path := listPath("regions", r.Name, i)
		checkName(path, r.Name, regionNames, add)
		weights = append(weights, r.Weight)
		if len(r.Destinations) == 0 {
			add(path+".destinations", "needs at least one destination")
			continue
		}
		sumIsOne(path+".destinations", cityShares(path+".destinations", r.Destinations, cityNames, add), add)
		cityShares(path+".same_province", r.SameProvince, cityNames, add)
	}
	if len(p.Regions) > 0 {
		sumIsOne("regions (weight)", weights, add)
	}
	return errs
}

// cityShares checks a map of shares by city name (each key names a city,
// each value in [0, 1]) and returns the values in key order.
func cityShares(path string, m map[string]float64, cityNames map[string]bool, add func(string, string, ...any)) []float64 {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	shares := make([]float64, 0, len(keys))
	for _, k := range keys {
		v := m[k]
		if !cityNames[k] {
			add(path+"."+k, "names no city (cities are: %s)", strings.Join(sortedKeys(cityNames), ", "))
		}
		if !(v >= 0 && v <= 1) {
			add(path+"."+k, "must be in [0, 1], got %g", v)
		}
		shares = append(shares, v)
	}
	return shares
}

func listPath(list, name string, i int) string {
	if name == "" {
		return fmt.Sprintf("%s[%d]", list, i)
	}
	return list + "." + name
}

func checkName(path, name string, seen map[string]bool, add func(string, string, ...any)) {
	switch {
	case name == "":
		add(path+".name", "is required")
	case !nameRE.MatchString(name):
		add(path+".name", "%q must be lowercase letters, digits and '-'", name)
	case seen[name]:
		add(path+".name", "%q is used twice", name)
	}
	seen[name] = true
}

func sumIsOne(path string, xs []float64, add func(string, string, ...any)) {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	if math.Abs(s-1) > 1e-6 {
		add(path, "shares must sum to 1, they sum to %.6g", s)
	}
}

func sortedKeys(m map[string]bool) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// checkRanges walks v and checks every number against its `range` tag.
func checkRanges(v reflect.Value, path string, add func(string, string, ...any)) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := strings.Split(f.Tag.Get("yaml"), ",")[0]
		fp := name
		if path != "" {
			fp = path + "." + name
		}
		fv := v.Field(i)
		lo, hi, ok := parseRange(f.Tag.Get("range"))
		switch fv.Kind() {
		case reflect.Struct:
			checkRanges(fv, fp, add)
		case reflect.Slice:
			if fv.Type().Elem().Kind() == reflect.Struct {
				for j := 0; j < fv.Len(); j++ {
					el := fv.Index(j)
					checkRanges(el, listPath(fp, el.FieldByName("Name").String(), j), add)
				}
				continue
			}
			if ok {
				for j := 0; j < fv.Len(); j++ {
					checkValue(fmt.Sprintf("%s[%d]", fp, j), fv.Index(j).Float(), lo, hi, add)
				}
			}
		case reflect.Float64:
			if ok {
				checkValue(fp, fv.Float(), lo, hi, add)
			}
		case reflect.Int:
			if ok {
				checkValue(fp, float64(fv.Int()), lo, hi, add)
			}
		case reflect.String:
			if enum := f.Tag.Get("enum"); enum != "" && !slices.Contains(strings.Split(enum, ","), fv.String()) {
				add(fp, "must be one of %s, got %q", strings.ReplaceAll(enum, ",", ", "), fv.String())
			}
		}
	}
}

func checkValue(path string, x, lo, hi float64, add func(string, string, ...any)) {
	if math.IsNaN(x) || x < lo || x > hi {
		add(path, "must be in [%g, %g], got %g", lo, hi, x)
	}
}

func parseRange(tag string) (lo, hi float64, ok bool) {
	if tag == "" {
		return 0, 0, false
	}
	a, b, found := strings.Cut(tag, ",")
	if !found {
		panic("sim: bad range tag " + tag)
	}
	lo, err1 := strconv.ParseFloat(a, 64)
	hi, err2 := strconv.ParseFloat(b, 64)
	if err1 != nil || err2 != nil {
		panic("sim: bad range tag " + tag)
	}
	return lo, hi, true
}
