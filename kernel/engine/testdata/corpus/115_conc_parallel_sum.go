package main

import (
	"fmt"
	"sync"
)

func main() {
	nums := make([]int, 10000)
	for i := range nums {
		nums[i] = i
	}
	parts := 4
	partial := make([]int, parts)
	var wg sync.WaitGroup
	chunk := len(nums) / parts
	for p := 0; p < parts; p++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, v := range nums[p*chunk : (p+1)*chunk] {
				partial[p] += v
			}
		}()
	}
	wg.Wait()
	total := 0
	for _, s := range partial {
		total += s
	}
	fmt.Println(partial, total)
}
