package main

import (
	"fmt"
	"sync"
)

func main() {
	sem := make(chan struct{}, 2)
	var wg sync.WaitGroup
	var mu sync.Mutex
	out := map[int]int{}
	for i := 0; i < 6; i++ {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			mu.Lock()
			out[i] = i * i
			mu.Unlock()
		}()
	}
	wg.Wait()
	fmt.Println(len(out), out[5])
}
