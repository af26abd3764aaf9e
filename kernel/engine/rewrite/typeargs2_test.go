package rewrite

import "testing"

// Calls of generic functions the cell declares get the type arguments
// go/types inferred, which yaegi often can't infer itself.
func TestExplicitTypeArgs(t *testing.T) {
	testRewrites(t, []rewriteCase{
		{"inferred", `func first[K comparable, V any](m map[K]V, k K) V { return m[k] }
var x = first(map[string]int{"a": 1}, "a")`, `func first[K comparable, V any](m map[K]V, k K) V { return m[k] }
var x = first[string, int](map[string]int{"a": 1}, "a")`},
		{"explicit stays", `func id[T any](v T) T { return v }
var x = id[int](1)`, ""},
		{"not generic stays", `func id(v int) int { return v }
var x = id(1)`, ""},
	})
	testRuns(t, []runCase{{"receive-only channel and variadic", `package main

import "fmt"

func fromChan[T any](ch <-chan T) func(func(T) bool) {
	return func(yield func(T) bool) {
		for v := range ch {
			if !yield(v) {
				return
			}
		}
	}
}

func sum[T int | float64](xs ...T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func pair[A, B any](a A, b B) string { return fmt.Sprint(a, "/", b) }

func main() {
	ch := make(chan string, 2)
	ch <- "x"
	ch <- "y"
	close(ch)
	for s := range fromChan(ch) {
		fmt.Print(s)
	}
	fmt.Println()
	fmt.Println(sum(1, 2, 3), sum(1.5, 2), pair(1, "b"))
}
`, "xy\n6 3.5 1/b\n"}})
}
