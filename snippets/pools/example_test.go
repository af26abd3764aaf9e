package pools_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/chanlab/chanlab/snippets/pools"
	"github.com/chanlab/chanlab/snippets/workload"
)

// Submit returns a Future at once; Result waits for the value.
func ExamplePool_Submit() {
	p := pools.New(3)
	defer p.Shutdown()

	square := func(n int) func() (any, error) {
		return func() (any, error) { return n * n, nil }
	}
	var futs []*pools.Future
	for i := 1; i <= 5; i++ {
		futs = append(futs, p.Submit(square(i)))
	}
	for _, f := range futs {
		v, err := f.Result()
		fmt.Println(v, err)
	}
	// Output:
	// 1 <nil>
	// 4 <nil>
	// 9 <nil>
	// 16 <nil>
	// 25 <nil>
}

// Map keeps the input order, whatever order the tasks finish in.
func ExamplePool_Map() {
	p := pools.New(4)
	defer p.Shutdown()
	vals, err := p.Map(5, func(i int) (any, error) {
		time.Sleep(time.Duration(5-i) * time.Millisecond) // later tasks finish first
		return fmt.Sprintf("page %d", i), nil
	})
	fmt.Println(vals, err)
	// Output: [page 0 page 1 page 2 page 3 page 4] <nil>
}

// A panic in a task becomes the Future's error; the program goes on.
func ExamplePanicError() {
	p := pools.New(1)
	defer p.Shutdown()
	err := p.Submit(func() (any, error) {
		var counts map[string]int
		counts["x"]++ // assignment to a nil map panics
		return nil, nil
	}).Err()
	var pe *pools.PanicError
	fmt.Println(errors.As(err, &pe), pe.Value)
	// Output: true assignment to entry in nil map
}

// AsCompleted yields futures as they finish, like Python's as_completed.
// Here the tasks wait for gates opened in the order 2, 0, 1.
func ExampleAsCompleted() {
	p := pools.New(3)
	defer p.Shutdown()
	gates := []chan struct{}{make(chan struct{}), make(chan struct{}), make(chan struct{})}
	var futs []*pools.Future
	for i, gate := range gates {
		futs = append(futs, p.Submit(func() (any, error) {
			<-gate
			return fmt.Sprint("task ", i), nil
		}))
	}
	done := pools.AsCompleted(futs)
	for _, i := range []int{2, 0, 1} {
		close(gates[i])
		v, _ := (<-done).Result()
		fmt.Println(v)
	}
	// Output:
	// task 2
	// task 0
	// task 1
}

// Wait with FirstCompleted returns as soon as one future is done.
func ExampleWait() {
	p := pools.New(2)
	defer p.Shutdown()
	release := make(chan struct{})
	fast := p.Submit(func() (any, error) { return "fast", nil })
	slow := p.Submit(func() (any, error) { <-release; return "slow", nil })
	done, pending := pools.Wait([]*pools.Future{slow, fast}, pools.FirstCompleted, 0)
	v, _ := done[0].Result()
	fmt.Println(v, len(pending))
	close(release)
	// Output: fast 1
}

// OnDone runs a callback when the task finishes, like add_done_callback.
func ExampleFuture_OnDone() {
	p := pools.New(1)
	f := p.Submit(func() (any, error) { return 42, nil })
	got := make(chan string, 1)
	f.OnDone(func(f *pools.Future) {
		v, err := f.Result()
		got <- fmt.Sprint("finished: ", v, " ", err)
	})
	p.Shutdown()
	fmt.Println(<-got)
	// Output: finished: 42 <nil>
}

// Cancelling the pool's context fails the tasks that have not started.
func ExampleWithContext() {
	ctx, cancel := context.WithCancel(context.Background())
	p := pools.New(1, pools.WithContext(ctx))
	defer p.Close()
	started := make(chan struct{})
	running := p.Submit(func() (any, error) {
		close(started)
		<-p.Context().Done() // a long task watches the pool's context
		return "stopped early", nil
	})
	queued := p.Submit(func() (any, error) { return "never runs", nil })
	<-started
	cancel()
	fmt.Println(running.Result())
	fmt.Println(queued.Result())
	// Output:
	// stopped early <nil>
	// <nil> context canceled
}

// A ProcessPool runs registered compiled tasks in other processes. The
// program's main must call pools.ServeProcessWorker first (this package's
// tests do so in TestMain).
func ExampleProcessPool() {
	p := pools.NewProcessPool(2)
	defer p.Close()
	counts, err := p.Map(workload.TaskCountPrimes, workload.Chunks(0, 10000, 4))
	if err != nil {
		fmt.Println(err)
		return
	}
	total := 0
	for _, c := range counts {
		total += c.(int)
	}
	fmt.Println(counts, total)
	// Output: [367 302 281 279] 1229
}
