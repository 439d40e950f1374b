package sensitivity

import (
	"fmt"
	"math"
)

// Morris returns r trajectories of the elementary-effects design of Morris
// (1991, "Factorial sampling plans for preliminary computational
// experiments", Technometrics 33, 161–174) for k parameters on a grid of
// levels p (even, at least 2), as in Campolongo, Cariboni and Saltelli
// (2007, Environ. Model. Softw. 22, 1509–1518) and SALib's morris sampler
// without trajectory optimisation, to be analysed by MorrisAnalyze.
//
// The grid values are {0, 1/(p−1), …, 1} and the step is Δ = p/(2(p−1)).
// Each trajectory has k+1 points: a random base point x* whose coordinates
// are drawn from the lower half {0, …, 1 − Δ} of the grid, a random
// direction ±1 per parameter and a random order of the parameters; each
// parameter, in that order, moves once by +Δ from x*_i, or by −Δ from
// x*_i + Δ, so consecutive points differ in exactly one coordinate. For each
// trajectory the generator draws the k base levels, the k directions and
// then the order. Rows run trajectory after trajectory, r(k+1) in all.
//
// Unlike the other designs, coordinates lie in the closed cube [0,1]^k: the
// grid includes 1. A Dist's quantile at 0 or 1 is its support's end (or, for
// Normal, a clamped extreme), so prefer bounded distributions here.
func Morris(r, k, levels int, seed uint64) ([][]float64, error) {
	if err := checkSize("Morris", r, k, 1, k+1); err != nil {
		return nil, err
	}
	if levels < 2 || levels%2 != 0 {
		return nil, fmt.Errorf("sensitivity: Morris: levels = %d, need an even number of at least 2", levels)
	}
	half := levels / 2 // Δ in grid steps
	g := newRNG(seed)
	out := make([][]float64, 0, r*(k+1))
	base := make([]int, k)
	up := make([]bool, k)
	for range r {
		for j := range base {
			base[j] = g.IntN(half)
		}
		for j := range up {
			up[j] = g.IntN(2) == 1
		}
		order := g.perm(k)
		level := make([]int, k) // the current point's grid levels
		for j := range level {
			level[j] = base[j]
			if !up[j] {
				level[j] += half
			}
		}
		out = append(out, gridPoint(level, levels))
		for _, j := range order {
			if up[j] {
				level[j] += half
			} else {
				level[j] -= half
			}
			out = append(out, gridPoint(level, levels))
		}
	}
	return out, nil
}

// gridPoint is the point of the grid levels: level l of p is l/(p−1).
func gridPoint(level []int, p int) []float64 {
	x := make([]float64, len(level))
	for j, l := range level {
		x[j] = float64(l) / float64(p-1)
	}
	return x
}

// MorrisIndex holds the elementary-effects statistics of one parameter, in
// output units per unit of the parameter's coordinate in [0,1]: Mu the mean
// elementary effect μ (Morris 1991), MuStar the mean absolute effect μ*
// (Campolongo et al. 2007), Sigma their standard deviation σ (divisor r−1,
// as SALib), and MuStarLow, MuStarHigh a percentile-bootstrap 95% interval
// for μ*.
type MorrisIndex struct {
	Mu, MuStar, Sigma     float64
	MuStarLow, MuStarHigh float64
}

