package pools_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chanlab/chanlab/snippets/pools"
	"github.com/chanlab/chanlab/snippets/timing"
	"github.com/chanlab/chanlab/snippets/workload"
)

func init() {
	pools.RegisterTask("test.panic", func(json.RawMessage) (any, error) { panic("boom in child") })
	pools.RegisterTask("test.fail", func(json.RawMessage) (any, error) { return nil, errors.New("task says no") })
	pools.RegisterTask("test.exit", func(json.RawMessage) (any, error) { os.Exit(3); return nil, nil })
	pools.RegisterTask("test.pid", func(json.RawMessage) (any, error) { return os.Getpid(), nil })
	pools.RegisterTask("test.echo", func(arg json.RawMessage) (any, error) {
		var v any
		err := json.Unmarshal(arg, &v)
		return v, err
	})
}

// TestMain lets the test binary serve as its own ProcessPool worker.
func TestMain(m *testing.M) {
	pools.ServeProcessWorker()
	os.Exit(m.Run())
}

func TestSubmitClosuresCaptureLoopVariable(t *testing.T) {
	p := pools.New(8)
	defer p.Close()
	var futs []*pools.Future
	for i := 0; i < 100; i++ {
		futs = append(futs, p.Submit(func() (any, error) { return i, nil }))
	}
	sum := 0
	for _, f := range futs {
		v, err := f.Result()
		if err != nil {
			t.Fatal(err)
		}
		sum += v.(int)
	}
	if sum != 4950 {
		t.Fatalf("sum = %d, want 4950", sum)
	}
}

func TestPanicBecomesError(t *testing.T) {
	p := pools.New(2)
	defer p.Close()
	sentinel := errors.New("sentinel")
	f := p.Submit(func() (any, error) { panic(sentinel) })
	g := p.Submit(func() (any, error) { var m map[string]int; m["x"] = 1; return nil, nil })
	for _, fut := range []*pools.Future{f, g} {
		var pe *pools.PanicError
		if err := fut.Err(); !errors.As(err, &pe) {
			t.Fatalf("err = %v, want *PanicError", err)
		}
		if !strings.Contains(string(pe.Stack), "pools_test") {
			t.Errorf("stack does not show the task:\n%s", pe.Stack)
		}
	}
	if !errors.Is(f.Err(), sentinel) {
		t.Errorf("errors.Is(panic(sentinel)) = false")
	}
	// The pool still works after panics.
	if v, err := p.Submit(func() (any, error) { return 42, nil }).Result(); err != nil || v != 42 {
		t.Fatalf("after panic: %v, %v", v, err)
	}
}

func TestCancelledContextStopsPool(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	p := pools.New(1, pools.WithContext(ctx))
	defer p.Close()
	started := make(chan struct{})
	first := p.Submit(func() (any, error) {
		close(started)
		<-p.Context().Done() // a running task watches the pool's context
		return nil, p.Context().Err()
	})
	<-started
	var ran atomic.Int32
	var queued []*pools.Future
	for i := 0; i < 10; i++ {
		queued = append(queued, p.Submit(func() (any, error) { ran.Add(1); return nil, nil }))
	}
	cancel()
	if err := first.Err(); !errors.Is(err, context.Canceled) {
		t.Errorf("running task: %v", err)
	}
	for i, f := range queued {
		if err := f.Err(); !errors.Is(err, context.Canceled) {
			t.Errorf("queued task %d: err = %v, want context.Canceled", i, err)
		}
	}
	if n := ran.Load(); n != 0 {
		t.Errorf("%d queued tasks ran after cancel", n)
	}
	if err := p.Submit(func() (any, error) { return nil, nil }).Err(); !errors.Is(err, context.Canceled) {
		t.Errorf("submit after cancel: %v", err)
	}
}

func TestWorkersAreBounded(t *testing.T) {
	const workers = 3
	p := pools.New(workers)
	var cur, peak atomic.Int32
	_, err := p.Map(30, func(int) (any, error) {
		n := cur.Add(1)
		for {
			old := peak.Load()
			if n <= old || peak.CompareAndSwap(old, n) {
				break
			}
		}
		time.Sleep(time.Millisecond)
		cur.Add(-1)
		return nil, nil
	})
	p.Shutdown()
	if err != nil {
		t.Fatal(err)
	}
	if got := peak.Load(); got > workers {
		t.Fatalf("peak concurrency %d > %d workers", got, workers)
	}
}

func TestMapOrderAndFirstError(t *testing.T) {
	p := pools.New(4)
	defer p.Close()
	vals, err := p.Map(20, func(i int) (any, error) {
		if i == 7 || i == 13 {
			return -1, fmt.Errorf("bad %d", i)
		}
		return i * i, nil
	})
	if err == nil || !strings.Contains(err.Error(), "task 7: bad 7") {
		t.Fatalf("err = %v, want the error of task 7", err)
	}
	for i, v := range vals {
		if i != 7 && i != 13 && v != i*i {
			t.Fatalf("vals[%d] = %v", i, v)
		}
	}
}

