package timing_test

import (
	"fmt"
	"sync"
	"time"

	"github.com/chanlab/chanlab/snippets/timing"
)

func ExampleTime() {
	d := timing.Time(func() { time.Sleep(10 * time.Millisecond) })
	fmt.Println(d >= 10*time.Millisecond)
	// Output: true
}

func ExampleFormatDuration() {
	fmt.Println(timing.FormatDuration(1234 * time.Millisecond))
	fmt.Println(timing.FormatDuration(45600 * time.Microsecond))
	// Output:
	// 1.23 s
	// 45.6 ms
}

// Compare a sequential loop of sleeps with the same sleeps in goroutines.
// The table looks like this (times vary):
//
//	sleep 4 x 20 ms
//	Variant    | Median  |     Min |     Max | Speedup
//	-----------+---------+---------+---------+--------
//	sequential | 80.4 ms | 80.3 ms | 80.6 ms |   1.00x
//	goroutines | 20.1 ms | 20.1 ms | 20.2 ms |   4.00x
func ExampleCompare() {
	work := func() { time.Sleep(20 * time.Millisecond) }
	c := timing.Compare("sleep 4 x 20 ms", []timing.Variant{
		{Name: "sequential", Fn: func() {
			for i := 0; i < 4; i++ {
				work()
			}
		}},
		{Name: "goroutines", Fn: func() {
			var wg sync.WaitGroup
			for i := 0; i < 4; i++ {
				wg.Go(work)
			}
			wg.Wait()
		}},
	}, timing.Runs(3))
	fmt.Println(len(c.Results), "variants; baseline:", c.Results[0].Name)
	// Output: 2 variants; baseline: sequential
}

// Sweep the number of workers, as the Python chapters' tables do.
func ExampleSweep() {
	sleepy := func(n int) {
		var wg sync.WaitGroup
		for i := 0; i < n; i++ {
			wg.Go(func() { time.Sleep(5 * time.Millisecond) })
		}
		wg.Wait()
	}
	r := timing.Sweep("I/O-bound", "Workers", []int{1, 2, 4}, []timing.SweepVariant{
		{Name: "Sequential", Fn: func(n int) {
			for i := 0; i < n; i++ {
				time.Sleep(5 * time.Millisecond)
			}
		}},
		{Name: "Goroutines", Fn: sleepy},
	}, timing.Runs(1), timing.Warmup(0))
	fmt.Println(r.Names, r.Values)
	// Output: [Sequential Goroutines] [1 2 4]
}

// Record which goroutine did what, for a timeline.
func ExampleRecorder() {
	rec := timing.NewRecorder()
	var wg sync.WaitGroup
	for _, lane := range []string{"worker 1", "worker 2"} {
		wg.Go(func() {
			rec.Record(lane, "download", func() { time.Sleep(time.Millisecond) })
		})
	}
	wg.Wait()
	fmt.Println(len(rec.Spans()), len(rec.Lanes()))
	// Output: 2 2
}

// GOMAXPROCS(1) lets only one goroutine run Go code at a time, like
// Python's GIL: CPU-bound goroutines no longer run in parallel.
func ExampleWithGOMAXPROCS() {
	timing.WithGOMAXPROCS(1, func() {
		// CPU-bound work here runs on one core at a time.
	})
	fmt.Println("restored")
	// Output: restored
}
