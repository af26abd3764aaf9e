package main

import "fmt"

func Filter[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

func Reduce[T any](xs []T, init T, f func(T, T) T) T {
	acc := init
	for _, x := range xs {
		acc = f(acc, x)
	}
	return acc
}

func main() {
	xs := []int{1, 2, 3, 4, 5, 6}
	evens := Filter(xs, func(x int) bool { return x%2 == 0 })
	fmt.Println(evens)
	fmt.Println(Reduce(evens, 0, func(a, b int) int { return a + b }))
	fmt.Println(Reduce([]string{"a", "b"}, ">", func(a, b string) string { return a + b }))
}
