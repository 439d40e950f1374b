// Package rng derives independent random streams from a key
// (seed, replicate, household, year, purpose).
//
// Every draw of the model comes from such a stream, so a run gives the same
// numbers whatever the number of workers or the order in which households are
// processed, and two scenarios run with one seed face the same shocks (common
// random numbers): keying by purpose means that a submodel that adds a draw
// does not shift the draws of any other.
//
// A stream is SplitMix64 (Steele, Lea and Flood 2014) started from a hash of
// the key. It is a value type of 8 bytes, made without allocation, and uses
// only integer arithmetic and pure-Go float maths, so its numbers are the same
// on every processor.
package rng
