//go:build !amd64.v3

package stats

// gonumExact: gonum's quantile, compiled here without fused multiply-adds
// (amd64 below GOAMD64=v3), gives the table's values bit for bit.
const gonumExact = true
