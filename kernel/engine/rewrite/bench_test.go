package rewrite

import (
	"testing"

	"github.com/traefik/yaegi/interp"
)

// benchProgram declares run(n), which does n select statements (one
// receive, one send case, as in a fan-in loop) and n go statements.
const benchProgram = `package main

import "sync"

func selects(n int) int {
	in, out := make(chan int, 1), make(chan int, 1)
	s := 0
	for i := 0; i < n; i++ {
		select {
		case in <- i:
		case v := <-out:
			s += v
		}
		<-in
	}
	return s
}

func goroutines(n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() { wg.Done() }()
	}
	wg.Wait()
}
`

func benchInterp(b *testing.B, rewrite bool) *interp.Interpreter {
	var out lockedBuffer
	i := newInterp(b, &out)
	src := benchProgram
	if rewrite {
		src = rewriteSrc(b, src)
	}
	if _, err := i.Eval(src); err != nil {
		b.Fatal(err)
	}
	return i
}

// Per op: one select statement.
func BenchmarkSelectPlain(b *testing.B)     { benchN(b, false, "selects") }
func BenchmarkSelectRewritten(b *testing.B) { benchN(b, true, "selects") }

// Per op: one go statement (start and end of a goroutine).
func BenchmarkGoPlain(b *testing.B)     { benchN(b, false, "goroutines") }
func BenchmarkGoRewritten(b *testing.B) { benchN(b, true, "goroutines") }

func benchN(b *testing.B, rewrite bool, fn string) {
	i := benchInterp(b, rewrite)
	f, err := i.Eval(fn)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	switch g := f.Interface().(type) {
	case func(int) int:
		g(b.N)
	case func(int):
		g(b.N)
	default:
		b.Fatalf("%s has type %T", fn, g)
	}
}
