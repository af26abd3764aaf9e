// Package timing measures how long Go code takes, so that a notebook can
// compare sequential, concurrent and parallel versions of the same work.
//
// The smallest tools are a [Stopwatch] and [Time]. [Measure] runs a function
// several times and reports the minimum, median, mean and maximum; the
// median is the number to quote, because a shared machine is noisy.
// [Compare] measures several variants of one job and reports each one's
// speedup over the first, and [Sweep] repeats that for a range of a
// parameter such as the number of workers, printing the
// "Workers | Sequential | Threads | Processes" tables of the Python chapters.
//
// [WithGOMAXPROCS] runs a function with a limited number of OS threads
// executing Go code at once: GOMAXPROCS(1) is a faithful stand-in for
// Python's global interpreter lock. A [Recorder] notes when each piece of
// work started and ended on which lane (worker), for a timeline chart.
//
// Every result has a String method that prints an aligned plain-text table,
// so the package works the same in a compiled program; in a notebook the
// results show as HTML tables with a chart (they implement
// display.Renderer), and Table and Chart methods give the parts.
// Functions passed to this package run in the caller's goroutine; a panic in
// them is not recovered and reaches the caller.
package timing

import (
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/chanlab/chanlab/snippets/display"
)

// A Stopwatch measures elapsed wall-clock time from the moment [Start]
// created it. Laps mark intermediate points. A Stopwatch is safe for
// concurrent use.
type Stopwatch struct {
	mu    sync.Mutex
	start time.Time
	last  time.Time
	laps  []Lap
}

// A Lap is one named interval recorded by [Stopwatch.Lap].
type Lap struct {
	Name     string
	Duration time.Duration // time since the previous lap, or since the start
	Total    time.Duration // time since the start
}

// Start returns a running Stopwatch.
func Start() *Stopwatch {
	now := time.Now()
	return &Stopwatch{start: now, last: now}
}

// Elapsed returns the time since the Stopwatch started.
func (s *Stopwatch) Elapsed() time.Duration {
	return time.Since(s.start)
}

// Lap records a lap called name and returns the time since the previous lap
// (or since the start for the first lap).
func (s *Stopwatch) Lap(name string) time.Duration {
	now := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	d := now.Sub(s.last)
	s.last = now
	s.laps = append(s.laps, Lap{Name: name, Duration: d, Total: now.Sub(s.start)})
	return d
}

// Laps returns a copy of the laps recorded so far, in order.
func (s *Stopwatch) Laps() []Lap {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Lap(nil), s.laps...)
}

// String prints the laps as a table, followed by the total elapsed time.
func (s *Stopwatch) String() string {
	t := display.Table{Header: []string{"Lap", "Duration", "Total"}}
	for _, l := range s.Laps() {
		t.Rows = append(t.Rows, []string{l.Name, FormatDuration(l.Duration), FormatDuration(l.Total)})
	}
	t.Note = "elapsed " + FormatDuration(s.Elapsed())
	return t.String()
}

// Time runs f once and returns how long it took.
func Time(f func()) time.Duration {
	start := time.Now()
	f()
	return time.Since(start)
}

// WithGOMAXPROCS runs f with runtime.GOMAXPROCS set to n and restores the
// previous value when f returns or panics. With n = 1 only one goroutine
// executes Go code at a time, like Python threads under the global
// interpreter lock; goroutines blocked in I/O or sleeping still overlap.
//
// GOMAXPROCS is a process-wide setting: everything else running in the
// process during f is limited too. n < 1 leaves the setting unchanged.
func WithGOMAXPROCS(n int, f func()) {
	if n < 1 {
		f()
		return
	}
	old := runtime.GOMAXPROCS(n)
	defer runtime.GOMAXPROCS(old)
	f()
}

// An Option changes how [Measure], [Compare] and [Sweep] run a function.
type Option func(*config)

type config struct {
	runs   int
	warmup int
	budget time.Duration
}

func newConfig(opts []Option) config {
	c := config{runs: 5, warmup: 1, budget: time.Second}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	if c.runs < 1 {
		c.runs = 1
	}
	if c.warmup < 0 {
		c.warmup = 0
	}
	return c
}

