package output

import (
	"fmt"
	"io"

	"github.com/hukousim/hukousim/output/profile"
	"github.com/hukousim/hukousim/output/rundir"
)

// Outputs are a command's run directory and profiles: nothing is left
// under a final name unless Done is called.
type Outputs struct {
	Dir *rundir.Dir
	pr  *profile.Profiler
}

// Begin starts the run directory (saying on stderr which directories left
// by killed runs it removed on the way) and the profiles. A deferred Close
// must follow.
func Begin(dir string, force bool, prof *profile.Flags, stderr io.Writer) (*Outputs, error) {
	if prof != nil {
		if err := prof.Check(force); err != nil { // before the directory, which would be removed
			return nil, err
		}
	}
	rd, err := rundir.Create(dir, force)
	if err != nil {
		return nil, err
	}
	for _, p := range rd.Removed() {
		fmt.Fprintf(stderr, "hukousim: removed %s, left unfinished by a run that was killed\n", p)
	}
	o := &Outputs{Dir: rd}
	if prof != nil {
		if o.pr, err = prof.Start(force); err != nil {
			rd.Close()
			return nil, err
		}
	}
	return o, nil
}

// Close removes what was not done.
func (o *Outputs) Close() {
	o.Dir.Close()
	if o.pr != nil {
		o.pr.Discard()
	}
}

// Done puts the run directory and the profiles under their names.
func (o *Outputs) Done() error {
	if err := o.Dir.Commit(); err != nil {
		return err
	}
	if o.pr == nil {
		return nil
	}
	if err := o.pr.Finish(); err != nil {
		return fmt.Errorf("wrote %s, but not the profile: %w", o.Dir.Path(), err)
	}
	return nil
}
