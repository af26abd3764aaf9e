package rewrite

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"

	"golang.org/x/sync/errgroup"
)

// closurePatterns are the nine ways (plus the pre-Go 1.22 copy handed to
// compiled code) of handing a loop variable to another
// goroutine measured in FACTS.md. Each program defines sum() int, which
// must return the sum of 0..199 = 19900.
var closurePatterns = []struct{ name, src string }{
	{"go func captures i", `
func sum() int {
	var wg sync.WaitGroup
	var n atomic.Int64
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); n.Add(int64(i)) }()
	}
	wg.Wait()
	return int(n.Load())
}`},
	{"i := i copy", `
func sum() int {
	var wg sync.WaitGroup
	var n atomic.Int64
	for i := 0; i < 200; i++ {
		i := i
		wg.Add(1)
		go func() { defer wg.Done(); n.Add(int64(i)) }()
	}
	wg.Wait()
	return int(n.Load())
}`},
	{"parameter", `
func sum() int {
	var wg sync.WaitGroup
	var n atomic.Int64
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go func(i int) { defer wg.Done(); n.Add(int64(i)) }(i)
	}
	wg.Wait()
	return int(n.Load())
}`},
	{"compiled pool Submit", `
func sum() int {
	var n atomic.Int64
	p := testpool.New()
	for i := range 200 {
		p.Submit(func() { n.Add(int64(i)) })
	}
	p.Wait()
	return int(n.Load())
}`},
	{"errgroup Go", `
func sum() int {
	var g errgroup.Group
	g.SetLimit(8)
	var n atomic.Int64
	for i := 0; i < 200; i++ {
		g.Go(func() error { n.Add(int64(i)); return nil })
	}
	g.Wait()
	return int(n.Load())
}`},
	{"WaitGroup Go", `
func sum() int {
	var wg sync.WaitGroup
	var n atomic.Int64
	for i := 0; i < 200; i++ {
		wg.Go(func() { n.Add(int64(i)) })
	}
	wg.Wait()
	return int(n.Load())
}`},
	{"i := i then compiled pool", `
func sum() int {
	var n atomic.Int64
	p := testpool.New()
	for i := 0; i < 200; i++ {
		i := i
		p.Submit(func() { n.Add(int64(i)) })
	}
	p.Wait()
	return int(n.Load())
}`},
	{"factory", `
func mk(i int, wg *sync.WaitGroup, n *atomic.Int64) func() {
	return func() { defer wg.Done(); n.Add(int64(i)) }
}

func sum() int {
	var wg sync.WaitGroup
	var n atomic.Int64
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go mk(i, &wg, &n)()
	}
	wg.Wait()
	return int(n.Load())
}`},
	{"named func", `
func worker(wg *sync.WaitGroup, n *atomic.Int64, i int) {
	defer wg.Done()
	n.Add(int64(i))
}

func sum() int {
	var wg sync.WaitGroup
	var n atomic.Int64
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go worker(&wg, &n, i)
	}
	wg.Wait()
	return int(n.Load())
}`},
	{"captures nothing", `
func sum() int {
	var wg sync.WaitGroup
	var n atomic.Int64
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go func(wg *sync.WaitGroup, n *atomic.Int64, i int) { defer wg.Done(); n.Add(int64(i)) }(&wg, &n, i)
	}
	wg.Wait()
	return int(n.Load())
}`},
}

// testPool is a compiled stand-in for a worker pool: Submit runs
// interpreted closures on compiled goroutines.
type testPool struct{ wg sync.WaitGroup }

func newTestPool() *testPool { return &testPool{} }

func (p *testPool) Submit(f func()) {
	p.wg.Add(1)
	go func() { defer p.wg.Done(); f() }()
}

func (p *testPool) Wait() { p.wg.Wait() }

// stressSymbols exports the test pool and errgroup to yaegi.
var stressSymbols = map[string]map[string]reflect.Value{
	"chanlab/testpool/testpool": {
		"New":  reflect.ValueOf(newTestPool),
		"Pool": reflect.ValueOf((*testPool)(nil)),
	},
	"golang.org/x/sync/errgroup/errgroup": {
		"Group":       reflect.ValueOf((*errgroup.Group)(nil)),
		"WithContext": reflect.ValueOf(errgroup.WithContext),
	},
}

const stressImports = `package main

import (
	"sync"
	"sync/atomic"

	"chanlab/testpool"
	"golang.org/x/sync/errgroup"
)

var _ = testpool.New
var _ errgroup.Group
`

