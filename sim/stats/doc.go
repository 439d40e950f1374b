// Package stats holds the interval arithmetic shared by the output writers,
// the comparison and the calibration: a mean across replicates and its 95%
// t-interval.
package stats
