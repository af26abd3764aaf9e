package pools

import (
	"fmt"
	"os"
	"reflect"
	"runtime/debug"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// A Future is the pending result of one task submitted to a [Pool] or a
// [ProcessPool]. It completes exactly once, with a value or an error; the
// methods that wait are safe to call from any number of goroutines.
type Future struct {
	label string              // given label, or the prefix of "prefix num"
	num   int                 // the task's number in its pool, for a default label
	named bool                // label is the whole label
	fn    func() (any, error) // Pool task
	task  string              // ProcessPool task name
	arg   []byte              // ProcessPool task argument, JSON

	done chan struct{}

	mu        sync.Mutex
	state     int // statePending, stateRunning, stateDone
	val       any
	err       error
	callbacks []func(*Future)
}

const (
	statePending = iota
	stateRunning
	stateDone
)

// Result waits for the task to finish and returns its value and error.
// A task that panicked returns a *[PanicError]; a task cancelled before it
// started returns [ErrCancelled] or the pool's context error.
func (f *Future) Result() (any, error) {
	<-f.done
	return f.val, f.err
}

// Err waits for the task to finish and returns its error, or nil.
func (f *Future) Err() error {
	<-f.done
	return f.err
}

// Done returns a channel that is closed when the task has finished, for
// use in a select statement.
func (f *Future) Done() <-chan struct{} { return f.done }

// Label returns the name the task shows in a timeline: the label given to
// [Pool.SubmitLabel], else "task 3" for a Pool's fourth task or
// "CountPrimes 3" for a ProcessPool's.
func (f *Future) Label() string {
	if f.named {
		return f.label
	}
	return f.label + " " + strconv.Itoa(f.num)
}

// Cancel stops the task if it has not started yet: the Future then
// completes with [ErrCancelled] and Cancel reports true. A task that is
// running or finished is not affected and Cancel reports false.
func (f *Future) Cancel() bool {
	return f.finishIf(statePending, nil, ErrCancelled)
}

// OnDone arranges for fn to be called with f once f has finished, like
// Python's add_done_callback. If f has already finished, fn runs at once in
// the caller's goroutine; otherwise it runs in the goroutine that finishes
// the task, after [Future.Done] is closed. Callbacks run in the order they
// were added. A panic in fn is recovered and reported on standard error;
// it does not affect the task or the other callbacks.
func (f *Future) OnDone(fn func(*Future)) {
	f.mu.Lock()
	if f.state != stateDone {
		f.callbacks = append(f.callbacks, fn)
		f.mu.Unlock()
		return
	}
	f.mu.Unlock()
	f.callback(fn)
}

func (f *Future) callback(fn func(*Future)) {
	defer func() {
		if v := recover(); v != nil {
			if rv, ok := v.(reflect.Value); ok && rv.IsValid() && rv.CanInterface() {
				v = rv.Interface() // a panic in a function interpreted by yaegi
			}
			fmt.Fprintf(os.Stderr, "pools: OnDone callback for %s panicked: %v\n%s", f.Label(), v, debug.Stack())
		}
	}()
	fn(f)
}

// start moves a pending Future to running; it reports false if the Future
// was cancelled meanwhile.
func (f *Future) start() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.state != statePending {
		return false
	}
	f.state = stateRunning
	return true
}

func (f *Future) finish(v any, err error) { f.finishIf(-1, v, err) }

// finishIf completes f with (v, err) if it is in state want (any state but
// done when want < 0) and reports whether it did.
func (f *Future) finishIf(want int, v any, err error) bool {
	f.mu.Lock()
	if f.state == stateDone || (want >= 0 && f.state != want) {
		f.mu.Unlock()
		return false
	}
	f.state, f.val, f.err = stateDone, v, err
	cbs := f.callbacks
	f.callbacks = nil
	close(f.done)
	f.mu.Unlock()
	for _, cb := range cbs {
		f.callback(cb)
	}
	return true
}

func (f *Future) isDone() bool {
	select {
	case <-f.done:
		return true
	default:
		return false
	}
}

// AsCompleted returns a channel that yields each of futs as it finishes,
// like Python's as_completed, and is closed after the last one. Futures
// that have already finished are yielded first. The channel is buffered
// for all of futs, so abandoning it early leaks nothing but the buffer.
func AsCompleted(futs []*Future) <-chan *Future {
	ch := make(chan *Future, len(futs))
	if len(futs) == 0 {
		close(ch)
		return ch
	}
	left := int64(len(futs))
	for _, f := range futs {
		f.OnDone(func(f *Future) {
			ch <- f
			if atomic.AddInt64(&left, -1) == 0 {
				close(ch)
			}
		})
	}
	return ch
}

// A WaitMode says when [Wait] returns.
type WaitMode int

const (
	// AllCompleted waits until every future has finished (the zero value).
	AllCompleted WaitMode = iota
	// FirstCompleted returns as soon as any future has finished.
	FirstCompleted
	// FirstError returns as soon as any future has finished with an error,
	// or when all have finished.
	FirstError
)

// String returns the Python name of the mode, such as "FIRST_COMPLETED".
func (m WaitMode) String() string {
	switch m {
	case AllCompleted:
		return "ALL_COMPLETED"
	case FirstCompleted:
		return "FIRST_COMPLETED"
	case FirstError:
		return "FIRST_EXCEPTION"
	}
	return fmt.Sprintf("WaitMode(%d)", int(m))
}

// Wait waits for futs as mode says, or until timeout has passed (timeout
// <= 0 waits without limit), like Python's concurrent.futures.wait. It
// returns the futures that had finished and those still pending at that
// moment, each in the order of futs. Wait never cancels anything: pending
// futures keep running.
func Wait(futs []*Future, mode WaitMode, timeout time.Duration) (done, pending []*Future) {
	finished := make(chan *Future, len(futs))
	for _, f := range futs {
		f.OnDone(func(f *Future) { finished <- f })
	}
	var timer <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(timeout)
		defer t.Stop()
		timer = t.C
	}
loop:
	for left := len(futs); left > 0; left-- {
		select {
		case f := <-finished:
			if mode == FirstCompleted || (mode == FirstError && f.Err() != nil) {
				break loop
			}
		case <-timer:
			break loop
		}
	}
	for _, f := range futs {
		if f.isDone() {
			done = append(done, f)
		} else {
			pending = append(pending, f)
		}
	}
	return done, pending
}
