package sensitivity

import (
	"fmt"
	"math"
)

// Saltelli returns the design of Saltelli et al. (2010, "Variance based
// sensitivity analysis of model output. Design and estimator for the total
// sensitivity index", Comput. Phys. Commun. 181, 259–270) for first-order
// and total Sobol' indices of k parameters from n base samples, to be
// analysed by SobolAnalyze.
//
// The base matrices A and B (n×k each) are the first k and the last k
// coordinates of the first n points of the 2k-dimensional Sobol' sequence
// (SobolSequence), no points skipped, with a random digital shift: each
// dimension's 53 coordinate bits are XORed with 53 random bits drawn from
// seed, dimension by dimension (Dick and Pillichshammer 2010, Digital Nets
// and Sequences, Cambridge University Press). The shift keeps the
// sequence's stratification, makes each point uniform on [0,1)^2k, so the
// estimators are unbiased, and moves the first point off the origin, which
// SALib avoids instead by skipping the first points of the sequence (by
// default as many as the next power of two ≥ n). AB^(i) is A with column i
// taken from B.
//
// The n(k+2) rows are ordered block by block, SALib's order with
// calc_second_order=False: for each j = 0..n-1, the k+2 rows
// A_j, AB_j^(1), …, AB_j^(k), B_j. Every coordinate is in [0,1).
// n should be a power of two, where the Sobol' points are balanced; it must
// be at least 2, and k at most SobolMaxDim/2.
func Saltelli(n, k int, seed uint64) ([][]float64, error) {
	if err := checkSize("Saltelli", n, k, 2, k+2); err != nil {
		return nil, err
	}
	if k > SobolMaxDim/2 {
		return nil, fmt.Errorf("sensitivity: Saltelli: k = %d parameters, at most %d are supported", k, SobolMaxDim/2)
	}
	g := newRNG(seed)
	shift := make([]uint64, 2*k)
	for j := range shift {
		shift[j] = g.Uint64() >> (64 - sobolBits)
	}
	out := make([][]float64, 0, n*(k+2))
	a := make([]float64, k)
	b := make([]float64, k)
	sobolPoints(n, 2*k, func(_ int, x []uint64) {
		for j := range k {
			a[j] = float64(x[j]^shift[j]) * 0x1.0p-53
			b[j] = float64(x[k+j]^shift[k+j]) * 0x1.0p-53
		}
		out = append(out, append([]float64(nil), a...))
		for i := range k {
			ab := append([]float64(nil), a...)
			ab[i] = b[i]
			out = append(out, ab)
		}
		out = append(out, append([]float64(nil), b...))
	})
	return out, nil
}

// SobolIndex holds the Sobol' indices of one parameter, as fractions of the
// output variance, with percentile-bootstrap 95% intervals: S1 the
// first-order index (the share of the variance due to the parameter alone)
// and ST the total index (its share including all its interactions).
type SobolIndex struct {
	S1, S1Low, S1High float64
	ST, STLow, STHigh float64
}

