package rewrite

import "testing"

// TestConcurrencyIdiomRuns runs the patterns of a Go concurrency course
// through the rewrites and yaegi, against go run.
func TestConcurrencyIdiomRuns(t *testing.T) {
	testRuns(t, []runCase{
		{name: "pipeline, worker pool, semaphore", src: `package main

import (
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
)

func gen(nums ...int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, n := range nums {
			out <- n
		}
	}()
	return out
}

func square(in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for n := range in {
			out <- n * n
		}
	}()
	return out
}

func merge(cs ...<-chan int) <-chan int {
	var wg sync.WaitGroup
	out := make(chan int)
	for _, c := range cs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range c {
				out <- v
			}
		}()
	}
	go func() { wg.Wait(); close(out) }()
	return out
}

type server struct {
	mu   sync.Mutex
	hits map[int]int
}

func (s *server) worker(id int, jobs <-chan int, wg *sync.WaitGroup) {
	defer wg.Done()
	for j := range jobs {
		s.mu.Lock()
		s.hits[j%3]++
		s.mu.Unlock()
	}
	_ = id
}

func main() {
	in := gen(1, 2, 3, 4)
	var res []int
	for v := range merge(square(in), square(gen(5, 6))) {
		res = append(res, v)
	}
	sort.Ints(res)
	fmt.Println(res)

	s := &server{hits: map[int]int{}}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go s.worker(w, jobs, &wg)
	}
	for j := range 30 {
		jobs <- j
	}
	close(jobs)
	wg.Wait()
	fmt.Println(s.hits)

	sem := make(chan struct{}, 3)
	var peak, cur atomic.Int64
	var wg2 sync.WaitGroup
	for i := range 20 {
		wg2.Add(1)
		go func() {
			defer wg2.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			n := cur.Add(1)
			for {
				p := peak.Load()
				if n <= p || peak.CompareAndSwap(p, n) {
					break
				}
			}
			_ = i
			cur.Add(-1)
		}()
	}
	wg2.Wait()
	fmt.Println(peak.Load() <= 3)
}
`, want: "[1 4 9 16 25 36]\nmap[0:10 1:10 2:10]\ntrue\n"},
		{name: "context, once, cond, ticker", src: `package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	results := make(chan int)
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-ctx.Done():
					return
				case results <- i:
					time.Sleep(time.Millisecond)
				}
			}
		}()
	}
	seen := map[int]bool{}
	for len(seen) < 3 {
		seen[<-results] = true
	}
	cancel()
	wg.Wait()
	fmt.Println(len(seen), errors.Is(ctx.Err(), context.Canceled))

	var once sync.Once
	count := 0
	var wg2 sync.WaitGroup
	for range 10 {
		wg2.Go(func() { once.Do(func() { count++ }) })
	}
	wg2.Wait()
	fmt.Println("once", count)

	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	ready := false
	done := make(chan string)
	go func() {
		mu.Lock()
		for !ready {
			cond.Wait()
		}
		mu.Unlock()
		done <- "woken"
	}()
	mu.Lock()
	ready = true
	cond.Broadcast()
	mu.Unlock()
	fmt.Println(<-done)

	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	tctx, tcancel := context.WithTimeout(context.Background(), time.Hour)
	defer tcancel()
	n := 0
loop:
	for {
		select {
		case <-tick.C:
			n++
			if n == 3 {
				break loop
			}
		case <-tctx.Done():
			break loop
		}
	}
	fmt.Println("ticks", n)
}
`, want: "3 true\nonce 1\nwoken\nticks 3\n"},
	})
}
