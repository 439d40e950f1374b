// Package scenarios holds the shipped scenario files and the code that turns
// a scenario file into parameters for the simulation.
//
// A scenario is one YAML file (the contract is SCENARIO.md of the design; docs/ODD.md summarises it): a name, a
// title, the blocks of sim.Params laid over their defaults, and dated reforms.
// Load parses it strictly: unknown keys, duplicate keys and names, values of
// the wrong type, paths that name no field and values out of range are all
// reported at once, each with file:line:column and the field's dotted path
// (list elements named by their name: cities.megacity.tier).
//
// A file may extend another (an embedded scenario or a relative path); the
// child is deep-merged onto its parent. Command-line overrides (--set
// path=value) use the same paths as reforms and error messages.
//
// The result, a Scenario, carries the base parameters and the reforms;
// Epochs turns the reforms into the schedule of parameter sets the engine
// runs, and YAML writes the resolved form that reproduces a run on its own.
package scenarios
