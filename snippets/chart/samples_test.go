package chart

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// sampleCharts are the charts the tests and the sample renderer use: one
// of each kind, with data like a notebook's.
func sampleCharts() map[string]*Chart {
	var spans []Span
	for w := range 4 {
		at := time.Duration(w) * 3 * time.Millisecond
		for task := w; task < 22; task += 4 {
			d := time.Duration(18+(task*7)%23) * time.Millisecond
			spans = append(spans, Span{Lane: fmt.Sprintf("worker %d", w+1), Label: fmt.Sprintf("task %d", task), Start: at, End: at + d})
			at += d + time.Millisecond
		}
	}
	spans = append(spans, Span{Lane: "main", Label: "collect", Start: 0, End: 150 * time.Millisecond})
	workers := []float64{1, 2, 4, 8, 16}
	threads, procs, gil := make([]float64, 5), make([]float64, 5), make([]float64, 5)
	for i, w := range workers {
		threads[i] = 1.2 / math.Min(w, 2) * (1 + 0.03*w)
		procs[i] = 1.2/math.Min(w, 2) + 0.05*w
		gil[i] = 1.2 * (1 + 0.02*w)
	}
	return map[string]*Chart{
		"bar": Bar("Counting primes below 2,000,000", "x",
			[]string{"serial", "goroutines (GOMAXPROCS=1)", "goroutines", "process pool"},
			[]float64{1, 0.97, 1.94, 1.71}),
		"bar-times": Bar("Fetching 20 pages", "ms",
			[]string{"one by one", "8 goroutines", "errgroup, limit 4"},
			[]float64{2043.5, 268.1, 521.7}),
		"line": Line("Speed against workers", "workers", "seconds", workers,
			Series{Name: "goroutines", Y: threads}, Series{Name: "process pool", Y: procs},
			Series{Name: "GOMAXPROCS=1 (a GIL)", Y: gil}),
		"timeline": Timeline("A pool of 4 workers running 22 tasks", spans),
	}
}

// TestWriteSamples writes each sample chart as PNG, SVG and text into the
// directory named by CHANLAB_CHART_DIR, to look at by eye.
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("CHANLAB_CHART_DIR")
	if dir == "" {
		t.Skip("set CHANLAB_CHART_DIR to write sample charts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, c := range sampleCharts() {
		start := time.Now()
		p := c.PNG()
		pngTime := time.Since(start)
		start = time.Now()
		s := c.SVG()
		svgTime := time.Since(start)
		t.Logf("%s: PNG %d bytes in %v, SVG %d bytes in %v", name, len(p), pngTime, len(s), svgTime)
		for ext, data := range map[string][]byte{".png": p, ".svg": []byte(s), ".txt": []byte(c.String() + "\n")} {
			if err := os.WriteFile(filepath.Join(dir, name+ext), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