func TestAsCompletedYieldsEveryFuture(t *testing.T) {
	p := pools.New(3)
	defer p.Close()
	gates := make([]chan struct{}, 5)
	var futs []*pools.Future
	for i := range gates {
		gates[i] = make(chan struct{})
		g := gates[i]
		futs = append(futs, p.Submit(func() (any, error) { <-g; return i, nil }))
	}
	ch := pools.AsCompleted(futs)
	// Release in reverse order; only 3 run at once, so release the
	// running ones first.
	go func() {
		for i := len(gates) - 1; i >= 0; i-- {
			close(gates[i])
		}
	}()
	seen := map[any]bool{}
	for f := range ch {
		v, _ := f.Result()
		seen[v] = true
	}
	if len(seen) != 5 {
		t.Fatalf("saw %v", seen)
	}
	if _, ok := <-pools.AsCompleted(nil); ok {
		t.Fatal("AsCompleted(nil) yielded a value")
	}
}

func TestWaitModes(t *testing.T) {
	p := pools.New(4)
	defer p.Close()
	block := make(chan struct{})
	defer close(block)
	slow := p.Submit(func() (any, error) { <-block; return "slow", nil })
	fast := p.Submit(func() (any, error) { return "fast", nil })
	done, pending := pools.Wait([]*pools.Future{slow, fast}, pools.FirstCompleted, 0)
	if len(done) != 1 || done[0] != fast || len(pending) != 1 || pending[0] != slow {
		t.Fatalf("FirstCompleted: done %d pending %d", len(done), len(pending))
	}
	bad := p.Submit(func() (any, error) { return nil, errors.New("x") })
	done, pending = pools.Wait([]*pools.Future{slow, bad}, pools.FirstError, 0)
	if len(done) != 1 || done[0] != bad || len(pending) != 1 {
		t.Fatalf("FirstError: done %d pending %d", len(done), len(pending))
	}
	done, pending = pools.Wait([]*pools.Future{slow, fast}, pools.AllCompleted, 20*time.Millisecond)
	if len(done) != 1 || len(pending) != 1 || pending[0] != slow {
		t.Fatalf("timeout: done %d pending %d", len(done), len(pending))
	}
	if pools.FirstError.String() != "FIRST_EXCEPTION" {
		t.Error(pools.FirstError.String())
	}
}

func TestOnDoneAndCancel(t *testing.T) {
	p := pools.New(1)
	block := make(chan struct{})
	started := make(chan struct{})
	running := p.Submit(func() (any, error) { close(started); <-block; return 1, nil })
	<-started
	queued := p.Submit(func() (any, error) { return 2, nil })
	var calls []string
	var mu sync.Mutex
	note := func(s string) func(*pools.Future) {
		return func(*pools.Future) { mu.Lock(); calls = append(calls, s); mu.Unlock() }
	}
	running.OnDone(note("a"))
	running.OnDone(func(*pools.Future) { panic("callback panics are contained") })
	running.OnDone(note("b"))
	if !queued.Cancel() {
		t.Fatal("Cancel of a queued task returned false")
	}
	if running.Cancel() {
		t.Fatal("Cancel of a running task returned true")
	}
	if err := queued.Err(); !errors.Is(err, pools.ErrCancelled) {
		t.Fatalf("cancelled: %v", err)
	}
	close(block)
	running.Err()
	p.Shutdown()
	running.OnDone(note("c")) // already done: runs now
	mu.Lock()
	defer mu.Unlock()
	if strings.Join(calls, "") != "abc" {
		t.Fatalf("callbacks ran %v", calls)
	}
}

func TestShutdownAndClose(t *testing.T) {
	p := pools.New(1)
	var n atomic.Int32
	for i := 0; i < 5; i++ {
		p.Submit(func() (any, error) { n.Add(1); return nil, nil })
	}
	p.Shutdown()
	if n.Load() != 5 {
		t.Fatalf("Shutdown returned with %d of 5 tasks run", n.Load())
	}
	if err := p.Submit(func() (any, error) { return nil, nil }).Err(); !errors.Is(err, pools.ErrClosed) {
		t.Fatalf("after Shutdown: %v", err)
	}
	p.Shutdown()

	q := pools.New(1)
	block := make(chan struct{})
	started := make(chan struct{})
	first := q.Submit(func() (any, error) { close(started); <-block; return nil, nil })
	<-started
	second := q.Submit(func() (any, error) { return nil, nil })
	go func() {
		<-second.Done() // Close cancels the queued task, then waits for the running one
		close(block)
	}()
	q.Close()
	if first.Err() != nil {
		t.Fatal(first.Err())
	}
	if err := second.Err(); !errors.Is(err, pools.ErrCancelled) {
		t.Fatalf("queued task at Close: %v", err)
	}
}

