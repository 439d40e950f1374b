package sensitivity

import (
	"fmt"
	"math"
)

// MaxCoordinates is the most coordinates (rows × parameters) of any design
// returned here, 1 GiB of float64: a guard against a typo asking for more
// memory than a machine has.
const MaxCoordinates = 1 << 27

// Grid returns the full factorial design with levels[j] levels of
// parameter j: the coordinate of level i of n is the midpoint (i+0.5)/n of
// the i-th of n equal strata of [0,1). Rows are in lexicographic order of
// the level indices, the last parameter varying fastest, so there are
// Π levels[j] rows of len(levels) coordinates: the full factorial design
// (Box, Hunter and Hunter 2005, Statistics for Experimenters, 2nd ed.,
// Wiley).
func Grid(levels []int) ([][]float64, error) {
	if len(levels) == 0 {
		return nil, fmt.Errorf("sensitivity: Grid needs at least one parameter")
	}
	k := len(levels)
	rows := 1
	for j, n := range levels {
		if n < 1 {
			return nil, fmt.Errorf("sensitivity: Grid: parameter %d has %d levels, need at least 1", j, n)
		}
		if rows > MaxCoordinates/k/n {
			return nil, fmt.Errorf("sensitivity: Grid: more than %d coordinates", MaxCoordinates)
		}
		rows *= n
	}
	out := make([][]float64, rows)
	idx := make([]int, k) // the level indices of the current row
	for r := range out {
		row := make([]float64, k)
		for j, i := range idx {
			row[j] = (float64(i) + 0.5) / float64(levels[j])
		}
		out[r] = row
		// Advance the index like an odometer, last parameter fastest.
		for j := k - 1; j >= 0; j-- {
			idx[j]++
			if idx[j] < levels[j] {
				break
			}
			idx[j] = 0
		}
	}
	return out, nil
}

// LatinHypercube returns n points in [0,1)^k forming a Latin hypercube
// sample (McKay, Beckman and Conover 1979, Technometrics 21, 239–245): in
// every dimension each of the n strata [s/n, (s+1)/n) holds exactly one
// point (floor(x·n) = s), at a uniform random position within the stratum,
// and the strata are matched across dimensions by independent uniform
// random permutations. Dimension by dimension, the generator draws the
// permutation and then the n positions.
func LatinHypercube(n, k int, seed uint64) ([][]float64, error) {
	if err := checkSize("LatinHypercube", n, k, 1, 1); err != nil {
		return nil, err
	}
	out := make([][]float64, n)
	for i := range out {
		out[i] = make([]float64, k)
	}
	g := newRNG(seed)
	nf := float64(n)
	for j := range k {
		p := g.perm(n)
		for i := range n {
			out[i][j] = inStratum(p[i], (float64(p[i])+g.Float64())/nf, nf)
		}
	}
	return out, nil
}

// inStratum moves x, computed as (s+u)/n, by the last ulp or two that
// rounding may have taken it across a stratum edge, so that floor(x·n) = s
// exactly (and x < 1 for s < n).
func inStratum(s int, x, n float64) float64 {
	for int(x*n) > s {
		x = math.Nextafter(x, 0)
	}
	for int(x*n) < s {
		x = math.Nextafter(x, 1)
	}
	return x
}

// checkSize reports an error unless n ≥ minN, k ≥ 1 and a design of n
// blocks of perBlock rows of k coordinates is within MaxCoordinates.
func checkSize(fn string, n, k, minN, perBlock int) error {
	switch {
	case n < minN:
		return fmt.Errorf("sensitivity: %s: n = %d, need at least %d", fn, n, minN)
	case k < 1:
		return fmt.Errorf("sensitivity: %s: %d dimensions, need at least 1", fn, k)
	case k > MaxCoordinates || n > MaxCoordinates/k/perBlock:
		return fmt.Errorf("sensitivity: %s: more than %d coordinates", fn, MaxCoordinates)
	}
	return nil
}
