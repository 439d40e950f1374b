// Package sim is the hukousim model: rural households deciding, under hukou
// rules, whether parents migrate and which children go with them, and what
// follows for the children's schooling, mental health and exams.
//
// The yearly Step follows the schedule of docs/ODD.md I.iii, one call per
// submodel: reforms, demography (demography.go), city state (cities.go),
// the household decision (decision.go), income, remittances and hukou conversion (live.go),
// children (children.go), hukou conversion, and observation (metrics.go).
// Parameters are plain Go values (params.go); the package never reads YAML.
package sim
