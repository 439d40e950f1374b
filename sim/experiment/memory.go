package experiment

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/hukousim/hukousim/sim"
)

// metricsBytes bounds the memory of one replicate-year of metrics: about
// 500 values plus 4 per city, at under 64 bytes each with their groups.
const metricsBytes = 64 << 10

// CheckMemory refuses, before allocating, a run of reps replicates of p
// that will not fit in the memory available: the population of one
// replicate (sim.EstimateBytes), plus the metrics that all replicates keep
// until they are written. Where the available memory is unknown it says
// nothing.
func CheckMemory(p *sim.Params, reps int) error {
	return checkMemory(p, reps, availableMemory())
}

func checkMemory(p *sim.Params, reps int, avail int64) error {
	if avail <= 0 {
		return nil
	}
	pop := sim.EstimateBytes(p)
	metrics := int64(reps) * int64(p.Time.Years) * metricsBytes
	budget := avail * 8 / 10
	switch {
	case pop+metrics <= budget:
		return nil
	case pop >= metrics:
		return fmt.Errorf("%d households need about %.1f GB, but only %.1f GB of memory is available; lower --households (at most about %d here)",
			p.Population.Households, float64(pop)/1e9, float64(avail)/1e9, int64(float64(p.Population.Households)*float64(budget-metrics)/float64(pop)))
	default:
		return fmt.Errorf("%d replicates of %d years keep about %.1f GB of metrics, but only %.1f GB of memory is available; lower --reps or --years",
			reps, p.Time.Years, float64(metrics)/1e9, float64(avail)/1e9)
	}
}

// availableMemory reads MemAvailable from /proc/meminfo; 0 if unknown.
func availableMemory() int64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "MemAvailable:" {
			kb, err := strconv.ParseInt(fields[1], 10, 64)
			if err == nil {
				return kb * 1024
			}
		}
	}
	return 0
}
