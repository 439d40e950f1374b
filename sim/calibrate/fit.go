package calibrate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"

	"gonum.org/v1/gonum/optimize"

	"github.com/hukousim/hukousim/sim/fmath"
	"github.com/hukousim/hukousim/sim/rng"
)

// RunFunc runs the calibration's scenario with parameter overrides
// ("path=value", as --set) and returns its data. It must use the same seed
// every time: then the objective changes only through the parameters.
type RunFunc func(ctx context.Context, sets []string) (Data, error)

// Problem is a calibration ready to evaluate.
type Problem struct {
	Spec *Spec
	Run  RunFunc
	// Base holds the scenario's value at every path of a "scale"
	// parameter, which the factor multiplies.
	Base map[string]float64
	// Progress, if set, is told of every evaluation.
	Progress func(Evaluation)
}

// Evaluation is one point the fit tried.
type Evaluation struct {
	N         int
	X         []float64 // by parameter, in Spec.Params order
	Objective float64
	Scores    []Score
	Best      bool // the best so far
}

// Sets turns a point into the overrides that apply it.
func (p *Problem) Sets(x []float64) []string {
	var sets []string
	for i, par := range p.Spec.Params {
		for _, path := range par.Paths {
			v := x[i]
			if par.Mode == "scale" {
				v *= p.Base[path]
			}
			sets = append(sets, fmt.Sprintf("%s=%s", path, formatValue(v)))
		}
	}
	return sets
}

func formatValue(v float64) string {
	return fmt.Sprintf("%.10g", v)
}

// Evaluate runs the model at x and scores it.
func (p *Problem) Evaluate(ctx context.Context, x []float64) (float64, []Score, error) {
	d, err := p.Run(ctx, p.Sets(x))
	if err != nil {
		return math.Inf(1), nil, err
	}
	targets := make([]Target, len(p.Spec.Targets))
	weights := make([]float64, len(p.Spec.Targets))
	for i, t := range p.Spec.Targets {
		targets[i], weights[i] = t.Target, t.Weight
	}
	scores := Evaluate(targets, d)
	return Distance(scores, weights), scores, nil
}

// Checkpoint is the best point found so far and the evaluations spent,
// saved after every evaluation so that an interrupted fit resumes from it.
type Checkpoint struct {
	// Problem is the fingerprint of the calibration it belongs to
	// (Spec.Fingerprint): a checkpoint of another scenario, size, seed,
	// set of targets or parameters is refused, not resumed.
	Problem     string    `json:"problem"`
	Names       []string  `json:"parameters"`
	X           []float64 `json:"values"`
	Objective   float64   `json:"objective"`
	Evaluations int       `json:"evaluations"`
}

