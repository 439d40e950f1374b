package stats

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

func gonumT975(df int) float64 { return gonumT975Real(float64(df)) }

func gonumT975Real(df float64) float64 {
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(0.975)
}

func relDiff(a, b float64) float64 { return math.Abs(a-b) / math.Abs(b) }

// TestT975Table checks the table against gonum's quantile, which generated
// it: the same bits on amd64 (below GOAMD64=v3), within a few rounding
// errors of its arithmetic elsewhere.
func TestT975Table(t *testing.T) {
	if len(t975) != 201 || t975[0] != 0 {
		t.Fatalf("t975 has %d entries and t975[0] = %v, want df = 1..200 and t975[0] unused", len(t975), t975[0])
	}
	for df := 1; df < len(t975); df++ {
		got, want := tQuantile975(df), gonumT975(df)
		if got != t975[df] {
			t.Errorf("tQuantile975(%d) = %v, not the table's %v", df, got, t975[df])
		}
		if gonumExact && got != want || relDiff(got, want) > 1e-13 {
			t.Errorf("tQuantile975(%d) = %v, gonum's quantile %v (exact: %v)", df, got, want, gonumExact)
		}
	}
}

// TestT975Expansion checks the Cornish-Fisher expansion used above the
// table against gonum's quantile, df = 201..100000: every df up to 2000,
// then every 31st and 100000 (gonum's quantile is slow there: all of them
// take 8 s); every 97th in -short. gonum's own relative error grows with
// df, to a few 1e-11 near 100000 (it takes √(df·(1−x)/x) for x near 1).
func TestT975Expansion(t *testing.T) {
	var dfs []int
	if testing.Short() {
		for df := 201; df <= 100000; df += 97 {
			dfs = append(dfs, df)
		}
	} else {
		for df := 201; df <= 2000; df++ {
			dfs = append(dfs, df)
		}
		for df := 2001; df < 100000; df += 31 {
			dfs = append(dfs, df)
		}
	}
	dfs = append(dfs, 100000)
	worst, at := 0.0, 0
	for _, df := range dfs {
		got, want := tQuantile975(df), gonumT975(df)
		if d := relDiff(got, want); d > worst || math.IsNaN(d) {
			worst, at = d, df
		}
	}
	if !(worst <= 1e-9) {
		t.Errorf("largest relative difference from gonum's quantile %.3g at df = %d, want ≤ 1e-9", worst, at)
	}
	t.Logf("largest relative difference from gonum's quantile, df = 201..100000: %.3g at df = %d", worst, at)
}

// TestT975Exact checks tQuantile975 against the exact quantiles (to 22
// digits, solving I_{df/(df+t²)}(df/2, 1/2) = 0.05 with mpmath at 40
// digits): the table's values (gonum's) are within 3e-14, the expansion
// within 1e-14.
func TestT975Exact(t *testing.T) {
	cases := []struct {
		df   int
		want float64
	}{
		// t(0.975, 1) = tan(0.475π).
		{1, 12.70620473617470464602168},
		{2, 4.302652729749463852320944},
		{3, 3.182446305283709592723225},
		{4, 2.776445105197794357803105},
		{10, 2.228138851986274748395491},
		{30, 2.042272456301238309958042},
		{100, 1.983971518523552286595185},
		{165, 1.974445630092382926669334}, // the table's worst
		{200, 1.971896223633909382225052},
		{201, 1.971836506779859265104},
		{202, 1.971777384669989511511},
		{250, 1.969498393421153586505},
		{300, 1.967903011261087030131},
		{500, 1.964719837467367793356},
		{1000, 1.962339080826408484999},
		{2000, 1.961150826099438030545},
		{10000, 1.960201239890626257838},
		{100000, 1.959987707534609638592},
		{1000000, 1.959966356814107035259},
		{1000000000, 1.959963986912325468646},
	}
	for _, c := range cases {
		tol := 1e-14
		if c.df < len(t975) {
			tol = 3e-14
		}
		if got := tQuantile975(c.df); relDiff(got, c.want) > tol {
			t.Errorf("tQuantile975(%d) = %v, want %v (relative difference %.3g > %g)", c.df, got, c.want, relDiff(got, c.want), tol)
		}
	}
}

