// Package rt is the small compiled runtime that code rewritten by package
// kernel/engine/rewrite calls from inside the yaegi interpreter.
//
// yaegi v0.16.0 runs select statements, goroutine panics and sleeps in ways
// that differ from Go (see the rewrite package). The rewrites turn those
// constructs into calls of this package, where they run as compiled Go:
// Select is built on reflect.Select, Sleep on a timer, and GoStart/GoEnd
// account for goroutines and report their panics. Text carries the result
// of an interpreted Error or String method to compiled fmt.
//
// The runtime holds one cancellation epoch. Cancel ends it: every goroutine
// blocked in Select or Sleep, or calling them afterwards, stops with
// runtime.Goexit, until SetCell begins the next epoch. The engine calls
// Cancel when the user interrupts a cell, and cancels the context of
// EvalWithContext too; yaegi then skips the interpreted deferred calls of
// the stopped goroutines.
//
// The state is per process, because interpreted code reaches this package
// through the Symbols table, which holds plain functions. Reset returns it
// to its initial state for tests.
package rt

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"
)

// Panic describes a panic recovered in a goroutine started by a go
// statement of a cell.
type Panic struct {
	Value any    // the value passed to panic
	Where string // file:line of the go statement that started the goroutine
	Stack string // stack of the compiled runtime when the panic was recovered
	Cell  int    // the cell that started the goroutine (see SetCell)
}

// String formats the panic the way Go prints an unrecovered one.
func (p Panic) String() string {
	return fmt.Sprintf("panic: %v [recovered in goroutine started at %s]", p.Value, p.Where)
}

// state is the process-wide runtime state.
type state struct {
	mu        sync.Mutex
	epoch     chan struct{} // closed by Cancel
	cancelled bool          // epoch is closed; SetCell opens a new one
	gen       int64         // number of the current epoch, counted by Cancel
	running   int64         // goroutines of the current epoch not yet ended
	handler   func(Panic)

	cell    atomic.Int64
	started atomic.Int64
	panics  atomic.Int64
}

var st = newState()

func newState() *state {
	return &state{epoch: make(chan struct{})}
}

// done returns the channel closed when the current epoch is cancelled.
func done() <-chan struct{} {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.epoch
}

// Cancel ends the current cancellation epoch: goroutines blocked in Select
// or Sleep stop with runtime.Goexit, and so does every goroutine that calls
// Select or Sleep until SetCell begins the next epoch (a goroutine that was
// about to block when the interrupt came must not block in the next one).
// Running drops to zero: yaegi does not run the interpreted deferred calls
// of goroutines it stopped, so their GoEnd never comes.
//
// The engine calls Cancel when the user interrupts a cell, together with
// cancelling the context given to EvalWithContext (which stops interpreted
// code that is not blocked in a compiled call), and SetCell before the next
// cell runs.
func Cancel() {
	st.mu.Lock()
	defer st.mu.Unlock()
	if !st.cancelled {
		close(st.epoch)
		st.cancelled = true
	}
	st.gen++
	st.running = 0
}

// Reset cancels the current epoch, begins a new one and clears the panic
// handler, the cell number and the goroutine counters. It is meant for
// tests.
func Reset() {
	Cancel()
	SetCell(0)
	st.mu.Lock()
	st.handler = nil
	st.mu.Unlock()
	st.started.Store(0)
	st.panics.Store(0)
}

// SetPanicHandler sets the function called, on the panicking goroutine,
// with every panic recovered by a guarded go statement. With no handler
// (nil) the panic is printed to standard error of the process.
func SetPanicHandler(h func(Panic)) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.handler = h
}

// SetCell sets the cell number attributed to goroutines started from now
// on and, after a Cancel, begins a new epoch in which Select and Sleep
// block normally again.
func SetCell(n int) {
	st.cell.Store(int64(n))
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.cancelled {
		st.epoch = make(chan struct{})
		st.cancelled = false
	}
}

// Started reports how many goroutines guarded go statements have started
// since the last Reset.
func Started() int64 { return st.started.Load() }

// Running reports how many goroutines started by guarded go statements in
// the current epoch have not finished yet.
func Running() int64 {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.running
}

// Panics reports how many goroutine panics have been recovered since the
// last Reset.
func Panics() int64 { return st.panics.Load() }

// cellBits is how many low bits of a GoStart token hold the cell number.
const cellBits = 24

// GoStart records that a guarded go statement is starting a goroutine and
// returns the token the goroutine passes to GoEnd, which carries the cell
// number and the epoch. It is called by the parent goroutine, so Running
// counts the goroutine at once.
func GoStart() int {
	st.started.Add(1)
	st.mu.Lock()
	defer st.mu.Unlock()
	st.running++
	return int(st.gen<<cellBits | st.cell.Load()&(1<<cellBits-1))
}

// GoEnd records the end of a goroutine whose GoStart returned token.
// recovered is the result of recover() in the goroutine's deferred
// function; when it is not nil, the panic handler is called with it and
// where, the position of the go statement.
func GoEnd(token int, recovered any, where string) {
	st.mu.Lock()
	if int64(token>>cellBits) == st.gen {
		st.running--
	}
	h := st.handler
	st.mu.Unlock()
	if recovered == nil {
		return
	}
	st.panics.Add(1)
	p := Panic{Value: recovered, Where: where, Stack: string(debug.Stack()), Cell: token & (1<<cellBits - 1)}
	if h == nil {
		fmt.Fprintf(errOut, "%s\n", p)
		return
	}
	h(p)
}

// Sleep pauses the calling goroutine for at least d, like time.Sleep. If
// the epoch is cancelled meanwhile, the goroutine stops with runtime.Goexit.
func Sleep(d time.Duration) {
	c := done()
	if d <= 0 {
		select {
		case <-c:
			runtime.Goexit()
		default:
			return
		}
	}
	t := time.NewTimer(d)
	select {
	case <-t.C:
	case <-c:
		t.Stop()
		runtime.Goexit()
	}
}
