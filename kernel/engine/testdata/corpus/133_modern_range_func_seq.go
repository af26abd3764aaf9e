package main

import "fmt"

func count(n int) func(yield func(int) bool) {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func main() {
	for v := range count(4) {
		fmt.Print(v, " ")
	}
	fmt.Println()
	for v := range count(100) {
		if v == 3 {
			break
		}
		fmt.Print(v, " ")
	}
	fmt.Println()
}
