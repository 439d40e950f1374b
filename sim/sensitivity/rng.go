package sensitivity

// splitMix64 is the SplitMix64 generator of Steele, Lea and Flood (2014,
// "Fast splittable pseudorandom number generators", OOPSLA '14), written
// out here so that the package's random numbers never depend on a Go
// release. It is not safe for concurrent use.
type splitMix64 struct{ state uint64 }

func newRNG(seed uint64) *splitMix64 { return &splitMix64{state: seed} }

// Uint64 returns the next 64 random bits.
func (g *splitMix64) Uint64() uint64 {
	g.state += 0x9e3779b97f4a7c15
	z := g.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// Float64 returns a uniform number in [0, 1), a multiple of 2^-53. The
// product is exact; the conversion keeps it from fusing with an addition
// after inlining, so that the arm64 multiply-add audit stays empty.
func (g *splitMix64) Float64() float64 {
	return float64(float64(g.Uint64()>>11) * 0x1.0p-53)
}

// IntN returns a uniform integer in [0, n) for n > 0, without modulo bias:
// draws below 2^64 mod n are rejected, so the accepted range is a whole
// number of copies of [0, n).
func (g *splitMix64) IntN(n int) int {
	bound := uint64(n)
	threshold := -bound % bound // (2^64 − bound) mod bound = 2^64 mod bound
	for {
		if x := g.Uint64(); x >= threshold {
			return int(x % bound)
		}
	}
}

// perm returns a uniform random permutation of 0..n-1 (Fisher–Yates).
func (g *splitMix64) perm(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	for i := n - 1; i > 0; i-- {
		j := g.IntN(i + 1)
		p[i], p[j] = p[j], p[i]
	}
	return p
}
