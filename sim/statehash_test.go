package sim

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"flag"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
)

var updateState = flag.Bool("update-state", false, "rewrite testdata/state-hash.txt")

// stateHash is a SHA-256 of every household's state and of the year's
// sums, field by field (no padding bytes), floats by their bits.
func stateHash(m *Model) string {
	h := sha256.New()
	var b [8]byte
	put := func(x uint64) {
		binary.LittleEndian.PutUint64(b[:], x)
		h.Write(b[:])
	}
	for i := range m.hh {
		hh := &m.hh[i]
		put(hh.id)
		for _, f := range []float32{hh.theta, hh.etaF, hh.etaM, hh.income, hh.remit} {
			put(uint64(math.Float32bits(f)))
		}
		h.Write([]byte{hh.region, byte(hh.dest), hh.yearsAway, hh.ageF, hh.ageM, hh.schoolF, hh.schoolM,
			hh.careAge, hh.flags, hh.kidsToCome, hh.births, hh.lastP, hh.lastS,
			hh.prov, byte(hh.xuejiBits), byte(hh.xuejiBits >> 8), hh.examBits})
		for _, k := range hh.kids {
			put(uint64(math.Float32bits(k.h)))
			put(uint64(math.Float32bits(k.e)))
			h.Write([]byte{byte(k.age), k.sex, k.flags, k.school, k.lbOne, k.lbBoth, k.switches, k.couns})
		}
	}
	for _, x := range m.cur.flat()[:accSums] {
		put(math.Float64bits(x))
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// TestStateHashGolden pins the complete state after a short run. The
// cross-architecture check (.ci/crossarch) runs this test on arm64 under
// qemu, so it proves the two give the same bits for every household, not
// only the same printed metrics. Rewrite with -update-state only in a
// commit that says why the model changed.
func TestStateHashGolden(t *testing.T) {
	p := testParams()
	p.Population.Households = 3000
	p.Policy.GirlsCCTYuanYear = 500 // exercise every term
	m, err := New(p, nil, Config{Seed: 99, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	for range p.Time.BurnIn + p.Time.Years {
		if err := m.Step(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	got := stateHash(m)
	const golden = "testdata/state-hash.txt"
	if *updateState {
		if err := os.WriteFile(golden, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != strings.TrimSpace(string(want)) {
		t.Errorf("state hash %s, want %s: the model's bits changed (on another processor, or on purpose: then rerun with -update-state and say why)", got, strings.TrimSpace(string(want)))
	}
}
