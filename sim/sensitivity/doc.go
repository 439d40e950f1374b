// Package sensitivity provides experimental designs and global sensitivity
// indices for parameter sweeps of the model, in the manner of SALib
// (Herman and Usher 2017, J. Open Source Softw. 2(9), 97).
//
// A design is a list of rows, each a point of k coordinates in the unit
// hypercube [0,1)^k (Morris designs use the closed cube [0,1]^k). The
// caller maps each coordinate to a parameter value with a Dist (Uniform,
// LogUniform, Normal, Triangular, Discrete; Scale does a whole design), runs
// the model once per row, and hands the outputs, in row order, to the
// matching analysis:
//
//   - Grid: a full factorial design (no analysis here).
//   - LatinHypercube: a Latin hypercube sample (McKay, Beckman and Conover
//     1979), for uncertainty propagation or surrogate fitting.
//   - Morris and MorrisAnalyze: elementary-effects screening (Morris 1991)
//     with μ* (Campolongo, Cariboni and Saltelli 2007).
//   - Saltelli and SobolAnalyze: first-order and total Sobol' indices
//     (Saltelli et al. 2010; Jansen 1999) from a Sobol' low-discrepancy
//     sequence (SobolSequence; Joe and Kuo 2008 direction numbers).
//
// Reproducibility: every design and every analysis is a pure function of
// its arguments and its seed, the same bits on amd64 and arm64 and under
// every Go release. Random numbers come from the package's own SplitMix64
// generator (Steele, Lea and Flood 2014), not from math/rand; nothing runs
// concurrently and nothing iterates over a map. On arm64 the Go compiler may
// fuse x*y + z into one multiply-add that rounds once instead of twice; an
// explicit conversion, float64(x*y) + z, forbids it, so every product that
// feeds an addition or a subtraction is written so. The quantiles of
// LogUniform and Normal use the model's own exp and log (package
// sim/fmath), not package math, for the same reason.
//
// Errors: invalid arguments (sizes below their minimum, odd Morris levels,
// outputs whose length does not match the design, non-finite outputs, ...)
// are reported as errors; no function panics on bad input.
package sensitivity
