package scenarios

import (
	"reflect"
	"testing"
)

// TestRampValueExact checks rampValue to the bit: old + (new−old)·step/n
// with the product rounded before the sum. In the last three cases a fused
// multiply-add (one rounding) would give 0.11, 0.19999999999999998 and
// 0.3625 instead: the values must not depend on the processor.
func TestRampValueExact(t *testing.T) {
	cases := []struct {
		old, new float64
		step, n  int
		want     float64
	}{
		{0.5, 0.9, 1, 4, 0.6},
		{0.5, 0.9, 3, 4, 0.8},
		{0.6, 0.4, 1, 2, 0.5},
		{0.5, 0.9, 4, 4, 0.9}, // the last step is new exactly
		{0.1, 0.2, 1, 10, 0.11000000000000001},
		{0.1, 0.25, 2, 3, 0.2},
		{0.1, 0.45, 3, 4, 0.36249999999999993},
	}
	for _, c := range cases {
		got := rampValue(reflect.ValueOf(c.old), reflect.ValueOf(c.new), c.step, c.n).Float()
		if got != c.want {
			t.Errorf("rampValue(%v, %v, %d, %d) = %v, want %v", c.old, c.new, c.step, c.n, got, c.want)
		}
	}
	ints := []struct {
		old, new, step, n int
		want              int64
	}{
		{5, 1, 1, 4, 4},
		{5, 1, 3, 4, 2},
		{0, 3, 1, 2, 2}, // 1.5 rounds away from zero
		{0, -3, 1, 2, -2},
		{2, 7, 1, 3, 4}, // 3.67
	}
	for _, c := range ints {
		got := rampValue(reflect.ValueOf(c.old), reflect.ValueOf(c.new), c.step, c.n).Int()
		if got != c.want {
			t.Errorf("rampValue(%d, %d, %d, %d) = %d, want %d", c.old, c.new, c.step, c.n, got, c.want)
		}
	}
}
