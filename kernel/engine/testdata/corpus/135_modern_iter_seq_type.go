package main

import (
	"fmt"
	"iter"
)

func fibs() iter.Seq[int] {
	return func(yield func(int) bool) {
		a, b := 0, 1
		for {
			if !yield(a) {
				return
			}
			a, b = b, a+b
		}
	}
}

func main() {
	for f := range fibs() {
		if f > 50 {
			break
		}
		fmt.Print(f, " ")
	}
	fmt.Println()
}
