package sensitivity

import (
	"hash/fnv"
	"math"
	"testing"
)

// TestGolden pins the bits of every design, analysis and quantile to
// hashes recorded on linux/amd64, so a run on another processor (arm64,
// whose compiler fuses multiply-adds where allowed) or Go release checks
// that results are reproducible bit for bit. The model here is a
// polynomial written with explicit roundings, so that it too gives the same
// bits everywhere.
func TestGolden(t *testing.T) {
	poly := func(u []float64) float64 {
		return u[0] + float64(2*float64(u[1]*u[1])) + float64(u[0]*u[2])
	}
	hash := func(rows ...[]float64) uint64 {
		h := fnv.New64a()
		var b [8]byte
		for _, row := range rows {
			for _, v := range row {
				bits := math.Float64bits(v)
				for i := range b {
					b[i] = byte(bits >> (8 * i))
				}
				h.Write(b[:])
			}
		}
		return h.Sum64()
	}
	lhs, _ := LatinHypercube(50, 4, 1)
	mor, _ := Morris(10, 3, 4, 1)
	sal, _ := Saltelli(256, 3, 1)
	mres, _ := MorrisAnalyze(mor, evaluate(mor, poly), 10, 3, 100, 1)
	sres, _ := SobolAnalyze(evaluate(sal, poly), 256, 3, 100, 1)
	var mflat, sflat []float64
	for _, m := range mres {
		mflat = append(mflat, m.Mu, m.MuStar, m.Sigma, m.MuStarLow, m.MuStarHigh)
	}
	for _, s := range sres {
		sflat = append(sflat, s.S1, s.S1Low, s.S1High, s.ST, s.STLow, s.STHigh)
	}
	var q []float64
	dists := []Dist{must(t)(Uniform(-1, 3)), must(t)(LogUniform(0.01, 50)), must(t)(Normal(2, 0.5)), must(t)(Triangular(1, 2, 5))}
	for i := range 1000 {
		u := (float64(i) + 0.5) / 1000
		for _, d := range dists {
			q = append(q, d.Quantile(u))
		}
	}
	for _, c := range []struct {
		name string
		got  uint64
		want uint64
	}{
		{"LatinHypercube", hash(lhs...), 0xa7f359958524f7b3},
		{"Morris", hash(mor...), 0xa9a143faaa92fc05},
		{"Saltelli", hash(sal...), 0x32362aee4357fae},
		{"MorrisAnalyze", hash(mflat), 0x23424ad68f2568ec},
		{"SobolAnalyze", hash(sflat), 0x1df3746c5d5cdeab},
		{"quantiles", hash(q), 0xda12a414d9328319},
	} {
		if c.got != c.want {
			t.Errorf("%s: hash %#x, want %#x", c.name, c.got, c.want)
		}
	}
}
