package pools_test

import (
	"sync"
	"testing"

	"golang.org/x/sync/errgroup"

	"github.com/chanlab/chanlab/snippets/pools"
	"github.com/chanlab/chanlab/snippets/workload"
)

// The per-task cost of running b.N trivial tasks four at a time, in four
// ways: this package's Pool, raw goroutines with a WaitGroup, and an
// errgroup with SetLimit.

const benchWorkers = 4

func BenchmarkPoolSubmit(b *testing.B) {
	p := pools.New(benchWorkers)
	defer p.Close()
	futs := make([]*pools.Future, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		futs[i] = p.Submit(func() (any, error) { return i, nil })
	}
	for _, f := range futs {
		f.Err()
	}
}

func BenchmarkPoolMap(b *testing.B) {
	p := pools.New(benchWorkers)
	defer p.Close()
	b.ResetTimer()
	p.Map(b.N, func(i int) (any, error) { return i, nil })
}

func BenchmarkGoroutinesWaitGroup(b *testing.B) {
	results := make([]any, b.N)
	var wg sync.WaitGroup
	sem := make(chan struct{}, benchWorkers)
	for i := 0; i < b.N; i++ {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = i
			<-sem
		}()
	}
	wg.Wait()
}

func BenchmarkGoroutinesUnbounded(b *testing.B) {
	results := make([]any, b.N)
	var wg sync.WaitGroup
	for i := 0; i < b.N; i++ {
		wg.Go(func() { results[i] = i })
	}
	wg.Wait()
}

func BenchmarkErrgroupSetLimit(b *testing.B) {
	results := make([]any, b.N)
	var g errgroup.Group
	g.SetLimit(benchWorkers)
	for i := 0; i < b.N; i++ {
		g.Go(func() error { results[i] = i; return nil })
	}
	g.Wait()
}

// One round trip to a running worker process: encode, pipe, decode.
func BenchmarkProcessPoolTask(b *testing.B) {
	p := pools.NewProcessPool(1)
	defer p.Close()
	if err := p.Submit(workload.TaskIsPrime, 7).Err(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p.Submit(workload.TaskIsPrime, 7).Err()
	}
}

// Starting a worker process, one task, and stopping it.
func BenchmarkProcessPoolStart(b *testing.B) {
	for i := 0; i < b.N; i++ {
		p := pools.NewProcessPool(1)
		if err := p.Submit(workload.TaskIsPrime, 7).Err(); err != nil {
			b.Fatal(err)
		}
		p.Close()
	}
}
