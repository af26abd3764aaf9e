package main

import "fmt"

func pairs(n int) func(func(int, int) bool) {
	return func(yield func(int, int) bool) {
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				if !yield(i, j) {
					return
				}
			}
		}
	}
}

func main() {
	count := 0
outer:
	for i, j := range pairs(10) {
		for k := range 3 {
			if i+j+k > 6 {
				break outer
			}
			count++
		}
	}
	fmt.Println(count)
}
