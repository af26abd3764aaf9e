package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	var mu sync.Mutex
	sum := 0
	mk := func(i int) func() {
		return func() {
			defer wg.Done()
			mu.Lock()
			sum += i
			mu.Unlock()
		}
	}
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go mk(i)()
	}
	wg.Wait()
	fmt.Println(sum)
}
