package main

import "fmt"

func evensUpTo(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := 0; i <= n; i += 2 {
			if !yield(i) {
				return
			}
		}
	}
}

func firstOver(limit int) int {
	for v := range evensUpTo(100) {
		if v%4 == 0 {
			continue
		}
		if v > limit {
			return v
		}
	}
	return -1
}

func main() {
	fmt.Println(firstOver(10))
	fmt.Println(firstOver(1000))
}
