package main

import (
	"fmt"
	"sync"
)

func main() {
	calls := 0
	init := sync.OnceFunc(func() { calls++ })
	var wg sync.WaitGroup
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			init()
		}()
	}
	wg.Wait()
	init()
	fmt.Println("calls:", calls)
}
