package main

import (
	"bufio"
	"os"
	"runtime"
	"strconv"
	"strings"
)

func defaultWorkers() int { return runtime.GOMAXPROCS(0) }

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
