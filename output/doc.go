// Package output turns simulated runs into what users read, reads them
// back, and does each command's work past its flags:
//
//   - a run (RunScenario): the run directory (README.md, What a run
//     writes) with its manifest, resolved scenario, tidy metrics, their
//     summary across replicates and the cohort outcomes (writerun.go,
//     tables.go, manifest.go), and microdata.parquet, one row per sampled
//     child and year (microdata.go, runmicro.go);
//   - a comparison (Compare, comparejob.go): paired or Welch differences
//     with 95% intervals (compare.go, with the statistics in sim/stats),
//     compare.html and compare.csv;
//   - a validation against the published targets (Validate, validate.go)
//     and a calibration (LoadCalibration, Calibration.Fit, calibratejob.go);
//   - the figures' data (figures.go), drawn by output/plot, and what the
//     self-contained report.html and compare.html show (pages.go), written
//     by output/report;
//   - reading a run directory back for compare (readrun.go, rundata.go);
//   - what the terminal shows: headline, effects and validation tables,
//     progress, and `hukousim explain` (explain.go).
//
// Files are written through output/rundir, so that a directory appears
// under its name only when complete (Begin, begin.go).
package output
