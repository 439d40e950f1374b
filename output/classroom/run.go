package classroom

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"github.com/hukousim/hukousim/output"
	"github.com/hukousim/hukousim/output/i18n"
	"github.com/hukousim/hukousim/output/rundir"
	"github.com/hukousim/hukousim/scenarios"
	"github.com/hukousim/hukousim/sim"
	"github.com/hukousim/hukousim/sim/experiment"
)

// Request is one class run: a preset, the sliders' values, and the size.
type Request struct {
	Preset     string
	Values     map[string]float64
	Seed       uint64
	Households int
	Years      int
	Reps       int
	Lang       i18n.Lang // of the messages, the downloaded pages and their figures
}

// Limits bound what one run may ask, so that a class of 30 cannot take the
// machine down.
type Limits struct {
	MaxHouseholds, MaxYears, MaxReps int
}

// Chart is a series the page draws: a metric (and group), its label and
// how its values are shown.
type Chart struct {
	ID     string  `json:"id"`
	Metric string  `json:"metric"`
	Group  string  `json:"group"`
	Label  string  `json:"label"`
	Unit   string  `json:"unit"`
	Scale  float64 `json:"scale"`  // shown value = value × scale
	Digits int     `json:"digits"` // decimals of a value shown
	// DiffDigits are the decimals of a difference between scenarios.
	DiffDigits int `json:"diff_digits"`
}

// Charts are the page's series (English; LocalCharts gives another
// language).
var Charts = []Chart{
	{ID: "lbc", Metric: "lbc", Label: "Left-behind children", Unit: "millions", Scale: 1e-6, Digits: 1, DiffDigits: 2},
	{ID: "girls", Metric: "lbc_share_girls", Label: "Rural girls left behind", Unit: "%", Scale: 100, Digits: 1, DiffDigits: 1},
	{ID: "boys", Metric: "lbc_share_boys", Label: "Rural boys left behind", Unit: "%", Scale: 100, Digits: 1, DiffDigits: 1},
	{ID: "depression", Metric: "depression_lbc", Label: "Left-behind children with depressive symptoms", Unit: "%", Scale: 100, Digits: 1, DiffDigits: 1},
}

// YearEvent is one recorded year of replicate 0, both scenarios.
type YearEvent struct {
	Year     int                `json:"year"`
	Baseline map[string]float64 `json:"baseline"`
	Class    map[string]float64 `json:"class"`
}

// Point is a final value with its 95% interval across replicates.
type Point struct {
	Mean float64 `json:"mean"`
	Low  float64 `json:"low"`
	High float64 `json:"high"`
}

// DoneEvent is the finished comparison: every chart's series over the
// replicates, the last year's differences with their paired intervals,
// and where to download the reports.
type DoneEvent struct {
	Years      []int              `json:"years"`
	Baseline   map[string][]Point `json:"baseline"`
	Class      map[string][]Point `json:"class"`
	Effects    map[string]Point   `json:"effects"` // class − baseline, last year
	Reps       int                `json:"reps"`
	Downloads  map[string]string  `json:"downloads"`
	Scenario   string             `json:"scenario"` // the class's scenario file
	Households int                `json:"households"`
	Seed       uint64             `json:"seed"`
}

// load reads the class's scenario and the baseline at the run's size.
func load(req Request, preset Preset) (class, base *scenarios.Scenario, yaml []byte, err error) {
	sets := []string{"population.households=" + strconv.Itoa(req.Households), "time.years=" + strconv.Itoa(req.Years)}
	yaml = ClassYAML(preset, req.Values, req.Lang)
	if class, err = scenarios.LoadBytes("class.yaml", yaml, sets); err != nil {
		return nil, nil, nil, err
	}
	if base, err = scenarios.Load("baseline", sets); err != nil {
		return nil, nil, nil, err
	}
	return class, base, yaml, nil
}

// pick reads the charts' values, in l's units, from a year's metrics.
func pick(l i18n.Lang, vals []sim.Value) map[string]float64 {
	out := map[string]float64{}
	for _, c := range LocalCharts(l) {
		for _, v := range vals {
			if v.Name == c.Metric && v.Group == c.Group {
				out[c.ID] = finite(v.Value * c.Scale)
			}
		}
	}
	return out
}

// finite turns NaN (a share of nobody) into 0 for JSON, which has no NaN.
func finite(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return x
}

