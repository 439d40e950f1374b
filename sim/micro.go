package sim

import (
	"math"

	"github.com/hukousim/hukousim/sim/rng"
)

// ChildYear is one child in one year: a row of the opt-in microdata stream
// (see Config.Micro). Households are sampled by a hash of their id, so a
// sampled household's children are followed every year they are in the
// model: the stream is a panel.
type ChildYear struct {
	Replicate uint32
	Year      int32
	Household uint64 // household id (stable over the years)
	Slot      uint8  // child slot within the household, 0-3
	Age       int8
	Girl      bool
	Region    uint8 // index into Params.Regions
	City      int8  // destination in view this year (index into Params.Cities)
	// ParentsAway: 0 none, 1 father, 2 mother, 3 both (the realised choice).
	ParentsAway uint8
	Place       uint8 // one of the Place* constants
	School      uint8 // one of the School* constants
	LeftBehind  bool
	Converted   bool // the family holds the city's urban hukou
	Depressed   bool
	Ideation    bool
	H           float32 // human capital, SD of the start cohort
	YearsLBOne  uint8   // years left behind with one parent away, so far
	YearsLBBoth uint8   // years left behind with both parents away, so far
	Switches    uint8   // school switches so far
	Academic    bool    // academic high-school track (from 15)
	Vocational  bool    // vocational school or work (from 15)
	Dropout     bool    // left school at 12-15
	// ProbLeft is the chance, under this year's choice probabilities, that
	// the child's parents migrate and leave it behind.
	ProbLeft float32
}

// Places of a child in ChildYear.Place.
const (
	PlaceVillageBoth = placeVillageBoth // in the village with both parents
	PlaceLeftBehind  = placeLeftBehind  // in the village, one or both parents away
	PlaceCityPublic  = placeCityPublic  // non-hukou, city public school
	PlaceCityPrivate = placeCityPrivate // non-hukou, city private (migrant) school
	PlaceCityOut     = placeCityOut     // non-hukou, in the city and not in school
	PlaceUrbanHukou  = placeUrbanHukou  // converted to the city's hukou
)

// PlaceNames are the names of the Place* values, by value.
var PlaceNames = [nPlaces]string{"village_both_parents", "left_behind", "city_public", "city_private", "city_not_in_school", "urban_hukou"}

// Schools in ChildYear.School.
const (
	SchoolPreschool   = schPreschool
	SchoolRural       = schRural
	SchoolCityPublic  = schCityPublic
	SchoolCityPrivate = schCityPrivate
	SchoolVocational  = schVocational // vocational school or work, from 15
	SchoolOut         = schOut        // in the city, not in school
	SchoolNone        = schNone       // in the village, left school
)

// SchoolNames are the names of the School* values, by value.
var SchoolNames = [...]string{"preschool", "rural", "city_public", "city_private", "vocational_or_work", "city_not_in_school", "village_not_in_school"}

// MicroSink receives the sampled child-years. Step calls Write from one
// goroutine, in slot order, a batch at a time; the batch's memory is reused
// after Write returns. Memory stays bounded whatever the run's size: at
// most a few chunks of households are buffered at once.
type MicroSink interface {
	Write(rows []ChildYear) error
}

// fractionCut turns a sampling fraction into a threshold on 64-bit hashes.
func fractionCut(f float64) uint64 {
	switch {
	case f <= 0:
		return 0
	case f >= 1:
		return math.MaxUint64
	}
	return uint64(float64(f*(1<<63)) * 2)
}

// sampled reports whether the household is in the microdata sample: its
// own keyed hash, so the same households are followed every year.
func (m *Model) sampled(hh *household) bool {
	r := m.rb.Key(hh.id, 0).Stream(rng.Micro)
	return r.Uint64() < m.microCut
}

// microRows appends one row per child of the household, after the year.
func (m *Model) microRows(hh *household, ch *choice, converted bool, rows *[]ChildYear) {
	for s := range hh.kids {
		kd := &hh.kids[s]
		if kd.age < 0 {
			continue
		}
		inCity := ch.S&(1<<s) != 0
		left := !inCity && ch.P != pNone && !converted
		place := uint8(placeOf(kd, left, inCity, converted))
		*rows = append(*rows, ChildYear{
			Replicate:   uint32(m.rep),
			Year:        int32(m.year),
			Household:   hh.id,
			Slot:        uint8(s),
			Age:         kd.age,
			Girl:        kd.sex == 1,
			Region:      hh.region,
			City:        int8(ch.dest),
			ParentsAway: uint8(ch.P),
			Place:       place,
			School:      kd.school,
			LeftBehind:  left,
			Converted:   converted,
			Depressed:   kd.flags&kDepressed != 0,
			Ideation:    kd.flags&kIdeation != 0,
			H:           kd.h,
			YearsLBOne:  kd.lbOne,
			YearsLBBoth: kd.lbBoth,
			Switches:    kd.switches,
			Academic:    kd.flags&kAcademic != 0,
			Vocational:  kd.flags&kVocational != 0,
			Dropout:     kd.flags&kDropout != 0,
			ProbLeft:    float32(ch.pLeft[s]),
		})
	}
}
