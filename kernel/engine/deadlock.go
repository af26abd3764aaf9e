package engine

import (
	"bytes"
	"context"
	"regexp"
	"runtime"
	"runtime/metrics"
	"strings"
	"time"
)

// Deadlock detection, best effort.
//
// Go's own detector ("all goroutines are asleep - deadlock!") never fires
// in the worker: the goroutine reading requests is always alive. So while a
// cell runs, a watchdog samples the goroutine dump of the process
// (runtime.Stack) every tick. The cell is deadlocked when, for the whole
// window:
//   - no goroutine, other than the engine's own, is running, runnable, in a
//     system call, waiting for I/O or sleeping (time.Sleep, rt.Sleep);
//   - at least one goroutine is running interpreted code, and all of those
//     are blocked (channel operation, select, mutex, WaitGroup, Cond);
//   - the dump and the number of goroutines created stay the same, and the
//     scheduler runs hardly anything (runtime/metrics).
//
// A goroutine blocked in a receive or select may be waiting for a timer
// (time.After, a Ticker), which the dump cannot show. Once any cell
// mentions a timer, the window grows to timerWindow: a select waiting
// longer than that for a single timer is then misreported.
const (
	tick        = 250 * time.Millisecond
	timerWindow = 30 * time.Second
)

// watchdog watches one running cell.
type watchdog struct {
	window time.Duration
	timers bool
}

func newWatchdog(window time.Duration, timers bool) *watchdog {
	return &watchdog{window: window, timers: timers}
}

// run samples until ctx is done, and calls deadlock once the cell has been
// deadlocked for the window.
func (w *watchdog) run(ctx context.Context, deadlock func()) {
	t := time.NewTicker(tick)
	defer t.Stop()
	var since time.Time
	var lastDump string
	var lastCreated, lastSched uint64
	ticks := 0
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		created, sched := schedCounters()
		ticks++
		progress := created != lastCreated || sched > lastSched+uint64(2*ticks)+4
		if progress {
			since, lastDump, lastCreated, lastSched, ticks = time.Time{}, "", created, sched, 0
			continue
		}
		dump := goroutineDump()
		blocked, timed := allBlocked(dump)
		if !blocked || dump != lastDump {
			since, lastDump, lastCreated, lastSched, ticks = time.Time{}, dump, created, sched, 0
			if blocked {
				since = time.Now()
			}
			continue
		}
		window := w.window
		if timed && w.timers && window < timerWindow {
			window = timerWindow
		}
		if !since.IsZero() && time.Since(since) >= window {
			deadlock()
			return
		}
	}
}

// schedCounters returns the number of goroutines created and of
// goroutines the scheduler has run, since the process started.
func schedCounters() (created, scheduled uint64) {
	s := []metrics.Sample{
		{Name: "/sched/goroutines-created:goroutines"},
		{Name: "/sched/latencies:seconds"},
	}
	metrics.Read(s)
	if s[0].Value.Kind() == metrics.KindUint64 {
		created = s[0].Value.Uint64()
	}
	if s[1].Value.Kind() == metrics.KindFloat64Histogram {
		for _, c := range s[1].Value.Float64Histogram().Counts {
			scheduled += c
		}
	}
	return created, scheduled
}

// goroutineDump returns the stacks of all goroutines but the caller's,
// without the wait durations that change from one dump to the next.
func goroutineDump() string {
	buf := make([]byte, 1<<16)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		if len(buf) >= 64<<20 {
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	// The first goroutine is the caller.
	if i := bytes.Index(buf, []byte("\n\ngoroutine ")); i >= 0 {
		buf = buf[i+2:]
	} else {
		buf = nil
	}
	return waitTime.ReplaceAllString(string(buf), "")
}

var (
	waitTime = regexp.MustCompile(`, \d+ minutes`)
	header   = regexp.MustCompile(`^goroutine \d+ \[([^\],]+)`)
)

// engineFrames mark goroutines of the engine itself, which never count.
var engineFrames = []string{
	"kernel/engine.(*worker).readRequests",
	"kernel/engine.(*watchdog).run",
	"os/signal.signal_recv",
	"os/signal.loop",
}

// allBlocked reports whether dump shows a deadlocked cell, and whether
// some blocked goroutine could be waiting for a timer.
func allBlocked(dump string) (blocked, timed bool) {
	interpreted := 0
	for _, g := range strings.Split(dump, "\n\n") {
		m := header.FindStringSubmatch(g)
		if m == nil {
			continue
		}
		if containsAny(g, engineFrames) {
			continue
		}
		state := m[1]
		switch state {
		case "running", "runnable", "syscall", "IO wait", "sleep", "preempted":
			return false, false
		}
		if strings.Contains(g, "kernel/engine/rt.Sleep") || strings.Contains(g, "time.Sleep") {
			return false, false
		}
		switch {
		case state == "chan receive" || state == "select" || state == "sync.Cond.Wait":
			timed = true
		case strings.HasPrefix(state, "chan "), strings.HasPrefix(state, "select"),
			strings.HasPrefix(state, "sync."), strings.HasPrefix(state, "semacquire"):
		default:
			// Runtime housekeeping (finalizer wait, GC idle, ...).
			continue
		}
		if strings.Contains(g, "github.com/traefik/yaegi/interp.") {
			interpreted++
		}
	}
	return interpreted > 0, timed
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// timerWords are the names that make a cell's blocked receives and
// selects possibly timed.
var timerWords = []string{"time.After", "time.Tick", "time.NewTimer", "time.NewTicker",
	"WithTimeout", "WithDeadline", "AfterFunc", ".Reset("}

// mentionsTimer reports whether a cell's source mentions a timer.
func mentionsTimer(code string) bool { return containsAny(code, timerWords) }