// Fit minimises the distance over the parameters' bounds, starting from
// start (or from the checkpoint's best point if the file exists), with
// Nelder–Mead or CMA-ES from gonum/optimize. Parameters are searched on
// u ∈ ℝ with x = low + (high − low)·logistic(u), so every point tried lies
// within the bounds. It returns the best point and its evaluation.
func (p *Problem) Fit(ctx context.Context, start []float64, checkpoint string) (*Evaluation, []Evaluation, error) {
	pars := p.Spec.Params
	done := 0
	if checkpoint != "" {
		if b, err := os.ReadFile(checkpoint); err == nil {
			var c Checkpoint
			if err := json.Unmarshal(b, &c); err != nil {
				return nil, nil, fmt.Errorf("calibrate: checkpoint %s is unreadable: %w", checkpoint, err)
			}
			if !sameNames(c.Names, pars) {
				return nil, nil, fmt.Errorf("calibrate: checkpoint %s is for the parameters %v, not these; remove it to start afresh", checkpoint, c.Names)
			}
			if c.Problem != p.Spec.Fingerprint() {
				return nil, nil, fmt.Errorf("calibrate: checkpoint %s was made for another calibration (its scenario, overrides, size, seed, method, targets or bounds differ); remove it, or name another with --checkpoint, to start afresh", checkpoint)
			}
			start, done = c.X, c.Evaluations
		}
	}
	toU := func(x []float64) []float64 {
		u := make([]float64, len(x))
		for i, par := range pars {
			f := (x[i] - par.Low) / (par.High - par.Low)
			f = math.Min(math.Max(f, 1e-6), 1-1e-6)
			u[i] = fmath.Log(f / (1 - f))
		}
		return u
	}
	toX := func(u []float64) []float64 {
		x := make([]float64, len(u))
		for i, par := range pars {
			x[i] = par.Low + (par.High-par.Low)/(1+fmath.Exp(-u[i]))
		}
		return x
	}
	var best *Evaluation
	var trace []Evaluation
	var runErr error
	n := done
	f := func(u []float64) float64 {
		if runErr != nil || ctx.Err() != nil {
			return math.Inf(1) // spend what is left of the budget at once
		}
		x := toX(u)
		obj, scores, err := p.Evaluate(ctx, x)
		if err != nil {
			runErr = err
			return math.Inf(1)
		}
		n++
		ev := Evaluation{N: n, X: x, Objective: obj, Scores: scores}
		if best == nil || obj < best.Objective {
			ev.Best = true
			b := ev
			best = &b
		}
		// The best point and the evaluations spent, after every evaluation.
		if checkpoint != "" {
			if err := saveCheckpoint(checkpoint, p.Spec, best.X, best.Objective, n); err != nil {
				runErr = err
			}
		}
		trace = append(trace, ev)
		if p.Progress != nil {
			p.Progress(ev)
		}
		return obj
	}
	var method optimize.Method
	switch p.Spec.Method {
	case "", "nelder-mead":
		method = &optimize.NelderMead{SimplexSize: 0.6}
	case "cma-es":
		src := rng.New(p.Spec.Seed, 0, 0, 0, rng.Init)
		method = &optimize.CmaEsChol{InitStepSize: 0.6, Src: &src}
	default:
		return nil, nil, fmt.Errorf("calibrate: unknown method %q (nelder-mead or cma-es)", p.Spec.Method)
	}
	budget := p.Spec.MaxEvals - done
	if budget <= 0 {
		return nil, nil, fmt.Errorf("calibrate: the checkpoint %s already holds %d evaluations, the budget is %d; raise max_evaluations to go on, or remove the checkpoint (or name another with --checkpoint) to start afresh", checkpoint, done, p.Spec.MaxEvals)
	}
	_, err := optimize.Minimize(optimize.Problem{Func: f}, toU(start), &optimize.Settings{FuncEvaluations: budget}, method)
	if runErr != nil {
		return best, trace, runErr
	}
	if err := ctx.Err(); err != nil {
		return best, trace, err
	}
	if err != nil && !errors.Is(err, optimize.ErrLinesearcherFailure) && best == nil {
		return nil, trace, fmt.Errorf("calibrate: %w", err)
	}
	return best, trace, nil
}

func sameNames(names []string, pars []Parameter) bool {
	if len(names) != len(pars) {
		return false
	}
	for i := range names {
		if names[i] != pars[i].Name {
			return false
		}
	}
	return true
}

func saveCheckpoint(path string, spec *Spec, x []float64, obj float64, n int) error {
	c := Checkpoint{Problem: spec.Fingerprint(), X: x, Objective: obj, Evaluations: n}
	for _, p := range spec.Params {
		c.Names = append(c.Names, p.Name)
	}
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("calibrate: saving the checkpoint: %w", err)
	}
	return os.Rename(tmp, path)
}

// Fingerprint identifies the calibration a checkpoint may resume: the
// SHA-256 of everything in the spec but the evaluation budget, which a
// resumed fit may raise.
func (s *Spec) Fingerprint() string {
	c := *s
	c.MaxEvals = 0
	b, err := json.Marshal(c)
	if err != nil {
		return "" // (a Spec holds only plain data)
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