// MorrisAnalyze computes the Morris statistics of k parameters from a
// design x of r trajectories, as Morris returned it, and the outputs y, y[i]
// the output at row x[i].
//
// The elementary effect of parameter i in a trajectory is
// (y(after) − y(before)) / (x_i(after) − x_i(before)), over the step of
// that trajectory that moves coordinate i; MorrisAnalyze finds that step by
// comparing consecutive rows, so any design in which each step changes
// exactly one coordinate and each coordinate changes once per trajectory
// will do. μ, μ* and σ are the mean, mean absolute value and standard
// deviation of each parameter's r effects (Morris 1991; Campolongo et al.
// 2007). A large μ* marks an influential parameter; σ large beside μ*
// marks interactions or non-linearity, and μ near 0 with μ* large, effects
// of both signs.
//
// The interval for μ* is the 2.5th and 97.5th percentiles of μ* recomputed
// on boot resamples of the r trajectories drawn with replacement (Efron and
// Tibshirani 1993, ch. 13), from a generator seeded with seed; with boot = 0
// its bounds are NaN. r must be at least 2.
func MorrisAnalyze(x [][]float64, y []float64, r, k int, boot int, seed uint64) ([]MorrisIndex, error) {
	switch {
	case r < 2:
		return nil, fmt.Errorf("sensitivity: MorrisAnalyze: r = %d trajectories, need at least 2", r)
	case k < 1:
		return nil, fmt.Errorf("sensitivity: MorrisAnalyze: k = %d parameters, need at least 1", k)
	case boot < 0:
		return nil, fmt.Errorf("sensitivity: MorrisAnalyze: boot = %d resamples, need at least 0", boot)
	case len(x)/(k+1) != r || len(x)%(k+1) != 0:
		return nil, fmt.Errorf("sensitivity: MorrisAnalyze: %d design rows, want r(k+1) = %d(%d+1)", len(x), r, k)
	case len(y) != len(x):
		return nil, fmt.Errorf("sensitivity: MorrisAnalyze: %d outputs for %d design rows", len(y), len(x))
	}
	if err := checkFinite("MorrisAnalyze", y); err != nil {
		return nil, err
	}
	ee, err := elementaryEffects(x, y, r, k)
	if err != nil {
		return nil, err
	}
	out := make([]MorrisIndex, k)
	for i := range out {
		var sum, abs float64
		for t := range r {
			sum += ee[t][i]
			abs += math.Abs(ee[t][i])
		}
		mu := sum / float64(r)
		var ss float64
		for t := range r {
			d := ee[t][i] - mu
			ss += float64(d * d)
		}
		out[i] = MorrisIndex{Mu: mu, MuStar: abs / float64(r), Sigma: math.Sqrt(ss / float64(r-1))}
	}
	muStarBoot := make([][]float64, k)
	for i := range muStarBoot {
		muStarBoot[i] = make([]float64, boot)
	}
	g := newRNG(seed)
	pick := make([]int, r)
	for b := range boot {
		for t := range pick {
			pick[t] = g.IntN(r)
		}
		for i := range k {
			var abs float64
			for _, t := range pick {
				abs += math.Abs(ee[t][i])
			}
			muStarBoot[i][b] = abs / float64(r)
		}
	}
	for i := range out {
		out[i].MuStarLow, out[i].MuStarHigh = interval95(muStarBoot[i])
	}
	return out, nil
}

// elementaryEffects returns ee[t][i], the elementary effect of parameter i
// in trajectory t, checking that the design has the shape of trajectories.
func elementaryEffects(x [][]float64, y []float64, r, k int) ([][]float64, error) {
	for row, p := range x {
		if len(p) != k {
			return nil, fmt.Errorf("sensitivity: MorrisAnalyze: design row %d has %d coordinates, want %d", row, len(p), k)
		}
		for _, v := range p {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("sensitivity: MorrisAnalyze: design row %d has a non-finite coordinate", row)
			}
		}
	}
	ee := make([][]float64, r)
	seen := make([]bool, k)
	for t := range ee {
		ee[t] = make([]float64, k)
		clear(seen)
		for s := range k {
			row := t*(k+1) + s
			before, after := x[row], x[row+1]
			moved := -1
			for j := range k {
				if after[j] != before[j] {
					if moved >= 0 {
						return nil, fmt.Errorf("sensitivity: MorrisAnalyze: design rows %d and %d differ in more than one coordinate", row, row+1)
					}
					moved = j
				}
			}
			switch {
			case moved < 0:
				return nil, fmt.Errorf("sensitivity: MorrisAnalyze: design rows %d and %d are equal", row, row+1)
			case seen[moved]:
				return nil, fmt.Errorf("sensitivity: MorrisAnalyze: coordinate %d moves twice in trajectory %d", moved, t)
			}
			seen[moved] = true
			ee[t][moved] = (y[row+1] - y[row]) / (after[moved] - before[moved])
		}
	}
	return ee, nil
}
