// Package stats holds the interval arithmetic shared by the output writers,
// the comparison and the calibration: a mean across replicates and its 95%
// t-interval, and the t factor at a fractional df for Welch's comparison.
//
// Its results are the same bits on every processor, as the outputs must be
// on amd64 and arm64. On arm64 the compiler fuses x*y + z into one
// multiply-add that rounds once instead of twice; an explicit conversion,
// float64(x*y) + z, forbids it, so every product that feeds an addition or
// a subtraction is written so. And no function of package math or gonum
// that rounds differently across processors (most are compiled with fused
// multiply-adds on arm64, some are assembly on amd64) reaches a result:
// only math.Sqrt, correctly rounded everywhere, and Student's t quantile
// from tables and an expansion of exact constants (tQuantile975 for whole
// df, TQuantile975 for any df ≥ 1).
package stats
