package sensitivity

import (
	"fmt"
	"math/bits"
)

// SobolMaxDim is the number of dimensions of the Sobol' sequence here (the
// first 64 of Joe and Kuo's table), so Saltelli supports up to
// SobolMaxDim/2 = 32 parameters.
const SobolMaxDim = 1 + len(joeKuo)

// sobolBits is the number of bits of each coordinate: coordinates are
// integers below 2^53 divided by 2^53, exact in float64.
const sobolBits = 53

// SobolSequence returns the first n points of the d-dimensional Sobol'
// low-discrepancy sequence (Sobol' 1967, USSR Comput. Math. Math. Phys. 7,
// 86–112) with the direction numbers of Joe and Kuo (2008, SIAM J. Sci.
// Comput. 30, 2635–2654; file new-joe-kuo-6.21201), unscrambled, in the
// Gray-code order of Antonov and Saleev (1979, USSR Comput. Math. Math.
// Phys. 19, 252–256) that SALib and scipy.stats.qmc.Sobol use: the first
// point is the origin, and dimension 1 runs 0, 0.5, 0.75, 0.25, 0.375, … .
// Every coordinate is in [0,1). The balance properties hold for n a power
// of two; other n are accepted.
func SobolSequence(n, d int) ([][]float64, error) {
	if err := checkSize("SobolSequence", n, d, 1, 1); err != nil {
		return nil, err
	}
	if d > SobolMaxDim {
		return nil, fmt.Errorf("sensitivity: SobolSequence: d = %d dimensions, at most %d are supported", d, SobolMaxDim)
	}
	out := make([][]float64, n)
	sobolPoints(n, d, func(i int, x []uint64) {
		row := make([]float64, d)
		for j, v := range x {
			row[j] = float64(v) * 0x1.0p-53
		}
		out[i] = row
	})
	return out, nil
}

// sobolPoints calls visit with i and the integer coordinates (below
// 2^sobolBits) of points i = 0..n-1 of the d-dimensional sequence, in order;
// x is reused between calls. Point i is point i−1 with the direction number
// of the lowest zero bit of i−1 XORed in (Antonov and Saleev 1979).
func sobolPoints(n, d int, visit func(i int, x []uint64)) {
	v := make([][sobolBits]uint64, d)
	for j := range v {
		v[j] = directionNumbers(j)
	}
	x := make([]uint64, d)
	for i := range n {
		if i > 0 {
			c := bits.TrailingZeros64(^uint64(i - 1))
			for j := range x {
				x[j] ^= v[j][c]
			}
		}
		visit(i, x)
	}
}

// directionNumbers returns the direction numbers V_1..V_53 of dimension
// j+1, scaled by 2^53: V_t = m_t·2^(53−t), with m_t = 1 for dimension 1 and,
// for the others, m_1..m_s from the table and, beyond, Bratley and Fox's
// recurrence (1988, ACM TOMS 14, 88–100) on the primitive polynomial
// x^s + a_1 x^(s−1) + … + a_(s−1) x + 1 whose inner coefficients are the
// bits of a, a_1 the highest:
// V_t = V_(t−s) ⊕ (V_(t−s) >> s) ⊕ a_1 V_(t−1) ⊕ … ⊕ a_(s−1) V_(t−s+1).
func directionNumbers(j int) [sobolBits]uint64 {
	var v [sobolBits]uint64 // v[t-1] is V_t
	if j == 0 {
		for t := 1; t <= sobolBits; t++ {
			v[t-1] = 1 << (sobolBits - t)
		}
		return v
	}
	row := joeKuo[j-1]
	s := len(row.m)
	for t := 1; t <= sobolBits; t++ {
		if t <= s {
			v[t-1] = row.m[t-1] << (sobolBits - t)
			continue
		}
		w := v[t-s-1] ^ v[t-s-1]>>s
		for q := 1; q < s; q++ {
			if row.a>>(s-1-q)&1 == 1 {
				w ^= v[t-q-1]
			}
		}
		v[t-1] = w
	}
	return v
}

