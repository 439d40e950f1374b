package sensitivity

import "testing"

// TestSplitMix64Reference pins the generator to the reference outputs of
// splitmix64.c for seed 1234567 (Rosetta Code, "Pseudo-random
// numbers/Splitmix64"), so every design stays the same across Go releases.
func TestSplitMix64Reference(t *testing.T) {
	g := newRNG(1234567)
	for i, want := range []uint64{6457827717110365317, 3203168211198807973, 9817491932198370423, 4593380528125082431, 16408922859458223821} {
		if got := g.Uint64(); got != want {
			t.Fatalf("output %d: %d, want %d", i, got, want)
		}
	}
}

func TestSplitMix64Ranges(t *testing.T) {
	g := newRNG(7)
	counts := make([]int, 3)
	for range 30000 {
		if u := g.Float64(); u < 0 || u >= 1 {
			t.Fatalf("Float64 = %v, outside [0,1)", u)
		}
		counts[g.IntN(3)]++
	}
	// Each count is Binomial(30000, 1/3): sd 82, so ±500 is 6 sd.
	for v, c := range counts {
		if c < 9500 || c > 10500 {
			t.Errorf("IntN(3) gave %d %d times in 30000", v, c)
		}
	}
	if got := newRNG(7).perm(5); len(got) != 5 {
		t.Fatalf("perm(5) = %v", got)
	}
}
