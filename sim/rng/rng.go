package rng

import "math"

// Purpose names what a stream is for. Values are part of the reproducibility
// contract: renumbering one changes every run.
type Purpose uint64

// The purposes of the model's draws.
const (
	Init        Purpose = 1  // the household's initial state
	Demography  Purpose = 2  // caregiver loss and gain, births
	Destination Purpose = 3  // picking or switching a destination
	Guardian    Purpose = 4  // whether a child may be left alone this year
	ChooseP     Purpose = 5  // the upper level of the nested logit
	ChooseS     Purpose = 6  // the lower level of the nested logit
	Wage        Purpose = 7  // yearly wage shocks
	Admission   Purpose = 8  // public-school admission draws, by child
	Learning    Purpose = 9  // human-capital shocks, by child
	Mood        Purpose = 10 // depression onset/recovery and ideation, by child
	Zhongkao    Purpose = 11 // the exam at the end of middle school, by child
	Hukou       Purpose = 12 // hukou conversion
	Entry       Purpose = 13 // the state of an entering household
	Gaokao      Purpose = 14 // the exam at the end of high school, by child
	Micro       Purpose = 15 // whether the household is in the microdata sample
)

// Stream is a SplitMix64 generator.
type Stream struct{ s uint64 }

const golden = 0x9E3779B97F4A7C15

// Distinct odd constants that separate the key's components.
const (
	kRep  = 0xD1B54A32D192ED03
	kHH   = 0x8CB92BA72F3D8DD7
	kYear = 0xA0761D6478BD642F
	kPurp = 0xE7037ED1A0B428DB
)

func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// New returns the stream of key (seed, replicate, household, year, purpose).
// Each component goes through a full mixing round, so keys that differ in any
// one component give unrelated streams.
func New(seed, replicate, household uint64, year int, p Purpose) Stream {
	h := mix(seed + golden)
	h = mix(h ^ (replicate + kRep))
	h = mix(h ^ (household + kHH))
	h = mix(h ^ (uint64(int64(year)) + kYear))
	h = mix(h ^ (uint64(p) + kPurp))
	return Stream{s: h}
}

// Base is the part of a key shared by every stream of one replicate.
type Base uint64

// NewBase returns the key prefix of (seed, replicate).
func NewBase(seed, replicate uint64) Base {
	return Base(mix(mix(seed+golden) ^ (replicate + kRep)))
}

// Key is the part of a key shared by every stream of one household-year:
// its streams differ only in purpose. Key(b, h, y).Stream(p) equals
// New(seed, replicate, h, y, p); computing the key once per household-year
// saves four of the five mixing rounds per stream.
type Key uint64

// Key returns the key prefix of (seed, replicate, household, year).
func (b Base) Key(household uint64, year int) Key {
	h := mix(uint64(b) ^ (household + kHH))
	return Key(mix(h ^ (uint64(int64(year)) + kYear)))
}

// Stream returns the stream of the key's purpose p.
func (k Key) Stream(p Purpose) Stream {
	return Stream{s: mix(uint64(k) ^ (uint64(p) + kPurp))}
}

// Uint64 returns the next 64 random bits.
func (r *Stream) Uint64() uint64 {
	r.s += golden
	return mix(r.s)
}

// Float64 returns a uniform number in [0, 1).
func (r *Stream) Float64() float64 {
	return float64(r.Uint64()>>11) * (1.0 / (1 << 53))
}

// Bernoulli reports whether an event of probability p happens.
func (r *Stream) Bernoulli(p float64) bool {
	return r.Float64() < p
}

// Norm returns a standard normal number (Box–Muller, one of the pair).
func (r *Stream) Norm() float64 {
	u1 := 1 - r.Float64() // in (0, 1]: the log is finite
	u2 := r.Float64()
	return math.Sqrt(-2*math.Log(u1)) * math.Cos(2*math.Pi*u2)
}
