package engine

import (
	"context"
	"fmt"
	"testing"
)

func newBenchEngine(b *testing.B) *Engine {
	b.Helper()
	e, err := New(Options{DeadlockAfter: -1})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(e.Close)
	return e
}

// BenchmarkNew measures a fresh engine: interpreter, symbol tables and
// preludes.
func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		e, err := New(Options{DeadlockAfter: -1})
		if err != nil {
			b.Fatal(err)
		}
		e.Close()
	}
}

// BenchmarkExecuteTrivial measures a cell with one expression.
func BenchmarkExecuteTrivial(b *testing.B) {
	e := newBenchEngine(b)
	n := 0
	for b.Loop() {
		n++
		if r := e.Execute(context.Background(), "1 + 1", n); r.Status != "ok" {
			b.Fatal(r)
		}
	}
}

// BenchmarkExecuteTypical measures a cell with a function, a loop, a
// variable and a result, after 50 such cells ran.
func BenchmarkExecuteTypical(b *testing.B) {
	e := newBenchEngine(b)
	cell := func(i int) string {
		return fmt.Sprintf(`func sq%d(n int) int { return n * n }
total%d := 0
for i := range 10 {
	total%d += sq%d(i)
}
total%d`, i, i, i, i, i)
	}
	for i := range 50 {
		if r := e.Execute(context.Background(), cell(i), i+1); r.Status != "ok" {
			b.Fatal(r)
		}
	}
	n := 50
	for b.Loop() {
		n++
		if r := e.Execute(context.Background(), cell(n), n); r.Status != "ok" {
			b.Fatal(r)
		}
	}
}

// BenchmarkRebuild measures re-running a cell that redefines a function
// after 20 cells of declarations.
func BenchmarkRebuild(b *testing.B) {
	e := newBenchEngine(b)
	for i := range 20 {
		code := fmt.Sprintf("func f%d() int { return %d }\nv%d := f%d()", i, i, i, i)
		if r := e.Execute(context.Background(), code, i+1); r.Status != "ok" {
			b.Fatal(r)
		}
	}
	n := 20
	for b.Loop() {
		n++
		code := fmt.Sprintf("func f0() int { return %d }", n)
		if r := e.Execute(context.Background(), code, n); r.Status != "ok" || len(r.Notes) == 0 {
			b.Fatal(r)
		}
	}
}
