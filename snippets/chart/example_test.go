package chart_test

import (
	"fmt"
	"time"

	"github.com/chanlab/chanlab/snippets/chart"
)

func ExampleBar() {
	c := chart.Bar("Speedup over serial", "x",
		[]string{"serial", "goroutines", "GOMAXPROCS=1"},
		[]float64{1, 1.94, 0.97})
	fmt.Println(c) // in a notebook, end the cell with c to see the picture
	// Output:
	// Speedup over serial
	// serial        ████████████████████▋ 1.00x
	// goroutines    ████████████████████████████████████████ 1.94x
	// GOMAXPROCS=1  ████████████████████ 0.97x
}

func ExampleLine() {
	workers := []float64{1, 2, 4, 8}
	c := chart.Line("Time against workers", "workers", "seconds", workers,
		chart.Series{Name: "goroutines", Y: []float64{1.2, 0.62, 0.64, 0.66}},
		chart.Series{Name: "GOMAXPROCS=1", Y: []float64{1.2, 1.21, 1.23, 1.25}})
	fmt.Println(c)
	// Output:
	// Time against workers
	// workers  goroutines  GOMAXPROCS=1
	// -------  ----------  ------------
	//       1        1.20          1.20
	//       2        0.62          1.21
	//       4        0.64          1.23
	//       8        0.66          1.25
	// values: seconds
}

func ExampleTimeline() {
	ms := time.Millisecond
	c := chart.Timeline("Two workers", []chart.Span{
		{Lane: "worker 1", Label: "task 1", Start: 0, End: 40 * ms},
		{Lane: "worker 2", Label: "task 2", Start: 0, End: 20 * ms},
		{Lane: "worker 2", Label: "task 3", Start: 20 * ms, End: 60 * ms},
	})
	fmt.Println(c)
	// Output:
	// Two workers
	// worker 1 |████████████████████████████████████████                    |
	// worker 2 |████████████████████▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓|
	//           0s                                                       60ms
	// 3 spans on 2 lanes
}