// joeKuo holds, for Sobol' dimensions 2..64, the coefficient a of the
// primitive polynomial and the initial direction numbers m_1..m_s (s, the
// polynomial's degree, is len(m)): rows 2 to 64 of the file
// new-joe-kuo-6.21201 of S. Joe and F. Y. Kuo (2008), "Constructing Sobol
// sequences with better two-dimensional projections", SIAM J. Sci. Comput.
// 30, 2635–2654, https://web.maths.unsw.edu.au/~fkuo/sobol/ (as copied in
// SALib's src/SALib/sample/directions.py). Dimension 1 has all m = 1.
var joeKuo = [...]struct {
	a uint64
	m []uint64
}{
	{0, []uint64{1}}, // d=2
	{1, []uint64{1, 3}},
	{1, []uint64{1, 3, 1}},
	{2, []uint64{1, 1, 1}}, // d=5
	{1, []uint64{1, 1, 3, 3}},
	{4, []uint64{1, 3, 5, 13}},
	{2, []uint64{1, 1, 5, 5, 17}},
	{4, []uint64{1, 1, 5, 5, 5}},
	{7, []uint64{1, 1, 7, 11, 19}}, // d=10
	{11, []uint64{1, 1, 5, 1, 1}},
	{13, []uint64{1, 1, 1, 3, 11}},
	{14, []uint64{1, 3, 5, 5, 31}},
	{1, []uint64{1, 3, 3, 9, 7, 49}},
	{13, []uint64{1, 1, 1, 15, 21, 21}}, // d=15
	{16, []uint64{1, 3, 1, 13, 27, 49}},
	{19, []uint64{1, 1, 1, 15, 7, 5}},
	{22, []uint64{1, 3, 1, 15, 13, 25}},
	{25, []uint64{1, 1, 5, 5, 19, 61}},
	{1, []uint64{1, 3, 7, 11, 23, 15, 103}}, // d=20
	{4, []uint64{1, 3, 7, 13, 13, 15, 69}},
	{7, []uint64{1, 1, 3, 13, 7, 35, 63}},
	{8, []uint64{1, 3, 5, 9, 1, 25, 53}},
	{14, []uint64{1, 3, 1, 13, 9, 35, 107}},
	{19, []uint64{1, 3, 1, 5, 27, 61, 31}}, // d=25
	{21, []uint64{1, 1, 5, 11, 19, 41, 61}},
	{28, []uint64{1, 3, 5, 3, 3, 13, 69}},
	{31, []uint64{1, 1, 7, 13, 1, 19, 1}},
	{32, []uint64{1, 3, 7, 5, 13, 19, 59}},
	{37, []uint64{1, 1, 3, 9, 25, 29, 41}}, // d=30
	{41, []uint64{1, 3, 5, 13, 23, 1, 55}},
	{42, []uint64{1, 3, 7, 3, 13, 59, 17}},
	{50, []uint64{1, 3, 1, 3, 5, 53, 69}},
	{55, []uint64{1, 1, 5, 5, 23, 33, 13}},
	{56, []uint64{1, 1, 7, 7, 1, 61, 123}}, // d=35
	{59, []uint64{1, 1, 7, 9, 13, 61, 49}},
	{62, []uint64{1, 3, 3, 5, 3, 55, 33}},
	{14, []uint64{1, 3, 1, 15, 31, 13, 49, 245}},
	{21, []uint64{1, 3, 5, 15, 31, 59, 63, 97}},
	{22, []uint64{1, 3, 1, 11, 11, 11, 77, 249}}, // d=40
	{38, []uint64{1, 3, 1, 11, 27, 43, 71, 9}},
	{47, []uint64{1, 1, 7, 15, 21, 11, 81, 45}},
	{49, []uint64{1, 3, 7, 3, 25, 31, 65, 79}},
	{50, []uint64{1, 3, 1, 1, 19, 11, 3, 205}},
	{52, []uint64{1, 1, 5, 9, 19, 21, 29, 157}}, // d=45
	{56, []uint64{1, 3, 7, 11, 1, 33, 89, 185}},
	{67, []uint64{1, 3, 3, 3, 15, 9, 79, 71}},
	{70, []uint64{1, 3, 7, 11, 15, 39, 119, 27}},
	{84, []uint64{1, 1, 3, 1, 11, 31, 97, 225}},
	{97, []uint64{1, 1, 1, 3, 23, 43, 57, 177}}, // d=50
	{103, []uint64{1, 3, 7, 7, 17, 17, 37, 71}},
	{115, []uint64{1, 3, 1, 5, 27, 63, 123, 213}},
	{122, []uint64{1, 1, 3, 5, 11, 43, 53, 133}},
	{8, []uint64{1, 3, 5, 5, 29, 17, 47, 173, 479}},
	{13, []uint64{1, 3, 3, 11, 3, 1, 109, 9, 69}}, // d=55
	{16, []uint64{1, 1, 1, 5, 17, 39, 23, 5, 343}},
	{22, []uint64{1, 3, 1, 5, 25, 15, 31, 103, 499}},
	{25, []uint64{1, 1, 1, 11, 11, 17, 63, 105, 183}},
	{44, []uint64{1, 1, 5, 11, 9, 29, 97, 231, 363}},
	{47, []uint64{1, 1, 5, 15, 19, 45, 41, 7, 383}}, // d=60
	{52, []uint64{1, 3, 7, 7, 31, 19, 83, 137, 221}},
	{55, []uint64{1, 1, 1, 3, 23, 15, 111, 223, 83}},
	{59, []uint64{1, 1, 5, 13, 31, 15, 55, 25, 161}},
	{62, []uint64{1, 1, 3, 13, 25, 47, 39, 87, 257}}, // d=64
}
