package rng

import (
	"math"

	"github.com/hukousim/hukousim/sim/fmath"
)

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
	Dropout     Purpose = 16 // leaving school at 12-15, by child
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
	return float64(float64(r.Uint64()>>11) * (1.0 / (1 << 53))) // exact; converted so it never fuses
}

// Bernoulli reports whether an event of probability p happens.
func (r *Stream) Bernoulli(p float64) bool {
	return r.Float64() < p
}

// Norm returns a standard normal number by the ziggurat method (Marsaglia
// and Tsang, J. Stat. Softw. 5(8), 2000) with 128 layers: one 64-bit draw
// and a multiplication in 98.8% of calls. The tables are computed at
// start-up with fmath and the correctly rounded square root, so they are
// the same on every processor.
func (r *Stream) Norm() float64 {
	u := r.Uint64()
	i := u & (zigN - 1)
	j := int64(u) >> 8 // 56 random bits with a sign, independent of i
	if uint64(abs64(j)) < zigK[i] {
		return float64(j) * zigW[i]
	}
	return r.normSlow(i, j)
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// normSlow is the ziggurat's rare path: the tail beyond zigR for the base
// layer, and the wedges between layers.
func (r *Stream) normSlow(i uint64, j int64) float64 {
	for {
		x := float64(j) * zigW[i]
		if i == 0 {
			// Tail: Marsaglia's exponential method.
			for {
				t := -fmath.Log(1-r.Float64()) / zigR
				y := -fmath.Log(1 - r.Float64())
				if y+y >= float64(t*t) {
					if j > 0 {
						return zigR + t
					}
					return -zigR - t
				}
			}
		}
		if zigF[i]+float64(r.Float64()*(zigF[i-1]-zigF[i])) < fmath.Exp(float64(-0.5*float64(x*x))) {
			return x
		}
		u := r.Uint64()
		i = u & (zigN - 1)
		j = int64(u) >> 8
		if uint64(abs64(j)) < zigK[i] {
			return float64(j) * zigW[i]
		}
	}
}

const (
	zigN = 128
	zigR = 3.442619855899      // where the tail starts
	zigV = 9.91256303526217e-3 // area of each layer
	zigM = float64(1 << 55)    // scale of the 56-bit signed draw
)

var (
	zigK [zigN]uint64
	zigW [zigN]float64
	zigF [zigN]float64
)

// The tables of Marsaglia and Tsang's zigset, for 56-bit draws.
func init() {
	dn, tn := zigR, zigR
	q := zigV / fmath.Exp(float64(-0.5*float64(dn*dn)))
	zigK[0] = uint64(dn / q * zigM)
	zigK[1] = 0
	zigW[0] = q / zigM
	zigW[zigN-1] = dn / zigM
	zigF[0] = 1
	zigF[zigN-1] = fmath.Exp(float64(-0.5 * float64(dn*dn)))
	for i := zigN - 2; i >= 1; i-- {
		dn = math.Sqrt(-2 * fmath.Log(zigV/dn+fmath.Exp(float64(-0.5*float64(dn*dn)))))
		zigK[i+1] = uint64(dn / tn * zigM)
		tn = dn
		zigF[i] = fmath.Exp(float64(-0.5 * float64(dn*dn)))
		zigW[i] = dn / zigM
	}
}

// Gamma returns a Gamma(a, 1) number, a > 0: Marsaglia and Tsang's method
// (ACM TOMS 26(3), 2000), with Gamma(a) = Gamma(a+1)·U^(1/a) for a < 1.
func (r *Stream) Gamma(a float64) float64 {
	boost := 1.0
	if a < 1 {
		boost = fmath.Exp(fmath.Log(1-r.Float64()) / a)
		a++
	}
	d := a - 1.0/3
	c := 1 / math.Sqrt(float64(9*d))
	for {
		x := r.Norm()
		v := 1 + float64(c*x)
		if v <= 0 {
			continue
		}
		v = float64(float64(v*v) * v)
		u := 1 - r.Float64() // in (0, 1]
		x2 := float64(x * x)
		if u < 1-float64(0.0331*float64(x2*x2)) {
			return float64(d*v) * boost
		}
		if fmath.Log(u) < float64(0.5*x2)+float64(d*(float64(1-v)+fmath.Log(v))) {
			return float64(d*v) * boost
		}
	}
}

// Beta returns a Beta(a, b) number as X/(X+Y), X ~ Gamma(a), Y ~ Gamma(b).
func (r *Stream) Beta(a, b float64) float64 {
	x := r.Gamma(a)
	y := r.Gamma(b)
	return x / (x + y)
}
