// Package output turns simulated runs into what users read, and reads them
// back:
//
//   - the run directory (README.md, What a run writes): manifest, resolved
//     scenario, tidy metrics, their summary across replicates and the
//     cohort outcomes, each file written under a temporary name and the
//     directory appearing under its final name only when complete
//     (rundir.go, tables.go, manifest.go);
//   - microdata.parquet, one row per sampled child and year (microdata.go);
//   - the figures, drawn with gonum/plot (figures.go, render.go, palette.go);
//   - report.html and compare.html, self-contained pages (report.go);
//   - comparisons of runs: paired or Welch differences with 95% intervals
//     (compare.go), and the validation table against published targets
//     (validate.go);
//   - reading a run directory back for compare (readrun.go, rundata.go).
package output
