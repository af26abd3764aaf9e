// Package pools runs tasks on a bounded set of workers and hands back
// futures, in the manner of Python's concurrent.futures.
//
// A [Pool] is the ThreadPoolExecutor: [New] makes a pool of at most n
// goroutines, [Pool.Submit] queues a function and returns a [Future] at
// once, and [Future.Result] waits for the value. [Pool.Map] runs one task
// per index and returns the results in input order; [AsCompleted] yields
// futures in the order they finish; [Wait] waits for the first, the first
// failed or all of them, with a timeout. Submit never blocks: tasks wait in
// an unbounded queue until a worker is free.
//
// A [ProcessPool] is the ProcessPoolExecutor: its workers are separate
// operating-system processes (the running program started again), so a
// task's argument and result travel as JSON and each worker costs a
// process start. Its tasks are compiled functions registered by name with
// [RegisterTask]; a program that uses a ProcessPool must call
// [ServeProcessWorker] first thing in main.
//
// Errors: a task's error is its Future's error. A panic in a task is
// recovered and becomes a *[PanicError] holding the panic value and the
// stack; it never crashes the program. Cancellation: with [WithContext],
// cancelling the context fails every task that has not started with the
// context's error; running Pool tasks are not interrupted (Go cannot stop a
// goroutine from outside) but can watch [Pool.Context], while a running
// ProcessPool task is stopped by killing its worker process.
//
// In plain Go the same work is often a sync.WaitGroup or an
// errgroup.Group with SetLimit; this package adds futures, callbacks,
// ordered results and panic safety, and mirrors the Python vocabulary.
package pools

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"runtime/debug"
	"strconv"
	"sync"

	"github.com/chanlab/chanlab/snippets/timing"
)

// ErrClosed is the error of a task submitted after [Pool.Shutdown] or
// [Pool.Close].
var ErrClosed = errors.New("pools: pool is shut down")

// ErrCancelled is the error of a task cancelled before it started, by
// [Future.Cancel] or [Pool.Close].
var ErrCancelled = errors.New("pools: task cancelled before it started")

// A PanicError is the error of a task that panicked.
type PanicError struct {
	Value any    // the value passed to panic
	Stack []byte // the stack of the panicking goroutine (or worker process)
}

// Error returns the panic value, without the stack (which is in the Stack
// field): "pools: task panicked: boom".
func (e *PanicError) Error() string {
	return fmt.Sprintf("pools: task panicked: %v", e.Value)
}

// Unwrap returns the panic value if it is an error, so errors.Is and
// errors.As see through the panic.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// An Option configures a [Pool] or a [ProcessPool].
type Option func(*options)

type options struct {
	ctx context.Context
	rec *timing.Recorder
}

// WithContext ties the pool to ctx. When ctx is cancelled, tasks that have
// not started fail with ctx.Err(), and later submissions fail the same way.
// Running Pool tasks keep running (they can watch [Pool.Context]); running
// ProcessPool tasks are stopped by killing their worker process.
func WithContext(ctx context.Context) Option {
	return func(o *options) { o.ctx = ctx }
}

// WithRecorder records every task as a span on its worker's lane ("worker
// 1", "worker 2", ... or "process 1", ...), for a timeline chart.
func WithRecorder(r *timing.Recorder) Option {
	return func(o *options) { o.rec = r }
}

// sched is the queue and worker bookkeeping shared by Pool and ProcessPool.
// Worker goroutines start on demand, up to max, and exit when the queue is
// empty, so an idle pool holds no goroutines.
type sched struct {
	ctx  context.Context
	rec  *timing.Recorder
	lane string // lane prefix for the recorder
	max  int
	run  func(w *slot, f *Future) (any, error)
	idle func(w *slot) // called when a worker goroutine exits

	mu      sync.Mutex
	queue   []*Future
	free    []*slot // unused worker slots, reused so lane names stay small
	active  int
	closed  bool
	n       int // tasks submitted, for labels
	wg      sync.WaitGroup
	stopCtx func() bool
}

// A slot is one worker position: its number and, for a ProcessPool, the
// process that serves it.
type slot struct {
	id    int
	child *child
}

func (s *sched) init(workers int, opts []Option) {
	if workers < 1 {
		workers = 1
	}
	o := options{ctx: context.Background()}
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	s.ctx, s.rec, s.max = o.ctx, o.rec, workers
	for i := workers; i >= 1; i-- {
		s.free = append(s.free, &slot{id: i})
	}
	s.stopCtx = context.AfterFunc(s.ctx, func() { s.drain(s.ctx.Err()) })
}

// newFuture returns a pending Future labelled name, or prefix and the
// task's number if name is empty (formatted only when asked for).
func (s *sched) newFuture(name, prefix string) *Future {
	s.mu.Lock()
	n := s.n
	s.n++
	s.mu.Unlock()
	f := &Future{label: name, named: name != "", num: n, done: make(chan struct{})}
	if !f.named {
		f.label = prefix
	}
	return f
}

