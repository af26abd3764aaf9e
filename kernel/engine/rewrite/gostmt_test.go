package rewrite

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chanlab/chanlab/kernel/engine/rt"
)

func TestGoRewrites(t *testing.T) {
	testRewrites(t, []rewriteCase{
		{name: "calls and literals", in: `
type T struct{}

func (T) Run(n int) {}

func worker(id int, out chan<- int) {}

func f(t T, out chan int, fs []func(int)) {
	go worker(1, out)
	go t.Run(len(fs))
	go fs[0](2)
	go func(n int, s ...string) {
		println(n, s)
	}(3, "a", "b")
	go close(out)
}`, want: `
type T struct{}

func (T) Run(n int) {}

func worker(id int, out chan<- int) {}

func f(t T, out chan int, fs []func(int)) {
	{
		_clA2 := out
		go func(_clG1 int) { defer func() { _clrt.GoEnd(_clG1, recover(), "cell.go:10") }(); worker(1, _clA2) }(_clrt.GoStart())
	}
	{
		_clF4, _clA5 := t.Run, len(fs)
		go func(_clG3 int) { defer func() { _clrt.GoEnd(_clG3, recover(), "cell.go:11") }(); _clF4(_clA5) }(_clrt.GoStart())
	}
	{
		_clF7 := fs[0]
		go func(_clG6 int) { defer func() { _clrt.GoEnd(_clG6, recover(), "cell.go:12") }(); _clF7(2) }(_clrt.GoStart())
	}
	go func(_clG8 int, n int, s ...string) {
		defer func() { _clrt.GoEnd(_clG8, recover(), "cell.go:13") }()
		println(n, s)
	}(_clrt.GoStart(), 3, "a", "b")
	{
		_clA10 := out
		go func(_clG9 int) { defer func() { _clrt.GoEnd(_clG9, recover(), "cell.go:16") }(); close(_clA10) }(_clrt.GoStart())
	}
}`},
		{name: "unnamed parameters", in: `
func f() {
	go func(int, string) {}(1, "a")
}`, want: `
func f() {
	go func(_clG1 int, _ int, _ string) { defer func() { _clrt.GoEnd(_clG1, recover(), "cell.go:4") }() }(_clrt.GoStart(), 1, "a")
}`},
	})
}

func TestGoRuns(t *testing.T) {
	testRuns(t, []runCase{
		{name: "arguments are evaluated at the go statement", src: `package main

import (
	"fmt"
	"sync"
)

type counter struct{ n int }

func (c *counter) add(wg *sync.WaitGroup, k int) { defer wg.Done(); c.n += k }

func main() {
	var wg sync.WaitGroup
	c := &counter{}
	f := c.add
	k := 5
	wg.Add(1)
	go f(&wg, k)
	k = 100
	f = nil
	wg.Wait()
	results := make(chan string, 2)
	wg.Add(2)
	go func(name string, vals ...int) {
		defer wg.Done()
		results <- fmt.Sprint(name, vals)
	}("v", 1, 2)
	go func(int) { defer wg.Done(); results <- "unnamed" }(1)
	wg.Wait()
	fmt.Println(c.n, len(results))
}
`, want: "5 2\n"},
	})
}

// TestGoPanicIsReported runs goroutines that panic (directly, in a named
// function and in a method) and checks that each panic reaches the
// handler with the cell and the go statement's line, and that the
// interpreter goes on.
func TestGoPanicIsReported(t *testing.T) {
	rt.Reset()
	defer rt.Reset()
	reports := make(chan string, 10)
	rt.SetPanicHandler(func(p rt.Panic) {
		reports <- fmt.Sprintf("%d %s %v", p.Cell, p.Where, p.Value)
	})
	rt.SetCell(7)
	src := `package main

import (
	"fmt"
	"sync"
)

func boom(wg *sync.WaitGroup) {
	defer wg.Done()
	var m map[string]int
	m["x"] = 1
}

func main() {
	var wg sync.WaitGroup
	wg.Add(3)
	go boom(&wg)
	go func() {
		defer wg.Done()
		panic("from a literal")
	}()
	go func(err error) {
		defer wg.Done()
		panic(err)
	}(fmt.Errorf("wrapped %d", 3))
	wg.Wait()
	fmt.Println("still here")
}
`
	out := rewriteSrc(t, src)
	var buf lockedBuffer
	i := newInterp(t, &buf)
	if _, err := i.Eval(out); err != nil {
		t.Fatalf("Eval: %v\n%s", err, buf.String())
	}
	// yaegi itself prints a trace line to Stderr for each panic passing
	// through an interpreted frame; the program's own output comes last.
	if !strings.HasSuffix(buf.String(), "still here\n") {
		t.Errorf("output %q", buf.String())
	}
	// A goroutine's own deferred wg.Done runs before the guard reports its
	// panic, so wait for the reports themselves.
	var got []string
	for len(got) < 3 {
		select {
		case r := <-reports:
			got = append(got, r)
		case <-time.After(time.Minute):
			t.Fatalf("only %d panics reported: %q", len(got), got)
		}
	}
	sort.Strings(got)
	want := []string{
		"7 cell.go:17 assignment to entry in nil map",
		"7 cell.go:18 from a literal",
		"7 cell.go:22 wrapped 3",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("panics reported:\n%q\nwant\n%q", got, want)
	}
	if rt.Panics() != 3 || rt.Started() != 3 || rt.Running() != 0 {
		t.Errorf("Panics %d, Started %d, Running %d; want 3, 3, 0", rt.Panics(), rt.Started(), rt.Running())
	}
}
