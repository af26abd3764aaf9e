package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

func main() {
	var wg sync.WaitGroup
	var n atomic.Int64
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go func(wg *sync.WaitGroup, n *atomic.Int64, i int) {
			defer wg.Done()
			n.Add(int64(i))
		}(&wg, &n, i)
	}
	wg.Wait()
	fmt.Println(n.Load())
}
