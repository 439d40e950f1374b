package sensitivity

import (
	"slices"
	"testing"
)

func TestGrid(t *testing.T) {
	got, err := Grid([]int{2, 3})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]float64{
		{0.25, 0.5 / 3}, {0.25, 0.5}, {0.25, 2.5 / 3},
		{0.75, 0.5 / 3}, {0.75, 0.5}, {0.75, 2.5 / 3},
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("Grid([2 3]) = %v, want %v", got, want)
	}
	got, err = Grid([]int{3, 1, 4, 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 24 {
		t.Fatalf("Grid([3 1 4 2]) has %d rows, want 24", len(got))
	}
	if got[1][3] != 0.75 || got[2][2] != 0.375 || got[23][0] != 2.5/3 {
		t.Errorf("Grid([3 1 4 2]) rows out of order: %v", got[:3])
	}
	for _, levels := range [][]int{nil, {2, 0}, {-1}, {1 << 14, 1 << 14, 2}} {
		if _, err := Grid(levels); err == nil {
			t.Errorf("Grid(%v): no error", levels)
		}
	}
}

// TestLatinHypercube checks that every dimension has exactly one point in
// each stratum [s/n, (s+1)/n).
func TestLatinHypercube(t *testing.T) {
	for _, n := range []int{1, 3, 50, 999} {
		x, err := LatinHypercube(n, 4, 11)
		if err != nil {
			t.Fatal(err)
		}
		if len(x) != n {
			t.Fatalf("n = %d: %d rows", n, len(x))
		}
		for j := range 4 {
			seen := make([]bool, n)
			for i := range x {
				s := int(x[i][j] * float64(n))
				if x[i][j] < 0 || x[i][j] >= 1 || seen[s] {
					t.Fatalf("n = %d, dimension %d: point %v in a full or missing stratum", n, j, x[i][j])
				}
				seen[s] = true
			}
		}
	}
}

func TestInStratumEdges(t *testing.T) {
	// (2 + u)/3 with u = 1 − 2^-53 rounds to 1 in float64; it must stay
	// in stratum 2.
	s, u, n := 2.0, 1-0x1p-53, 3.0
	if x := inStratum(2, (s+u)/n, n); x >= 1 || int(x*3) != 2 {
		t.Errorf("inStratum gave %v", x)
	}
}

func TestLatinHypercubeSeeds(t *testing.T) {
	a, _ := LatinHypercube(20, 3, 5)
	b, _ := LatinHypercube(20, 3, 5)
	c, _ := LatinHypercube(20, 3, 6)
	if !slices.EqualFunc(a, b, slices.Equal) {
		t.Error("same seed, different designs")
	}
	if slices.EqualFunc(a, c, slices.Equal) {
		t.Error("different seeds, same design")
	}
	for _, c := range []struct{ n, k int }{{0, 2}, {2, 0}, {-3, 1}, {MaxCoordinates, 2}} {
		if _, err := LatinHypercube(c.n, c.k, 1); err == nil {
			t.Errorf("LatinHypercube(%d, %d): no error", c.n, c.k)
		}
	}
}
