package sim

import (
	"math"

	"github.com/hukousim/hukousim/sim/rng"
)

// kid is one child slot of a household (age < 0: empty).
type kid struct {
	h float32 // human capital, SD of the start cohort (school stock included)
	// e is the school-effect stock, SD: what this and earlier schools add
	// to h, fading by school_persistence a year (docs/ODD.md III.iv).
	e        float32
	age      int8
	sex      uint8 // 0 boy, 1 girl
	flags    uint8
	school   uint8
	lbOne    uint8 // years left behind with one parent away
	lbBoth   uint8 // years left behind with both away
	switches uint8
	// couns is the counselling exposure in 1/255 steps: this year's
	// coverage, or last year's exposure faded, whichever is larger.
	couns uint8
}

// Child flags.
const (
	kDepressed  = 1 << iota
	kIdeation   // in the current year
	kCity       // lives in the city with its parent(s)
	kLBAt12     // was left behind in the year it was 12
	kAcademic   // academic high-school track (from 15)
	kVocational // vocational school or work (from 15)
	kPublicSeat // holds a city public seat in its current stage
	kDropout    // left school (at 12-15); for good
)

// Schools.
const (
	schPreschool = iota
	schRural
	schCityPublic
	schCityPrivate
	schVocational
	schOut  // in the city, not in school
	schNone // in the village, not in school (left school)
)

// household is one rural household; the compact struct keeps what one
// household-year touches within two cache lines.
type household struct {
	id         uint64
	theta      float32 // son preference as drawn (before the policy scale)
	etaF, etaM float32
	income     float32 // last year's, thousand yuan
	remit      float32
	region     uint8
	dest       int8 // -1 none
	yearsAway  uint8
	ageF, ageM uint8
	schoolF    uint8
	schoolM    uint8
	careAge    uint8
	flags      uint8
	kidsToCome uint8
	births     uint8
	lastP      uint8
	lastS      uint8 // mask of child slots along
	// prov is a uniform in 1/256 steps: the household's migrants are from
	// the destination's own province if (prov + ½)/256 is below the
	// region's same_province share for that city.
	prov uint8
	// Per child slot, 4 bits each (slot s at bits 4s..4s+3): the child's
	// consecutive years of school registration (学籍) in the city it is at
	// school in, 0 in the village, counted up to 15 (docs/ODD.md III.iv,
	// Exam rules). Kept here, in the header's spare bytes, so that a
	// household stays within 112 bytes.
	xuejiBits uint16
	// Per child slot, bit s: an academic-track pupil will sit the gaokao
	// in the city (else at home); it must be at school there every
	// high-school year.
	examBits uint8
	kids     [MaxKids]kid
}

// Household flags.
const (
	hActive   = 1 << iota
	hEntering // a slot taken by an entrant, to be drawn in the parallel pass
	hCare
	hConverted
)

// Parents away: P.
const (
	pNone = iota
	pFather
	pMother
	pBoth
)

var awayCount = [4]int{0, 1, 1, 2}

func (hh *household) occupied() (mask uint8, n int) {
	for c := range hh.kids {
		if hh.kids[c].age >= 0 {
			mask |= 1 << c
			n++
		}
	}
	return
}

// initHousehold draws a household of the initial population near the
// steady state of entry (docs/ODD.md III.ii): a household of n children
// that entered τ years ago, τ uniform over the years it holds a child
// (from its first birth to its youngest's 18th), and n drawn with
// family_size weighted by those years, since in a steady state each year
// of each household's life is equally common. Its children are spaced as
// entering households' are; those over 17 have grown up, those not yet
// born are still to come. (A household with its eldest uniform on 0-17,
// as before, holds too many young children: their cohort echoed through
// entry every 18 years without fading, a swing of ±1.5 points in the
// share left behind.)
func (m *Model) initHousehold(hh *household, id uint64) {
	d := &m.c.p.Demography
	r := m.rb.Key(id, m.year0).Stream(rng.Init)
	m.newParents(hh, id, &r)
	var cum [MaxKids]float64
	total := 0.0
	for i, f := range d.FamilySize {
		total += float64(f * float64(18+float64(float64(i)*d.BirthSpacingYears)))
		cum[i] = total
	}
	n := 1 + pick(cum[:len(d.FamilySize)], r.Float64())
	var spacing [MaxKids]int // years between birth j−1 and j
	span := 18
	for j := 1; j < n; j++ {
		spacing[j] = int(math.Max(1, math.Round(d.BirthSpacingYears+float64(2*r.Float64())-1)))
		span += spacing[j]
	}
	tau := int(r.Float64() * float64(span)) // years since the first birth
	ageAtFirst := d.EntryAgeMin + float64(r.Float64()*(d.EntryAgeMax-d.EntryAgeMin))
	hh.ageM = uint8(math.Round(ageAtFirst)) + uint8(tau)
	hh.ageF = uint8(math.Max(16, float64(hh.ageM)+d.FatherAgeGapYears))
	hh.careAge = uint8(math.Round(float64(hh.ageM) + d.CaregiverOffsetYears))
	age := tau
	slot := 0
	for j := 0; j < n; j++ {
		age -= spacing[j]
		switch {
		case age < 0:
			hh.kidsToCome = uint8(n - j)
		case age >= 18:
			hh.births++ // grown up and gone
			continue
		default:
			m.newKid(hh, slot, age, &r)
			slot++
			hh.births++
			continue
		}
		break
	}
	if float64(hh.ageM) > d.MaxMotherAgeYears {
		hh.kidsToCome = 0
	}
}