// stream runs replicate 0 of both scenarios side by side and hands each
// recorded year to year.
func stream(ctx context.Context, req Request, class, base *scenarios.Scenario, workers int, year func(YearEvent) error) error {
	var models [2]*sim.Model
	for i, sc := range []*scenarios.Scenario{base, class} {
		eps, err := sc.Epochs()
		if err != nil {
			return err
		}
		if models[i], err = sim.New(&sc.Params, eps, sim.Config{Seed: req.Seed, Replicate: 0, Workers: workers}); err != nil {
			return err
		}
	}
	t := base.Params.Time
	for y := 0; y < t.BurnIn+t.Years; y++ {
		for _, m := range models {
			if err := m.Step(ctx); err != nil {
				return err
			}
		}
		if models[0].Recording() {
			if err := year(YearEvent{Year: models[0].Year(), Baseline: pick(req.Lang, models[0].Metrics()), Class: pick(req.Lang, models[1].Metrics())}); err != nil {
				return err
			}
		}
	}
	return nil
}

// compare runs the comparison every replicate as `hukousim compare
// baseline class.yaml` would, writing its directory under tmp, and returns
// the page's summary of it and the files to offer.
func compare(ctx context.Context, req Request, class, base *scenarios.Scenario, yaml []byte, workers int, tmp string) (*DoneEvent, map[string][]byte, error) {
	dir, err := os.MkdirTemp(tmp, "class-")
	if err != nil {
		return nil, nil, err
	}
	defer os.RemoveAll(dir)
	rd, err := rundir.Create(filepath.Join(dir, "compare"), false)
	if err != nil {
		return nil, nil, err
	}
	defer rd.Close()
	job := output.CompareJob{Paired: true, Branch: true, Formats: []string{"png"}, Inputs: []string{"baseline", "class.yaml"}, Lang: req.Lang}
	// The commands the pages give reproduce them from the files the page
	// offers: the class's scenario.yaml, at the run's size and seed.
	size := fmt.Sprintf("--households %d --years %d --seed %d --reps %d", req.Households, req.Years, req.Seed, req.Reps)
	job.Commands.Compare = "hukousim compare baseline scenario.yaml " + size
	job.Commands.Run = func(sc *scenarios.Scenario) string {
		if sc.Name == "baseline" {
			return "hukousim run baseline " + size
		}
		return "hukousim run scenario.yaml " + size
	}
	for _, sc := range []*scenarios.Scenario{base, class} {
		eps, err := sc.Epochs()
		if err != nil {
			return nil, nil, err
		}
		fy, err := sc.CheckFigureYear(0)
		if err != nil {
			return nil, nil, err
		}
		job.Scenarios, job.FigureYears = append(job.Scenarios, sc), append(job.FigureYears, fy)
		job.Specs = append(job.Specs, experiment.Spec{Base: &sc.Params, Epochs: eps, Seed: req.Seed, Reps: req.Reps, Workers: workers})
	}
	cmp, err := output.Compare(ctx, rd, job)
	if err != nil {
		return nil, nil, err
	}
	if err := rd.Commit(); err != nil {
		return nil, nil, err
	}
	done := &DoneEvent{Baseline: map[string][]Point{}, Class: map[string][]Point{}, Effects: map[string]Point{},
		Reps: req.Reps, Scenario: string(yaml), Households: req.Households, Seed: req.Seed}
	sums := []*output.Summary{cmp.Runs[0].Summary(), cmp.Runs[1].Summary()}
	done.Years = sums[0].Years
	last := done.Years[len(done.Years)-1]
	for _, c := range LocalCharts(req.Lang) {
		for i, into := range []map[string][]Point{done.Baseline, done.Class} {
			for _, y := range done.Years {
				iv, _ := sums[i].Get(c.Metric, c.Group, y)
				into[c.ID] = append(into[c.ID], Point{finite(iv.Mean * c.Scale), finite(iv.Low * c.Scale), finite(iv.High * c.Scale)})
			}
		}
		for _, e := range cmp.Effects {
			if e.Metric == c.Metric && e.Group == c.Group && e.Year == last {
				done.Effects[c.ID] = Point{finite(e.Diff * c.Scale), finite(e.DiffLow * c.Scale), finite(e.DiffHigh * c.Scale)}
			}
		}
	}
	files := map[string][]byte{"scenario.yaml": yaml}
	for name, rel := range map[string]string{"compare.html": "compare.html", "report.html": filepath.Join("runs", "class", "report.html")} {
		b, err := os.ReadFile(filepath.Join(dir, "compare", rel))
		if err != nil {
			return nil, nil, fmt.Errorf("classroom: reading the comparison's %s: %w", name, err)
		}
		files[name] = b
	}
	return done, files, nil
}

// LocalCharts are the charts in l: labelled in it, and counting in its
// unit (Chinese counts in 万, ten thousands, as the reports do).
func LocalCharts(l i18n.Lang) []Chart {
	out := append([]Chart(nil), Charts...)
	for i := range out {
		out[i].Label = l.T("chart." + out[i].ID)
		if out[i].Unit == "millions" {
			out[i].Unit = l.T("unit.millions")
			if l == i18n.ZH {
				out[i].Scale, out[i].Digits, out[i].DiffDigits = 1e-4, 0, 0
			}
		}
	}
	return out
}