func TestRecorder(t *testing.T) {
	rec := timing.NewRecorder()
	p := pools.New(2, pools.WithRecorder(rec))
	p.Map(6, func(int) (any, error) { return nil, nil })
	p.SubmitLabel("named", func() (any, error) { return nil, nil }).Err()
	p.Shutdown()
	spans := rec.Spans()
	if len(spans) != 7 {
		t.Fatalf("%d spans, want 7", len(spans))
	}
	named := false
	for _, s := range spans {
		if s.Lane != "worker 1" && s.Lane != "worker 2" {
			t.Errorf("lane %q", s.Lane)
		}
		if s.End < s.Start {
			t.Errorf("span %+v ends before it starts", s)
		}
		named = named || s.Label == "named"
	}
	if !named {
		t.Error("label of SubmitLabel missing")
	}
}

func TestProcessPool(t *testing.T) {
	rec := timing.NewRecorder()
	p := pools.NewProcessPool(2, pools.WithRecorder(rec))
	defer p.Close()
	vals, err := p.Map(workload.TaskCountPrimes, workload.Chunks(0, 20000, 4))
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, v := range vals {
		total += v.(int)
	}
	if want := workload.CountPrimes(0, 20000); total != want {
		t.Fatalf("primes = %d, want %d", total, want)
	}
	pid, err := p.Submit("test.pid", nil).Result()
	if err != nil || pid == os.Getpid() {
		t.Fatalf("task ran in pid %v (parent %d), err %v", pid, os.Getpid(), err)
	}
	if n, startup := p.Started(); n < 1 || n > 2 || startup <= 0 {
		t.Fatalf("Started() = %d, %v", n, startup)
	}
	v, err := p.Submit("test.echo", map[string]any{"a": []int{1, 2}, "b": 1.5}).Result()
	if err != nil || fmt.Sprint(v) != "map[a:[1 2] b:1.5]" {
		t.Fatalf("echo = %v, %v", v, err)
	}
	p.Shutdown()
	if err := p.Submit("test.pid", nil).Err(); !errors.Is(err, pools.ErrClosed) {
		t.Fatalf("after Shutdown: %v", err)
	}
	spans := rec.Spans()
	if len(spans) != 6 {
		t.Fatalf("%d spans, want 6", len(spans))
	}
	labels := map[string]bool{}
	for _, s := range spans {
		labels[s.Label] = true
		if s.Lane != "process 1" && s.Lane != "process 2" {
			t.Errorf("lane %q", s.Lane)
		}
	}
	if !labels["CountPrimes 0"] || !labels["test.pid 4"] {
		t.Errorf("labels %v", labels)
	}
}

func TestProcessPoolErrors(t *testing.T) {
	p := pools.NewProcessPool(1)
	defer p.Close()
	var pe *pools.PanicError
	if err := p.Submit("test.panic", nil).Err(); !errors.As(err, &pe) || pe.Value != "boom in child" {
		t.Fatalf("panic: %v", err)
	}
	var te *pools.TaskError
	if err := p.Submit("test.fail", nil).Err(); !errors.As(err, &te) || te.Error() != "task says no" {
		t.Fatalf("fail: %v", err)
	}
	if err := p.Submit("no.such.task", nil).Err(); err == nil || !strings.Contains(err.Error(), "unknown task") {
		t.Fatalf("unknown: %v", err)
	}
	if err := p.Submit("test.exit", nil).Err(); err == nil || !strings.Contains(err.Error(), "exited") {
		t.Fatalf("exit: %v", err)
	}
	// A dead worker is replaced.
	if v, err := p.Submit(workload.TaskSumSquares, 4).Result(); err != nil || v != 14 {
		t.Fatalf("after exit: %v, %v", v, err)
	}
	if err := p.Submit("x", func() {}).Err(); err == nil {
		t.Fatal("unencodable argument accepted")
	}
}

func TestProcessPoolCancelKillsRunningTask(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	p := pools.NewProcessPool(1, pools.WithContext(ctx))
	defer p.Close()
	// Start the worker first, so the long task is surely running.
	if err := p.Submit(workload.TaskIsPrime, 7).Err(); err != nil {
		t.Fatal(err)
	}
	long := p.Submit(workload.TaskSleepIO, "1h")
	queued := p.Submit(workload.TaskIsPrime, 7)
	time.AfterFunc(50*time.Millisecond, cancel)
	if err := long.Err(); !errors.Is(err, context.Canceled) {
		t.Fatalf("running: %v", err)
	}
	if err := queued.Err(); !errors.Is(err, context.Canceled) {
		t.Fatalf("queued: %v", err)
	}
}