// newParents draws what an initial or entering household shares: region,
// schooling, wage ability, caregiver and son preference.
func (m *Model) newParents(hh *household, id uint64, r *rng.Stream) {
	c := m.c
	p := c.p
	*hh = household{id: id, dest: -1, flags: hActive}
	for i := range hh.kids {
		hh.kids[i].age = -1
	}
	hh.region = uint8(pick(c.regionCum, r.Float64()))
	reg := &c.regions[hh.region]
	school := func() uint8 {
		s := p.Demography.SchoolingMeanYears + float64(p.Demography.SchoolingSDYears*r.Norm())
		return uint8(math.Round(math.Min(16, math.Max(0, s))))
	}
	hh.schoolF, hh.schoolM = school(), school()
	hh.etaF = float32(p.Wages.AbilitySD * r.Norm())
	hh.etaM = float32(p.Wages.AbilitySD * r.Norm())
	if r.Bernoulli(reg.grandparent) {
		hh.flags |= hCare
	}
	hh.theta = float32(r.Beta(reg.sonA, reg.sonB))
	hh.prov = uint8(r.Float64() * 256)
}

// xueji is slot s's years of 学籍 in its city.
func (hh *household) xueji(s int) int { return int(hh.xuejiBits>>(4*s)) & 15 }

// setXueji sets slot s's years of 学籍, counted up to 15.
func (hh *household) setXueji(s, years int) {
	hh.xuejiBits = hh.xuejiBits&^(15<<(4*s)) | uint16(min(years, 15))<<(4*s)
}

// examCity reports whether slot s will sit the gaokao in the city.
func (hh *household) examCity(s int) bool { return hh.examBits>>s&1 != 0 }

// setExamCity sets where slot s will sit the gaokao: in the city or at home.
func (hh *household) setExamCity(s int, city bool) {
	hh.examBits = hh.examBits&^(1<<s) | uint8(b2i(city))<<s
}

// clearSlot empties child slot s, with its 学籍 and exam place.
func (hh *household) clearSlot(s int) {
	hh.kids[s] = kid{age: -1}
	hh.setXueji(s, 0)
	hh.setExamCity(s, false)
}

// sameProvince reports whether the household's migrants at city d come
// from d's own province.
func (m *Model) sameProvince(hh *household, d int) bool {
	return (float64(hh.prov)+0.5)/256 < m.c.regions[hh.region].sameProv[d]
}

// newKid puts a child of the given age into slot j. Its human capital starts
// at N(0, initial_sd) plus the expected gains of the years it has lived.
func (m *Model) newKid(hh *household, j, age int, r *rng.Stream) {
	c := m.c
	order := int(hh.births)
	if order >= len(c.srb) {
		order = len(c.srb) - 1
	}
	var sex uint8
	if r.Float64() >= c.srb[order] {
		sex = 1
	}
	h := c.p.HumanCapital.InitialSD * r.Norm()
	for a := 0; a < age; a++ {
		h += c.gain[stageOf(a)+1]
	}
	hh.clearSlot(j)
	hh.kids[j] = kid{h: float32(h), age: int8(age), sex: sex}
}

// enter initialises an entering household: a young couple with a newborn.
func (m *Model) enter(hh *household, id uint64) {
	d := &m.c.p.Demography
	r := m.rb.Key(id, m.year).Stream(rng.Entry)
	m.newParents(hh, id, &r)
	n := 1 + pick(m.c.familyCum[:], r.Float64())
	hh.ageM = uint8(math.Round(d.EntryAgeMin + float64(r.Float64()*(d.EntryAgeMax-d.EntryAgeMin))))
	hh.ageF = uint8(math.Max(16, float64(hh.ageM)+d.FatherAgeGapYears))
	hh.careAge = uint8(math.Round(float64(hh.ageM) + d.CaregiverOffsetYears))
	m.newKid(hh, 0, 0, &r)
	hh.births = 1
	hh.kidsToCome = uint8(n - 1)
	m.tryForASon(hh, &r)
}

// tryForASon is the son-preferring stopping rule of docs/ODD.md III.iv
// (Demography and entry): a couple that has reached its intended number of
// children with daughters only has one more child with probability
// sonless_extra_birth, if a slot is free.
func (m *Model) tryForASon(hh *household, r *rng.Stream) {
	if hh.kidsToCome > 0 || int(hh.births) >= MaxKids {
		return
	}
	for j := range hh.kids {
		if hh.kids[j].age >= 0 && hh.kids[j].sex == 0 {
			return
		}
	}
	if r.Float64() < m.c.p.Demography.SonlessExtra {
		hh.kidsToCome = 1
	}
}