// TestT975Shape: decreasing in df towards Φ⁻¹(0.975), NaN below df = 1.
func TestT975Shape(t *testing.T) {
	prev := math.Inf(1)
	for df := 1; df <= 100000; df++ {
		q := tQuantile975(df)
		if !(q <= prev) || !(q >= tZ) {
			t.Fatalf("tQuantile975(%d) = %v after %v: not decreasing towards %v", df, q, prev, float64(tZ))
		}
		prev = q
	}
	// Φ⁻¹(0.975) = 1.95996398454005423552... rounds to 1.9599639845400543
	// (0x3fff5c0331eeff85), one unit in the last place above the float64
	// of 1.959963984540054.
	if q := tQuantile975(math.MaxInt); q != 1.9599639845400543 || float64(tZ) != 1.9599639845400543 {
		t.Errorf("tQuantile975(MaxInt) = %v and tZ = %v, want 1.9599639845400543", q, float64(tZ))
	}
	for _, df := range []int{0, -1} {
		if q := tQuantile975(df); !math.IsNaN(q) {
			t.Errorf("tQuantile975(%d) = %v, want NaN", df, q)
		}
	}
}

// TestMeanCIBits checks MeanCI to the bit on samples of 2 to 500 exact
// values. Up to 201 values (df ≤ 200, the table) the bits are those that
// MeanCI gave on amd64 with gonum's quantile computed at run time; from
// 202 on, the expansion's, within 1e-14 of them. They must be the same on
// every processor.
func TestMeanCIBits(t *testing.T) {
	cases := []struct {
		n                   int
		mean                float64
		low, high           uint64  // math.Float64bits
		gonumLow, gonumHigh float64 // with gonum's quantile, amd64
	}{
		{2, 1.5357142857142858, 0xc041d670af5593e4, 0x40435f95419eb876, -35.67531387022589, 38.74674244165446},
		{3, 4.464285714285714, 0xc0242bdc1e25ab92, 0x403303a4ea808ca4, -10.085663740251935, 19.01423516882336},
		{4, 3.7857142857142856, 0xc0107f86236d84a4, 0x402764555adb549b, -4.12453513484903, 11.6959637062776},
		{5, 4.55, 0xbff338b4ff2cd3d4, 0x40249a49d318cdae, -1.2013444869783045, 10.301344486978305},
		{10, 4.764285714285714, 0x3ffa2d7b86fda14e, 0x401f91e2f25dd980, 1.6361041329456216, 7.892467295625806},
		{30, 3.697619047619048, 0x4000b9d0c77053e8, 0x401537d0e7dc8f58, 2.090730245700332, 5.304507849537764},
		{100, 3.8600000000000008, 0x4008391713d7cd63, 0x4012c4bc24289432, 3.0278760481102593, 4.692123951889743},
		{201, 3.876510305614784, 0x400a5ca22738df02, 0x4011d4c6c22d5819, 3.2952311577063265, 4.457789453523241},
		{202, 3.8928571428571437, 0x400a8237b24473de, 0x4011e3767002585c, 3.3135827948703795, 4.472131490843908},
		{500, 3.8905714285714286, 0x400c31a216db77ee, 0x40110712de55fefd, 3.524234942028662, 4.256907915114195},
	}
	for _, c := range cases {
		xs := make([]float64, c.n)
		for i := range xs {
			xs[i] = float64((i*7919+13)%101)/7 - 3.25 // exact on every processor
		}
		iv := MeanCI(xs)
		if iv.N != c.n || iv.Mean != c.mean || math.Float64bits(iv.Low) != c.low || math.Float64bits(iv.High) != c.high {
			t.Errorf("%d values: MeanCI = %+v (low %#x, high %#x), want mean %v, low %#x (%v), high %#x (%v)", c.n, iv,
				math.Float64bits(iv.Low), math.Float64bits(iv.High), c.mean, c.low, math.Float64frombits(c.low), c.high, math.Float64frombits(c.high))
		}
		if relDiff(iv.Low, c.gonumLow) > 1e-14 || relDiff(iv.High, c.gonumHigh) > 1e-14 {
			t.Errorf("%d values: MeanCI = [%v, %v], with gonum's quantile [%v, %v]", c.n, iv.Low, iv.High, c.gonumLow, c.gonumHigh)
		}
	}
}

// MeanCI's edge cases: no values, one, NaNs left out, no spread.
func TestMeanCIEdges(t *testing.T) {
	if iv := MeanCI(nil); iv.N != 0 || !math.IsNaN(iv.Mean) || !math.IsNaN(iv.Low) || !math.IsNaN(iv.High) {
		t.Errorf("no values: %+v, want NaN", iv)
	}
	if iv := MeanCI([]float64{math.NaN(), 7}); iv.N != 1 || iv.Mean != 7 || !math.IsNaN(iv.Low) || !math.IsNaN(iv.High) {
		t.Errorf("one value: %+v, want mean 7 and no interval", iv)
	}
	if iv := MeanCI([]float64{3, 3, math.NaN(), 3}); iv.N != 3 || iv.Mean != 3 || iv.Low != 3 || iv.High != 3 {
		t.Errorf("no spread: %+v, want 3 [3, 3]", iv)
	}
	// x = 10, 12: mean 11, sd = √2, half-width t(0.975, 1)·√2/√2.
	if iv := MeanCI([]float64{10, 12}); iv.Low != 11-t975[1] || iv.High != 11+t975[1] {
		t.Errorf("two values: %+v, want 11 ± %v", iv, t975[1])
	}
}