// Runs sets the largest number of measured runs (default 5).
func Runs(n int) Option { return func(c *config) { c.runs = n } }

// Warmup sets the number of unmeasured runs before measuring (default 1).
func Warmup(n int) Option { return func(c *config) { c.warmup = n } }

// Budget sets the time after which measuring stops early (default 1 s):
// once the measured runs add up to d, no further run starts. A function
// whose warm-up run alone takes d or longer is not run again: that run
// becomes its only measurement. So slow work (seconds of sleeping) runs
// once or twice and fast work runs the full number of [Runs].
// d <= 0 disables the budget.
func Budget(d time.Duration) Option { return func(c *config) { c.budget = d } }

// Stats summarises the measured runs of one function.
type Stats struct {
	Name   string
	Runs   int
	Min    time.Duration
	Median time.Duration
	Mean   time.Duration
	Max    time.Duration
}

// Measure runs f a few times (see [Runs], [Warmup] and [Budget]) and
// returns statistics of the measured runs. A panic in f reaches the caller.
func Measure(name string, f func(), opts ...Option) Stats {
	c := newConfig(opts)
	var times []time.Duration
	for i := 0; i < c.warmup; i++ {
		d := Time(f)
		if c.budget > 0 && d >= c.budget {
			times = append(times, d)
			return summarize(name, times)
		}
	}
	var total time.Duration
	for i := 0; i < c.runs; i++ {
		d := Time(f)
		times = append(times, d)
		total += d
		if c.budget > 0 && total >= c.budget {
			break
		}
	}
	return summarize(name, times)
}

func summarize(name string, times []time.Duration) Stats {
	s := Stats{Name: name, Runs: len(times)}
	if len(times) == 0 {
		return s
	}
	sorted := append([]time.Duration(nil), times...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	var sum time.Duration
	for _, d := range sorted {
		sum += d
	}
	s.Min, s.Max = sorted[0], sorted[len(sorted)-1]
	s.Mean = sum / time.Duration(len(sorted))
	if n := len(sorted); n%2 == 1 {
		s.Median = sorted[n/2]
	} else {
		s.Median = (sorted[n/2-1] + sorted[n/2]) / 2
	}
	return s
}

// String prints the statistics on one line.
func (s Stats) String() string {
	return fmt.Sprintf("%s: median %s (min %s, mean %s, max %s, %d runs)",
		s.Name, FormatDuration(s.Median), FormatDuration(s.Min),
		FormatDuration(s.Mean), FormatDuration(s.Max), s.Runs)
}

// Table returns the statistics as a one-row table.
func (s Stats) Table() display.Table {
	return display.Table{
		Header: []string{"Name", "Runs", "Median", "Min", "Mean", "Max"},
		Rows: [][]string{{s.Name, fmt.Sprint(s.Runs), FormatDuration(s.Median), FormatDuration(s.Min),
			FormatDuration(s.Mean), FormatDuration(s.Max)}},
	}
}

// RenderMIME shows the statistics as a table in a notebook.
func (s Stats) RenderMIME() display.MIME {
	m := s.Table().RenderMIME()
	m["text/plain"] = s.String()
	return m
}

// FormatDuration prints d with three significant digits and a unit chosen
// for reading: "1.23 s", "45.6 ms", "789 µs", "12 ns".
func FormatDuration(d time.Duration) string {
	neg := ""
	if d < 0 {
		neg, d = "-", -d
	}
	var v float64
	var unit string
	switch {
	case d >= time.Second:
		v, unit = d.Seconds(), "s"
	case d >= time.Millisecond:
		v, unit = float64(d)/float64(time.Millisecond), "ms"
	case d >= time.Microsecond:
		v, unit = float64(d)/float64(time.Microsecond), "µs"
	default:
		return fmt.Sprintf("%s%d ns", neg, int64(d))
	}
	switch {
	case v >= 100:
		return fmt.Sprintf("%s%.0f %s", neg, v, unit)
	case v >= 10:
		return fmt.Sprintf("%s%.1f %s", neg, v, unit)
	default:
		return fmt.Sprintf("%s%.2f %s", neg, v, unit)
	}
}
