package main

import (
	"fmt"
	"sync"
)

func batches(n, size int) func(func(int, int) bool) {
	return func(yield func(int, int) bool) {
		for lo := 0; lo < n; lo += size {
			if !yield(lo, min(lo+size, n)) {
				return
			}
		}
	}
}

func main() {
	data := make([]int, 10)
	for i := range data {
		data[i] = i + 1
	}
	sums := make([]int, 4)
	var wg sync.WaitGroup
	b := 0
	for lo, hi := range batches(len(data), 3) {
		wg.Go(func() {
			for _, v := range data[lo:hi] {
				sums[b] += v
			}
		})
		wg.Wait()
		b++
	}
	fmt.Println(sums)
}
