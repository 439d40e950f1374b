package sim

import "unsafe"

// Tiers of destination cities, 1 to 5.
const nTiers = 5

// Places of a child, for the "where are the children" metric.
const (
	placeVillageBoth = iota // in the village with both parents
	placeLeftBehind         // in the village, one or both parents away
	placeCityPublic         // non-hukou, city public school
	placeCityPrivate        // non-hukou, city private (migrant) school
	placeCityOut            // non-hukou, in the city and not in school (preschool age included)
	placeUrbanHukou         // converted to the city's hukou
	nPlaces
)

// Mental-health groups (children from mental_health.start_age_years).
const (
	mhNonLBC  = iota // in the village with both parents
	mhLBCOne         // left behind, one parent away
	mhLBCBoth        // left behind, both away
	mhCity           // non-hukou, with parent(s) in the city
	nMH
)

// Remittance groups by who is left behind.
const (
	remNone      = iota // migrant household with no child left behind
	remDaughters        // only daughters left behind
	remSons             // only sons left behind
	remMixed            // both
	nRem
)

// tally holds one chunk's (or the year's) sums. It holds only float64 values,
// so that add can sum two of them as flat arrays, and sums are always
// reduced in chunk order so that the totals do not depend on the number of
// workers.
type tally struct {
	households, migratingHH, migrantAdults, conversions float64
	children, births, exits, freeSlots                  float64
	lbc, migrantChildren, urbanChildren                 float64
	lbcType                                             [4]float64 // father, mother, both (caregiver), alone
	bySexAge                                            [2][18][2]float64
	// Children of migrant parents by sex × age × destination tier:
	// [n, left behind], expected from choice probabilities and realised.
	migProb, migReal [2][18][nTiers][2]float64
	// The same for ages 12-14 by sex × siblings in the household (none,
	// at least one brother, sisters only) × tier, from choice probabilities.
	sibProb       [2][nSibs][nTiers][2]float64
	restrictProb  [2][2]float64 // sex × [n, lb] at restrictive cities
	restrictReal  [2][2]float64
	remit         [nRem][2]float64 // [sum, n]
	mh            [nMH][3]float64  // [n, depressed, ideation]
	hSum          [2][2][2]float64 // sex × left behind × [sum, n], ages 6-17
	hGap          [2][2]float64    // [both away, village both parents] × [sum, n], ages 6-14
	places        [2][nPlaces]float64
	migPublic     [2]float64          // non-hukou city pupils 6-14: [public, all]
	zhongkao      [3][2]float64       // pupils at the zhongkao by where3 × [n, academic]
	hAge          [18][2]float64      // children by age, end of year: [Σ h, n]
	regInc        [MaxRegions]float64 // Σ income of migrant households by region, thousand yuan
	demand        [MaxCities][3]float64
	stock         [MaxCities]float64
	regHH, regMig [MaxRegions]float64
	spend         [2]float64 // [sum, n] of schooling spending per pupil
	// Outcomes of those finishing at 17: sex × ever left behind ×
	// [n, academic high school, college, h, years with one parent away,
	// years with both away].
	cohort [2][2][6]float64
	// The same by sex × left behind at 12: [n, high school, college].
	cohort12 [2][2][3]float64
	// Dropout of enrolled pupils: sex × [12-14, 15] × [village with both
	// parents, left behind, in the city] × [n at risk, left school], and
	// among children of migrant parents by [12-14, 15] × destination tier.
	dropout     [2][2][3][2]float64
	dropoutTier [2][nTiers][2]float64
	remitTotal  float64
	wageTotal   [2]float64 // [sum, n] over migrant adults
	// A cache line of nothing: the chunks' sums lie side by side and two
	// workers fill neighbouring chunks, so without it the last fields of
	// one and the first of the next could share a line, which the two
	// processors would pass back and forth (false sharing).
	pad [8]float64
}

const accLen = unsafe.Sizeof(tally{}) / 8

// accSums is the number of sums in a tally, the padding left out.
const accSums = unsafe.Offsetof(tally{}.pad) / 8

func (a *tally) flat() *[accLen]float64 { return (*[accLen]float64)(unsafe.Pointer(a)) }

func (a *tally) add(b *tally) {
	x, y := a.flat(), b.flat()
	for i := range x {
		x[i] += y[i]
	}
}
