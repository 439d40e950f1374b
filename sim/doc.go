// Package sim is the hukousim model: rural households deciding, under hukou
// rules, whether parents migrate and which children go with them, and what
// follows for the children's schooling, mental health and exams.
//
// The yearly Step follows the schedule of docs/ODD.md I.iii, one call per
// submodel: reforms, demography and entry (demography.go, population.go),
// city state (cities.go), the look-ahead table (outlook.go), the household
// decision (decision.go), income, remittances and hukou conversion
// (household.go), children's schooling, exams, dropout and mental health
// (children.go), and observation (metrics.go). Parameters are plain Go
// values (params.go, compiled in compile.go); the package never reads
// YAML. Subpackages: fmath (elementary functions, the same bits on every
// processor), rng (keyed random streams), stats (intervals), experiment
// (replicates and comparisons), calibrate (the method of simulated
// moments).
package sim
