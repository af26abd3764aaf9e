"""The stress corpus: concurrency patterns that break a bare yaegi, run many
times through the real kernel. Every run must give the right answer and the
worker must never crash (a crash would show as an error reply, and the
counters kept in the worker would be lost)."""

import pytest

from kernelutil import run, stdout_of

SETUP = r'''
import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/errgroup"
)

// Closure patterns: each returns the sum of 0..199 = 19900.
func viaGo() int {
	var wg sync.WaitGroup
	var n atomic.Int64
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); n.Add(int64(i)) }()
	}
	wg.Wait()
	return int(n.Load())
}

func viaCopy() int {
	var wg sync.WaitGroup
	var n atomic.Int64
	for i := 0; i < 200; i++ {
		i := i
		wg.Add(1)
		go func() { defer wg.Done(); n.Add(int64(i)) }()
	}
	wg.Wait()
	return int(n.Load())
}

func viaParam() int {
	var wg sync.WaitGroup
	var n atomic.Int64
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go func(i int) { defer wg.Done(); n.Add(int64(i)) }(i)
	}
	wg.Wait()
	return int(n.Load())
}

func viaNothingCaptured() int {
	var wg sync.WaitGroup
	var n atomic.Int64
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go func(wg *sync.WaitGroup, n *atomic.Int64, i int) { defer wg.Done(); n.Add(int64(i)) }(&wg, &n, i)
	}
	wg.Wait()
	return int(n.Load())
}

func viaWaitGroupGo() int {
	var wg sync.WaitGroup
	var n atomic.Int64
	for i := range 200 {
		wg.Go(func() { n.Add(int64(i)) })
	}
	wg.Wait()
	return int(n.Load())
}

func viaErrgroup() int {
	var g errgroup.Group
	g.SetLimit(8)
	var n atomic.Int64
	for i := range 200 {
		g.Go(func() error { n.Add(int64(i)); return nil })
	}
	g.Wait()
	return int(n.Load())
}

func mk(i int, n *atomic.Int64, wg *sync.WaitGroup) func() {
	return func() { defer wg.Done(); n.Add(int64(i)) }
}

func viaFactory() int {
	var wg sync.WaitGroup
	var n atomic.Int64
	for i := range 200 {
		wg.Add(1)
		go mk(i, &n, &wg)()
	}
	wg.Wait()
	return int(n.Load())
}

func add(wg *sync.WaitGroup, n *atomic.Int64, i int) { defer wg.Done(); n.Add(int64(i)) }

func viaNamed() int {
	var wg sync.WaitGroup
	var n atomic.Int64
	for i := range 200 {
		wg.Add(1)
		go add(&wg, &n, i)
	}
	wg.Wait()
	return int(n.Load())
}

// fanIn runs 16 workers, each selecting on its own input and a shared
// done channel, and returns the sum of what they sent back.
func fanIn() int {
	const workers = 16
	done := make(chan struct{})
	out := make(chan int)
	ins := make([]chan int, workers)
	var wg sync.WaitGroup
	for w := range workers {
		ins[w] = make(chan int)
		wg.Go(func() {
			for {
				select {
				case v := <-ins[w]:
					out <- v*1000 + w
				case <-done:
					return
				}
			}
		})
	}
	go func() {
		for k := range 10 {
			for w := range workers {
				ins[w] <- k
			}
		}
	}()
	sum := 0
	for range 10 * workers {
		sum += <-out
	}
	close(done)
	wg.Wait()
	return sum
}

// pipeline generates numbers, squares them and stops everything through
// the context after taking 50 results; it returns the sum taken.
func pipeline() int {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	gen := make(chan int)
	sq := make(chan int)
	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(gen)
		for i := 0; ; i++ {
			select {
			case gen <- i:
			case <-ctx.Done():
				return
			}
		}
	})
	wg.Go(func() {
		defer close(sq)
		for v := range gen {
			select {
			case sq <- v * v:
			case <-ctx.Done():
				return
			}
		}
	})
	sum := 0
	for range 50 {
		sum += <-sq
	}
	cancel()
	for range sq {
	}
	wg.Wait()
	return sum
}

func check(name string, runs int, want int, f func() int) {
	bad := 0
	for range runs {
		if got := f(); got != want {
			bad++
		}
	}
	fmt.Printf("%s: %d runs, %d wrong\n", name, runs, bad)
}
'''

# name, runs, expected value, function
PATTERNS = [
    ("go statement", 40, 19900, "viaGo"),
    ("i := i copy", 40, 19900, "viaCopy"),
    ("parameter", 40, 19900, "viaParam"),
    ("captures nothing", 40, 19900, "viaNothingCaptured"),
    ("WaitGroup.Go", 40, 19900, "viaWaitGroupGo"),
    ("errgroup", 40, 19900, "viaErrgroup"),
    ("factory", 40, 19900, "viaFactory"),
    ("named func", 40, 19900, "viaNamed"),
    # sum over k<10, w<16 of k*1000+w = 16*45*1000 + 10*120
    ("fan-in select, 16 workers", 30, 721200, "fanIn"),
    # sum of i*i for i < 50
    ("pipeline with cancel", 30, 40425, "pipeline"),
]


@pytest.fixture(scope="module")
def stress_kernel(kernel):
    km, kc = kernel
    reply, msgs = run(kc, SETUP, timeout=120)
    assert reply["status"] == "ok", reply
    return kc


@pytest.mark.parametrize("name,runs,want,fn", PATTERNS, ids=[p[0] for p in PATTERNS])
def test_pattern_always_right(stress_kernel, name, runs, want, fn):
    reply, msgs = run(stress_kernel, f'check("{name}", {runs}, {want}, {fn})', timeout=300)
    assert reply["status"] == "ok", reply
    assert stdout_of(msgs) == f"{name}: {runs} runs, 0 wrong\n"


def test_hundred_thousand_goroutines(stress_kernel):
    code = r'''
var wg sync.WaitGroup
var started atomic.Int64
gate := make(chan struct{})
for range 100000 {
	wg.Add(1)
	go func() {
		defer wg.Done()
		started.Add(1)
		<-gate
	}()
}
for started.Load() < 100000 {
}
close(gate)
wg.Wait()
fmt.Println("goroutines:", started.Load())
'''
    reply, msgs = run(stress_kernel, code, timeout=600)
    assert reply["status"] == "ok", reply
    assert stdout_of(msgs) == "goroutines: 100000\n"