// TestClosurePatternsStress runs each closure pattern many times through
// yaegi with the rewrites and requires every sum to be right. Each pattern
// gets a fresh interpreter every 10 runs.
func TestClosurePatternsStress(t *testing.T) {
	runs := 60
	if testing.Short() {
		runs = 10
	}
	total, wrong := 0, 0
	for _, p := range closurePatterns {
		t.Run(p.name, func(t *testing.T) {
			src := rewriteSrc(t, stressImports+p.src)
			var bad []int
			for k := 0; k < runs; k += 10 {
				var out lockedBuffer
				i := newInterp(t, &out)
				if err := i.Use(stressSymbols); err != nil {
					t.Fatal(err)
				}
				if _, err := i.Eval(src); err != nil {
					t.Fatalf("Eval: %v\n%s", err, src)
				}
				for j := k; j < k+10 && j < runs; j++ {
					v, err := i.Eval("sum()")
					if err != nil {
						t.Fatalf("sum(): %v\n%s", err, out.String())
					}
					total++
					if got := int(v.Int()); got != 19900 {
						bad = append(bad, got)
					}
				}
			}
			wrong += len(bad)
			if len(bad) > 0 {
				t.Errorf("%d of %d runs wrong: %v\nrewritten:\n%s", len(bad), runs, bad, src)
			}
		})
	}
	t.Logf("closure patterns: %d runs, %d wrong sums", total, wrong)
}

// TestSelectFanInStress runs many goroutines through the same select
// statement, each on its own channels, and checks every value arrives at
// the right worker (FACTS: in plain yaegi they hang or swap values).
func TestSelectFanInStress(t *testing.T) {
	workers, per := 40, 100
	if testing.Short() {
		workers, per = 10, 20
	}
	src := fmt.Sprintf(`package main

import (
	"fmt"
	"sync"
)

func main() {
	const W, N = %d, %d
	in := make([]chan int, W)
	quit := make([]chan bool, W)
	res := make(chan string, W)
	for w := range W {
		in[w], quit[w] = make(chan int), make(chan bool)
	}
	var wg sync.WaitGroup
	for w := range W {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sum, bad := 0, 0
			for {
				select {
				case v := <-in[w]:
					if v/1000 != w {
						bad++
					}
					sum += v %% 1000
				case <-quit[w]:
					res <- fmt.Sprint(w, " ", sum, " ", bad)
					return
				}
			}
		}()
	}
	merged := make(chan int)
	var senders sync.WaitGroup
	for w := range W {
		senders.Add(1)
		go func() {
			defer senders.Done()
			for k := range N {
				select {
				case in[w] <- w*1000 + k:
				}
				merged <- 1
			}
		}()
	}
	go func() { senders.Wait(); close(merged) }()
	count := 0
	for range merged {
		count++
	}
	for w := range W {
		quit[w] <- true
	}
	wg.Wait()
	close(res)
	ok := 0
	for r := range res {
		var w, sum, bad int
		fmt.Sscan(r, &w, &sum, &bad)
		if sum == N*(N-1)/2 && bad == 0 {
			ok++
		} else {
			fmt.Println("worker", r)
		}
	}
	fmt.Println(count, ok)
}
`, workers, per)
	got := strings.TrimSpace(runRewritten(t, src))
	want := fmt.Sprint(workers*per, " ", workers)
	if got != want {
		t.Fatalf("got %q, want %q (messages received, workers with every value right)", got, want)
	}
	t.Logf("select fan-in: %d goroutines, %d values through one select statement each way, all right", 2*workers, workers*per)
}

// TestErrgroupCancelsOnFirstError checks the errgroup pattern FACTS.md saw
// fail through the loop-variable bug: the task that fails must be the one
// of its own iteration, and its error must cancel the others.
func TestErrgroupCancelsOnFirstError(t *testing.T) {
	src := rewriteSrc(t, `package main

import (
	"context"
	"fmt"
	"sync/atomic"

	"golang.org/x/sync/errgroup"
)

func run() string {
	g, ctx := errgroup.WithContext(context.Background())
	var cancelled atomic.Int64
	for i := 0; i < 8; i++ {
		g.Go(func() error {
			if i == 5 {
				return fmt.Errorf("task %d failed", i)
			}
			<-ctx.Done()
			cancelled.Add(1)
			return nil
		})
	}
	err := g.Wait()
	return fmt.Sprint(err, " ", cancelled.Load())
}`)
	var out lockedBuffer
	i := newInterp(t, &out)
	if err := i.Use(stressSymbols); err != nil {
		t.Fatal(err)
	}
	if _, err := i.Eval(src); err != nil {
		t.Fatalf("Eval: %v\n%s", err, src)
	}
	v, err := i.Eval("run()")
	if err != nil {
		t.Fatal(err)
	}
	if got := v.String(); got != "task 5 failed 7" {
		t.Fatalf("got %q, want %q", got, "task 5 failed 7")
	}
}
