package rewrite

import "testing"

func TestLoopVarRewrites(t *testing.T) {
	testRewrites(t, []rewriteCase{
		{name: "go statement in a three-clause loop", in: `
func f() {
	for i := 0; i < 3; i++ {
		go func() { println(i) }()
	}
}`, want: `
func f() {
	for i := 0; i < 3; i++ {
		i := i
		go func(_clG1 int) { defer func() { _clrt.GoEnd(_clG1, recover(), "cell.go:5") }(); println(i) }(_clrt.GoStart())
	}
}`},
		{name: "defer in a range loop", in: `
func f(xs []int) {
	for i, x := range xs {
		defer func() { println(x) }()
		_ = i
	}
}`, want: `
func f(xs []int) {
	for i, x := range xs {
		x := x
		{
			_clA1 := x
			defer func(x int) { println(x) }(_clA1)
		}
		_ = i
	}
}`},
		{name: "loop variable assigned in the body", in: `
func f() {
	for i := 0; i < 10; i++ {
		if i%2 == 0 {
			i++
		}
		defer func() { println(i) }()
	}
}`, want: `
func f() {
	{
		i := 0
		_clP1 := &i
		for _clF2 := true; ; _clF2 = false {
			i := *_clP1
			_clP1 = &i
			if !_clF2 {
				i++
			}
			if !(i < 10) {
				break
			}
			if i%2 == 0 {
				i++
			}
			defer func() { println(i) }()
		}
	}
}`},
		{name: "assigned loop variable not captured is left alone", in: `
func f() {
	for i := 0; i < 10; i++ {
		if i%2 == 0 {
			i++
		}
		println(i)
	}
}`},
		{name: "fields and keys named like the variable", in: `
type P struct{ i int }

func f(p P) {
	for i := 0; i < 3; i++ {
		defer func() { println(p.i, P{i: 1}.i) }()
	}
}`},
		{name: "closures handed on are built by factories", in: `
import "sync"

func f(urls []string, fetch func(string) int) {
	var wg sync.WaitGroup
	for i, u := range urls {
		wg.Go(func() { println(i, fetch(u)) })
	}
	wg.Wait()
}`, want: `
import "sync"

func f(urls []string, fetch func(string) int) {
	var wg sync.WaitGroup
	for i, u := range urls {
		i, u := i, u
		wg.Go(func(i int, u string) func() { return func() { println(i, fetch(u)) } }(i, u))
	}
	wg.Wait()
}`},
		{name: "a type the cell can't name is copied inside the factory", in: `
import (
	"os"
	"sync"
)

func f() {
	var wg sync.WaitGroup
	es, _ := os.ReadDir(".")
	for _, e := range es {
		wg.Go(func() { println(e.Name()) })
	}
}`, want: `
import (
	"os"
	"sync"
)

func f() {
	var wg sync.WaitGroup
	es, _ := os.ReadDir(".")
	for _, e := range es {
		e := e
		wg.Go(func() func() { e := e; return func() { println(e.Name()) } }())
	}
}`},
		{name: "values changed through fields and methods stay shared", in: `
import "sync"

type job struct{ done bool }

func f(jobs []*job, vals []job, submit func(func())) {
	for _, j := range jobs {
		submit(func() { j.done = true })
	}
	for _, v := range vals {
		var mu sync.Mutex
		submit(func() { v.done = true })
		submit(func() { mu.Lock() })
		mu.Lock()
	}
}`, want: `
import "sync"

type job struct{ done bool }

func f(jobs []*job, vals []job, submit func(func())) {
	for _, j := range jobs {
		j := j
		submit(func(j *job) func() { return func() { j.done = true } }(j))
	}
	for _, v := range vals {
		v := v
		var mu sync.Mutex
		submit(func() { v.done = true })
		submit(func() { mu.Lock() })
		mu.Lock()
	}
}`},
		{name: "variables assigned later stay shared", in: `
func f(n int, submit func(func())) {
	for i := 0; i < n; i++ {
		size := i * 2
		total := 0
		submit(func() { total += size + i })
		func() { println(i) }()
	}
}`, want: `
func f(n int, submit func(func())) {
	for i := 0; i < n; i++ {
		i := i
		size := i * 2
		total := 0
		submit(func(size int, i int) func() { return func() { total += size + i } }(size, i))
		func() { println(i) }()
	}
}`},
	})
}

func TestLoopVarRuns(t *testing.T) {
	testRuns(t, []runCase{
		{name: "closures see their own iteration", src: `package main

import (
	"fmt"
	"sort"
	"sync"
)

func main() {
	var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i })
	}
	for _, w := range []string{"a", "b"} {
		defer func() { fmt.Println("deferred", w) }()
	}
	var mu sync.Mutex
	var got []int
	var wg sync.WaitGroup
	for i := range 5 {
		wg.Go(func() {
			mu.Lock()
			defer mu.Unlock()
			got = append(got, i)
		})
	}
	for i := 10; i < 13; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			got = append(got, i)
		}()
	}
	wg.Wait()
	sort.Ints(got)
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println(got)
	for i := 0; i < 6; i++ {
		if i%2 == 0 {
			i++
		}
		fmt.Print(i, " ")
	}
	fmt.Println()
}
`, want: "0 1 2 [0 1 2 3 4 10 11 12]\n1 3 5 \ndeferred b\ndeferred a\n"},
	})
}

