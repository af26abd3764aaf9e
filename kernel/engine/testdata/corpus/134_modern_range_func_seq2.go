package main

import (
	"fmt"
	"iter"
)

func enumerate(words []string) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		for i, w := range words {
			if !yield(i, w) {
				return
			}
		}
	}
}

func main() {
	for i, w := range enumerate([]string{"a", "b", "c"}) {
		fmt.Println(i, w)
	}
}
