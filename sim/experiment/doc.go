// Package experiment runs replicates of a scenario and gathers what they
// observe, year by year, for the output writers.
package experiment