func TestDeferRewrites(t *testing.T) {
	testRewrites(t, []rewriteCase{
		{name: "arguments evaluated at the defer statement", in: `
type T struct{}

func (T) Close(s string) {}

func show(s string) {}

func f(t T, mu interface{ Unlock() }) {
	x := "first"
	defer show(x)
	defer t.Close(x + "!")
	defer show("const")
	defer mu.Unlock()
	defer func() { recover() }()
	x = "second"
}`, want: `
type T struct{}

func (T) Close(s string) {}

func show(s string) {}

func f(t T, mu interface{ Unlock() }) {
	x := "first"
	{
		_clA1 := x
		defer show(_clA1)
	}
	{
		_clA2, _clA3 := t.Close, x+"!"
		defer _clA2(_clA3)
	}
	defer show("const")
	defer mu.Unlock()
	defer func() { recover() }()
	x = "second"
}`},
	})
}

func TestDeferRuns(t *testing.T) {
	testRuns(t, []runCase{
		{name: "defer order, arguments and recover", src: `package main

import (
	"errors"
	"fmt"
)

type closer struct{ name string }

func (c *closer) Close(why string) { fmt.Println("close", c.name, why) }

func show(tag string, v int) { fmt.Println(tag, v) }

func safeDiv(a, b int) (q int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	return a / b, nil
}

func work() (err error) {
	x := 1
	defer show("x was", x)
	c := &closer{"db"}
	defer c.Close(fmt.Sprint("at ", x))
	for i := range 3 {
		defer show("loop", i)
	}
	for _, w := range []string{"a", "b"} {
		defer func() { fmt.Println("word", w) }()
	}
	for i := 0; i < 2; i++ {
		defer func(tag string) { fmt.Println(tag, i) }("three-clause")
	}
	x = 2
	defer func() {
		if r := recover(); r != nil {
			err = errors.Join(err, fmt.Errorf("%v", r))
		}
	}()
	panic("boom")
}

func main() {
	fmt.Println(safeDiv(7, 2))
	fmt.Println(safeDiv(1, 0))
	fmt.Println(work())
}
`, want: "3 <nil>\n0 recovered: runtime error: integer divide by zero\nthree-clause 1\nthree-clause 0\nword b\nword a\nloop 2\nloop 1\nloop 0\nclose db at 1\nx was 1\nboom\n"},
	})
}

func TestLoopVarAssignedRuns(t *testing.T) {
	testRuns(t, []runCase{
		{name: "closures over a loop variable the body changes", src: `package main

import (
	"fmt"
	"sort"
	"sync"
)

func main() {
	var mu sync.Mutex
	var got []int
	var wg sync.WaitGroup
outer:
	for i, j := 0, 100; i < 12; i, j = i+1, j-1 {
		if i%3 == 0 {
			i++ // skips a value, as in Go
		}
		if i == 7 {
			continue outer
		}
		if i == 10 {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			got = append(got, i*1000+j)
		}()
	}
	wg.Wait()
	sort.Ints(got)
	fmt.Println(got)
}
`, want: "[1100 2099 4098 5097 8095]\n"},
	})
}

func TestLoopVarStdTypesRuns(t *testing.T) {
	testRuns(t, []runCase{
		{name: "durations and per-iteration mutexes", src: `package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	delays := []time.Duration{3 * time.Millisecond, time.Millisecond, 2 * time.Millisecond}
	var mu sync.Mutex
	var total time.Duration
	var wg sync.WaitGroup
	for _, d := range delays {
		wg.Go(func() {
			mu.Lock()
			defer mu.Unlock()
			total += d
		})
	}
	wg.Wait()
	counts := make([]int, 3)
	for i := range 3 {
		var local sync.WaitGroup
		n := 0
		for range 4 {
			local.Go(func() {
				mu.Lock()
				n++
				mu.Unlock()
			})
		}
		local.Wait()
		counts[i] = n
	}
	fmt.Println(total, counts)
}
`, want: "6ms [4 4 4]\n"},
	})
}

func TestIterTypeRewrites(t *testing.T) {
	testRewrites(t, []rewriteCase{
		{name: "Seq and Seq2", in: `
import "iter"

func count(n int) iter.Seq[int] { return nil }

func pairs() iter.Seq2[string, []int] { return nil }`, want: `
func count(n int) func(yield func(int) bool) { return nil }

func pairs() func(yield func(string, []int) bool) { return nil }`},
		{name: "other uses keep the import", in: `
import "iter"

var next, stop = iter.Pull(seq)

func seq(yield func(int) bool) {}

func count(n int) iter.Seq[int] { return nil }`, want: `
import "iter"

var next, stop = iter.Pull(seq)

func seq(yield func(int) bool) {}

func count(n int) func(yield func(int) bool) { return nil }`},
	})
}
