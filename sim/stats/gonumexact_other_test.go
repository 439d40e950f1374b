//go:build !amd64 || amd64.v3

package stats

// gonumExact: elsewhere gonum's quantile is compiled with fused
// multiply-adds and differs from the table in the last bits.
const gonumExact = false