// submit queues f, starting a worker if one is free.
func (s *sched) submit(f *Future) *Future {
	if err := s.ctx.Err(); err != nil {
		f.finish(nil, err)
		return f
	}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		f.finish(nil, ErrClosed)
		return f
	}
	s.queue = append(s.queue, f)
	var w *slot
	if s.active < s.max && len(s.free) > 0 {
		w = s.free[len(s.free)-1]
		s.free = s.free[:len(s.free)-1]
		s.active++
		s.wg.Add(1)
	}
	s.mu.Unlock()
	if w != nil {
		go s.work(w)
	}
	return f
}

func (s *sched) work(w *slot) {
	defer s.wg.Done()
	for {
		s.mu.Lock()
		if len(s.queue) == 0 {
			s.active--
			s.free = append(s.free, w)
			s.mu.Unlock()
			if s.idle != nil {
				s.idle(w)
			}
			return
		}
		f := s.queue[0]
		s.queue[0] = nil
		s.queue = s.queue[1:]
		s.mu.Unlock()

		if !f.start() {
			continue // cancelled while queued
		}
		if err := s.ctx.Err(); err != nil {
			f.finish(nil, err)
			continue
		}
		var end func()
		if s.rec != nil {
			end = s.rec.Begin(s.lane+" "+strconv.Itoa(w.id), f.Label())
		}
		v, err := s.run(w, f)
		if end != nil {
			end()
		}
		f.finish(v, err)
	}
}

// drain fails every queued task with err.
func (s *sched) drain(err error) {
	s.mu.Lock()
	q := s.queue
	s.queue = nil
	s.mu.Unlock()
	for _, f := range q {
		f.finishIf(statePending, nil, err)
	}
}

// shutdown stops new submissions; with cancel it also fails queued tasks.
// It waits for the workers to finish.
func (s *sched) shutdown(cancel bool) {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	if cancel {
		s.drain(ErrCancelled)
	}
	s.wg.Wait()
	s.stopCtx()
}

// A Pool runs submitted functions on at most a fixed number of goroutines,
// like Python's ThreadPoolExecutor. The zero Pool is not usable: call
// [New]. A Pool is safe for concurrent use.
type Pool struct {
	s sched
}

// New returns a pool of at most workers goroutines (at least 1). Workers
// start as tasks arrive and exit when there is nothing left to do.
func New(workers int, opts ...Option) *Pool {
	p := &Pool{}
	p.s.lane = "worker"
	p.s.run = func(_ *slot, f *Future) (any, error) { return call(f.fn) }
	p.s.init(workers, opts)
	return p
}

// call runs fn, turning a panic into a *PanicError.
func call(fn func() (any, error)) (v any, err error) {
	defer func() {
		if r := recover(); r != nil {
			// A panic in a function interpreted by yaegi reaches compiled
			// code as a reflect.Value holding the panic value.
			if rv, ok := r.(reflect.Value); ok && rv.IsValid() && rv.CanInterface() {
				r = rv.Interface()
			}
			v, err = nil, &PanicError{Value: r, Stack: debug.Stack()}
		}
	}()
	return fn()
}

// Workers returns the largest number of tasks the pool runs at once.
func (p *Pool) Workers() int { return p.s.max }

// Context returns the pool's context (context.Background() without
// [WithContext]). A long task can watch it to stop early when the pool
// is cancelled.
func (p *Pool) Context() context.Context { return p.s.ctx }

// Submit queues fn and returns its Future at once; it never blocks. The
// Future completes with fn's results, with a *[PanicError] if fn panics,
// with [ErrClosed] after Shutdown or Close, and with the context's error
// if the pool's context is cancelled before fn starts.
func (p *Pool) Submit(fn func() (any, error)) *Future {
	return p.SubmitLabel("", fn)
}

// SubmitLabel is [Pool.Submit] with a label that names the task in a
// timeline (see [WithRecorder]).
func (p *Pool) SubmitLabel(label string, fn func() (any, error)) *Future {
	f := p.s.newFuture(label, "task")
	f.fn = fn
	return p.s.submit(f)
}

// Map runs fn(0) … fn(n-1) on the pool and waits for all of them. It
// returns the values in index order, and the error of the lowest index
// that failed (nil if none did), wrapped with that index. Every task runs
// even if an earlier one fails, as with Python's Executor.map; use a
// context (see [WithContext]) to stop early.
func (p *Pool) Map(n int, fn func(i int) (any, error)) ([]any, error) {
	futs := make([]*Future, n)
	for i := 0; i < n; i++ {
		i := i
		futs[i] = p.Submit(func() (any, error) { return fn(i) })
	}
	return collect(futs)
}

func collect(futs []*Future) ([]any, error) {
	vals := make([]any, len(futs))
	var first error
	for i, f := range futs {
		v, err := f.Result()
		vals[i] = v
		if err != nil && first == nil {
			first = fmt.Errorf("pools: task %d: %w", i, err)
		}
	}
	return vals, first
}

// Shutdown stops the pool accepting tasks and waits until every queued
// and running task has finished, like Python's shutdown(wait=True).
// Calling it again is harmless; calling it (or Close) from one of the
// pool's own tasks deadlocks, as the task would wait for itself.
func (p *Pool) Shutdown() { p.s.shutdown(false) }

// Close stops the pool accepting tasks, cancels the tasks that have not
// started (they fail with [ErrCancelled]) and waits for the running ones,
// like Python's shutdown(cancel_futures=True). Calling it again is
// harmless.
func (p *Pool) Close() { p.s.shutdown(true) }