// TestT975UTable checks the grid of TQuantile975's interpolation against
// gonum's quantile, which generated it, as TestT975Table does t975: nodes
// k = 0..tUSteps+3 (the last of a stencil of 8 centred on the interval
// below df = 1), df = tUSteps/k, t975U[0] = tZ (df = ∞), and the nodes at
// an integer df (k a power of two) the same values as t975.
func TestT975UTable(t *testing.T) {
	if len(t975U) != tUSteps+tULagrange/2 || t975U[0] != tZ {
		t.Fatalf("t975U has %d entries and t975U[0] = %v, want %d and %v", len(t975U), t975U[0], tUSteps+tULagrange/2, float64(tZ))
	}
	for k := 1; k < len(t975U); k++ {
		df := float64(tUSteps) / float64(k)
		got, want := t975U[k], gonumT975Real(df)
		if gonumExact && got != want || relDiff(got, want) > 1e-13 {
			t.Errorf("t975U[%d] (df = %v) = %v, gonum's quantile %v (exact: %v)", k, df, got, want, gonumExact)
		}
		if tUSteps%k == 0 && got != t975[tUSteps/k] {
			t.Errorf("t975U[%d] (df = %v) = %v, t975[%d] = %v", k, df, got, tUSteps/k, t975[tUSteps/k])
		}
	}
}

// TestTQuantile975Gonum checks TQuantile975 against gonum's quantile at
// fractional df: 20000 in (1, 200), the interpolation (every 199/20000,
// offset by an irrational 0.618… of a step so as to miss the grid), and
// 3000 log-spaced in (200, 10000], the expansion; a tenth of them in
// -short. Up to df = 200 gonum's own relative error is some 4e-14, ours
// (against exact quantiles, TestTQuantile975Exact) 3e-15, so 1e-13 leaves
// a margin of 2 for gonum's rounding on other processors; above, gonum's
// error grows with df (√(df·(1−x)/x) for x near 1: 2.5e-13 up to df =
// 1000, 5e-12 near 9300), hence 1e-10 there, where the expansion is within
// 1e-14 of the exact quantile.
func TestTQuantile975Gonum(t *testing.T) {
	n, m := 20000, 3000
	if testing.Short() {
		n, m = 2000, 300
	}
	type worst struct {
		d, df float64
	}
	var low, high worst
	for i := 0; i < n; i++ {
		df := 1 + 199*(float64(i)+0.6180339887498949)/float64(n)
		if d := relDiff(TQuantile975(df), gonumT975Real(df)); d > low.d || math.IsNaN(d) {
			low = worst{d, df}
		}
	}
	for i := 1; i <= m; i++ {
		df := 200 * math.Pow(50, float64(i)/float64(m)) // exact powers are not needed
		if i == m {
			df = 10000
		}
		if d := relDiff(TQuantile975(df), gonumT975Real(df)); d > high.d || math.IsNaN(d) {
			high = worst{d, df}
		}
	}
	if !(low.d <= 1e-13) {
		t.Errorf("df in (1, 200): largest relative difference from gonum's quantile %.3g at df = %v, want ≤ 1e-13", low.d, low.df)
	}
	if !(high.d <= 1e-10) {
		t.Errorf("df in (200, 10000]: largest relative difference from gonum's quantile %.3g at df = %v, want ≤ 1e-10", high.d, high.df)
	}
	t.Logf("largest relative difference from gonum's quantile: %.3g at df = %v (df < 200), %.3g at df = %v (above)", low.d, low.df, high.d, high.df)
}

