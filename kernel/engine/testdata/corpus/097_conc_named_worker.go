package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

func worker(wg *sync.WaitGroup, total *atomic.Int64, i int) {
	defer wg.Done()
	total.Add(int64(i))
}

func main() {
	var wg sync.WaitGroup
	var total atomic.Int64
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go worker(&wg, &total, i)
	}
	wg.Wait()
	fmt.Println(total.Load())
}
