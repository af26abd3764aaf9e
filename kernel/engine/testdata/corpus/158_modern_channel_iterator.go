package main

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

func main() {
	ch := make(chan string, 3)
	ch <- "x"
	ch <- "y"
	ch <- "z"
	close(ch)
	for s := range fromChan(ch) {
		fmt.Print(s)
	}
	fmt.Println()
}
