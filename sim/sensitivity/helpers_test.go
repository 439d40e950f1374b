package sensitivity

import "math"

// ishigami is the Ishigami function (Ishigami and Homma 1990) with a = 7,
// b = 0.1, of a unit point u mapped onto [−π, π]^3.
func ishigami(u []float64) float64 {
	const a, b = 7, 0.1
	x := make([]float64, 3)
	for i := range x {
		x[i] = -math.Pi + 2*math.Pi*u[i]
	}
	s := math.Sin(x[1])
	return math.Sin(x[0]) + a*s*s + b*math.Pow(x[2], 4)*math.Sin(x[0])
}

// ishigamiIndices returns the analytic first-order and total indices of the
// Ishigami function with a = 7, b = 0.1 (Ishigami and Homma 1990; Saltelli
// et al. 2008, Global Sensitivity Analysis: The Primer, Wiley):
// V1 = (1 + bπ⁴/5)²/2, V2 = a²/8, V3 = 0, V13 = 8b²π⁸/225,
// V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2.
func ishigamiIndices() (s1, st []float64) {
	const a, b = 7.0, 0.1
	p4 := math.Pow(math.Pi, 4)
	p8 := p4 * p4
	v1 := 0.5 * (1 + b*p4/5) * (1 + b*p4/5)
	v2 := a * a / 8
	v13 := 8 * b * b * p8 / 225
	v := a*a/8 + b*p4/5 + b*b*p8/18 + 0.5
	return []float64{v1 / v, v2 / v, 0}, []float64{(v1 + v13) / v, v2 / v, v13 / v}
}

// gA is the a vector of the g-function test case.
var gA = []float64{0, 1, 4.5, 9, 99, 99, 99, 99}

// gFunc is Sobol's g-function Π (|4u_i − 2| + a_i)/(1 + a_i) on [0,1]^k.
func gFunc(u []float64) float64 {
	y := 1.0
	for i, a := range gA {
		y *= (math.Abs(4*u[i]-2) + a) / (1 + a)
	}
	return y
}

// gIndices returns the g-function's analytic indices: V_i = 1/(3(1+a_i)²),
// V = Π(1+V_i) − 1, S1_i = V_i/V, ST_i = V_i Π_{j≠i}(1+V_j)/V
// (Sobol' 1993; Saltelli et al. 2008, The Primer; Saltelli et al. 2010, §4).
func gIndices() (s1, st []float64) {
	k := len(gA)
	vi := make([]float64, k)
	prod := 1.0
	for i, a := range gA {
		vi[i] = 1 / (3 * (1 + a) * (1 + a))
		prod *= 1 + vi[i]
	}
	v := prod - 1
	s1 = make([]float64, k)
	st = make([]float64, k)
	for i := range gA {
		s1[i] = vi[i] / v
		st[i] = vi[i] * prod / (1 + vi[i]) / v
	}
	return s1, st
}

// evaluate runs f on every row.
func evaluate(x [][]float64, f func([]float64) float64) []float64 {
	y := make([]float64, len(x))
	for i, row := range x {
		y[i] = f(row)
	}
	return y
}
