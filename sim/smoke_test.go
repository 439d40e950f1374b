package sim

import (
	"context"
	"testing"
)

func TestSmoke(t *testing.T) {
	p := testParams()
	m, err := New(p, nil, Config{Seed: 1, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	for y := 0; y < p.Time.BurnIn+p.Time.Years; y++ {
		if err := m.Step(context.Background()); err != nil {
			t.Fatal(err)
		}
		if m.Recording() {
			for _, v := range m.Metrics() {
				if v.Group == "" {
					t.Logf("%d %s %.4g", m.Year(), v.Name, v.Value)
				}
			}
		}
	}
}