// TestTQuantile975Exact checks TQuantile975 against the exact quantiles at
// fractional df (to 25 digits, solving I_{df/(df+t²)}(df/2, 1/2) = 0.05
// with mpmath at 40 digits, at the float64 df): the interpolation is within
// 3e-15 of them (2.6e-15 the largest of 1500 df log-spaced in (1, 200)),
// the expansion within 5e-15 (4.8e-15 just above 200); 1e-14 is the bound
// of TestT975Exact's expansion.
func TestTQuantile975Exact(t *testing.T) {
	cases := []struct {
		df, want float64
	}{
		{1.0001, 12.70320282045148157040757},
		{1.5, 6.016663104427931921858875},
		{2.5, 3.574654842003683218451814},
		{3.7, 2.867520707191189403920871},
		{363.0 / 61, 2.451822186469846002576592}, // ExampleEffects' Welch df
		{7.25, 2.34819484910537219983228},
		{14.2, 2.141956118858091810293954},
		{33.3, 2.033819224134053203294573},
		{99.5, 1.984093610990624242660731},
		{157.627, 1.97512814227556183702853},
		{199.5, 1.971926307901525128152369},
		{200.5, 1.971866290304378302387359},
		{1234.5, 1.961887483331345599082821},
		{9999.5, 1.96020125175539860055858},
		{1000000.5, 1.959966356812920897414378},
	}
	for _, c := range cases {
		if got := TQuantile975(c.df); relDiff(got, c.want) > 1e-14 {
			t.Errorf("TQuantile975(%v) = %v, want %v (relative difference %.3g > 1e-14)", c.df, got, c.want, relDiff(got, c.want))
		}
	}
}

// TestTQuantile975Integers: at an integer df, TQuantile975 is
// tQuantile975's float64, bit for bit (the table up to 200, the same sum
// of the expansion above), so that MeanCI and the Welch interval agree.
func TestTQuantile975Integers(t *testing.T) {
	dfs := []int{1 << 20, 1000000, 1 << 40, 1000000000, 1 << 53}
	for df := 1; df <= 5000; df++ {
		dfs = append(dfs, df)
	}
	for _, df := range dfs {
		if got, want := TQuantile975(float64(df)), tQuantile975(df); math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("TQuantile975(%d) = %v, tQuantile975(%d) = %v", df, got, df, want)
		}
	}
}

// TestTQuantile975Shape: decreasing in df towards Φ⁻¹(0.975), tZ at
// df = +∞, NaN below df = 1 and at NaN. Decreasing is checked on a grid
// of df (every 1/4096 up to 200, then 1.001 times the last up to 1e9) and
// a millionth either side of each integer df = 2..201, where the table t975
// (gonum's quantiles, within 3e-14 of the exact ones) meets the
// interpolation and the expansion (within 3e-15 and 5e-15): over such
// steps the quantile falls by 3e-11 relative at the least (at df = 201,
// dt/d(df) ≈ −g1(z)/df² = −5.9e-5), far more than those errors, which
// closer to an integer (within some 1e-9) may reverse the order: just
// above df = 200 the expansion is 6e-15 above t975[200].
func TestTQuantile975Shape(t *testing.T) {
	prev := math.Inf(1)
	check := func(df float64) {
		t.Helper()
		q := TQuantile975(df)
		if !(q < prev) || !(q >= tZ) {
			t.Fatalf("TQuantile975(%v) = %v after %v: not decreasing towards %v", df, q, prev, float64(tZ))
		}
		prev = q
	}
	for i := 0; i <= 199*4096; i++ {
		check(1 + float64(i)/4096)
	}
	for df := 200.0; df < 1e9; df *= 1.001 {
		check(df * 1.001)
	}
	for k := 2; k <= 201; k++ {
		prev = math.Inf(1)
		for _, df := range []float64{float64(k) - 1e-6, float64(k), float64(k) + 1e-6} {
			check(df)
		}
	}
	if q := TQuantile975(math.Inf(1)); q != tZ {
		t.Errorf("TQuantile975(+Inf) = %v, want %v", q, float64(tZ))
	}
	for _, df := range []float64{math.Nextafter(1, 0), 0.5, 0, math.Copysign(0, -1), -1, math.Inf(-1), math.NaN()} {
		if q := TQuantile975(df); !math.IsNaN(q) {
			t.Errorf("TQuantile975(%v) = %v, want NaN", df, q)
		}
	}
}

// TestGenerateTQuantile runs gen_tquantile.go (with GOARCH=amd64
// GOAMD64=v1, as go generate does) into a temporary file and checks that
// it writes tquantile.go byte for byte: the tables are what the generator
// computes. It needs the go command and an amd64 processor to run the
// generator on, and compiles gonum (a few seconds): skipped elsewhere and
// in -short.
func TestGenerateTQuantile(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the generator with go run; skipped in -short")
	}
	if runtime.GOARCH != "amd64" {
		t.Skipf("the generator runs on amd64 only, not %s", runtime.GOARCH)
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command: %v", err)
	}
	out := filepath.Join(t.TempDir(), "tquantile.go")
	cmd := exec.Command(goCmd, "run", "gen_tquantile.go", "-o", out)
	cmd.Env = append(os.Environ(), "GOARCH=amd64", "GOAMD64=v1")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run gen_tquantile.go: %v\n%s", err, msg)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("tquantile.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("gen_tquantile.go writes %d bytes that are not tquantile.go's %d: run go generate", len(got), len(want))
	}
}
