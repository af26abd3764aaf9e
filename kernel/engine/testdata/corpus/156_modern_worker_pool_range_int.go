package main

import (
	"fmt"
	"sync"
)

func main() {
	jobs := make(chan int)
	var mu sync.Mutex
	done := map[int]int{}
	var wg sync.WaitGroup
	for w := range 3 {
		wg.Go(func() {
			for j := range jobs {
				mu.Lock()
				done[j] = w*0 + j*2
				mu.Unlock()
			}
		})
	}
	for j := range 9 {
		jobs <- j
	}
	close(jobs)
	wg.Wait()
	total := 0
	for _, v := range done {
		total += v
	}
	fmt.Println(len(done), total)
}
