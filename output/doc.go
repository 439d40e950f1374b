// Package output writes a run directory (CLI.md): the manifest, the
// resolved scenario, tidy metrics, their summary across replicates and the
// cohort outcomes. Every file is written under a temporary name and renamed
// into place, and the directory itself appears under its final name only
// when complete.
package output
