//go:build !unix

package rundir

// processAlive cannot tell elsewhere, so a partial directory that names an
// owner is always left alone.
func processAlive(pid int) bool { return true }
