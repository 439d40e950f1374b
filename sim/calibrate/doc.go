// Package calibrate scores a model against published targets and fits its
// free parameters to them by the simulated method of moments.
//
// A Target says how a published fact is computed from the model's metrics
// (docs/ODD.md II.x, Observation): a metric series, the years it is averaged over, and
// a scale. Evaluate turns one run's data into each target's model value
// with a 95% interval across replicates. Fit minimises a weighted distance
// between model and targets over bounded parameters, using the same seed in
// every evaluation (common random numbers) so that the objective is smooth
// in the parameters.
package calibrate