// SobolAnalyze estimates first-order and total Sobol' indices (Sobol' 1993,
// Math. Model. Comput. Exp. 1, 407–414) of k parameters from the outputs y
// of a Saltelli(n, k, ·) design, y[r] the output of row r.
//
// With f_A, f_B and f_ABi the outputs at A_j, B_j and AB_j^(i), means
// taken over the blocks j = 0..n−1, and V the variance (divisor 2n) of the
// 2n values f_A and f_B together:
//
//	S1_i = mean(f_B·(f_ABi − f_A)) / V    (Saltelli et al. 2010, Table 2 (b))
//	ST_i = mean((f_A − f_ABi)²) / (2V)    (Jansen 1999, Comput. Phys. Commun. 117, 35–43)
//
// as in SALib's analyze.sobol. The outputs are first centred on the mean of
// the f_A and f_B values, which changes neither index's expectation but makes
// S1 unchanged when a constant is added to the model (SALib standardises y
// for the same reason). Estimates can fall slightly outside [0,1].
//
// The intervals are the 2.5th and 97.5th percentiles of the indices
// recomputed on boot resamples of the n blocks drawn with replacement (Efron
// and Tibshirani 1993, An Introduction to the Bootstrap, ch. 13), from a
// generator seeded with seed; resamples whose f_A and f_B values are all
// equal are left out. With boot = 0 the bounds are NaN. The resampling
// treats the blocks as independent, which overstates the error of a
// Sobol'-sequence design, so the intervals are conservative.
func SobolAnalyze(y []float64, n, k int, boot int, seed uint64) ([]SobolIndex, error) {
	switch {
	case n < 2:
		return nil, fmt.Errorf("sensitivity: SobolAnalyze: n = %d base samples, need at least 2", n)
	case k < 1:
		return nil, fmt.Errorf("sensitivity: SobolAnalyze: k = %d parameters, need at least 1", k)
	case boot < 0:
		return nil, fmt.Errorf("sensitivity: SobolAnalyze: boot = %d resamples, need at least 0", boot)
	case len(y)/(k+2) != n || len(y)%(k+2) != 0:
		return nil, fmt.Errorf("sensitivity: SobolAnalyze: %d outputs, want n(k+2) = %d(%d+2)", len(y), n, k)
	}
	if err := checkFinite("SobolAnalyze", y); err != nil {
		return nil, err
	}
	all := make([]int, n)
	for j := range all {
		all[j] = j
	}
	s1 := make([]float64, k)
	st := make([]float64, k)
	if !sobolEstimate(y, k, all, s1, st) {
		return nil, fmt.Errorf("sensitivity: SobolAnalyze: the outputs at A and B are all equal, so the indices are undefined")
	}
	out := make([]SobolIndex, k)
	for i := range out {
		out[i] = SobolIndex{S1: s1[i], ST: st[i]}
	}
	s1Boot := make([][]float64, k)
	stBoot := make([][]float64, k)
	g := newRNG(seed)
	idx := make([]int, n)
	for range boot {
		for j := range idx {
			idx[j] = g.IntN(n)
		}
		if !sobolEstimate(y, k, idx, s1, st) {
			continue
		}
		for i := range k {
			s1Boot[i] = append(s1Boot[i], s1[i])
			stBoot[i] = append(stBoot[i], st[i])
		}
	}
	for i := range out {
		out[i].S1Low, out[i].S1High = interval95(s1Boot[i])
		out[i].STLow, out[i].STHigh = interval95(stBoot[i])
	}
	return out, nil
}

// sobolEstimate writes S1 and ST of every parameter, estimated from the
// blocks listed in idx, into s1 and st; it reports false, writing nothing,
// when the f_A and f_B values of those blocks are all equal.
func sobolEstimate(y []float64, k int, idx []int, s1, st []float64) bool {
	w := k + 2
	m := float64(len(idx))
	var sum float64
	for _, j := range idx {
		sum += y[j*w] + y[j*w+w-1]
	}
	mean := sum / (2 * m)
	var ss float64
	for _, j := range idx {
		da, db := y[j*w]-mean, y[j*w+w-1]-mean
		ss += float64(da*da) + float64(db*db)
	}
	v := ss / (2 * m)
	if v == 0 {
		return false
	}
	for i := range k {
		var first, total float64
		for _, j := range idx {
			fa, fb, fab := y[j*w]-mean, y[j*w+w-1]-mean, y[j*w+1+i]-mean
			first += float64(fb * (fab - fa))
			d := fa - fab
			total += float64(d * d)
		}
		s1[i] = first / m / v
		st[i] = total / m / (2 * v)
	}
	return true
}

// checkFinite reports an error naming the first output that is NaN or ±Inf.
func checkFinite(fn string, y []float64) error {
	for r, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("sensitivity: %s: output y[%d] = %v is not finite", fn, r, v)
		}
	}
	return nil
}
