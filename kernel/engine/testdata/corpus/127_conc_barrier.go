package main

import (
	"fmt"
	"sync"
)

func main() {
	const n = 4
	var phase1, phase2 sync.WaitGroup
	phase1.Add(n)
	var mu sync.Mutex
	var log []string
	for i := 0; i < n; i++ {
		phase2.Add(1)
		go func() {
			defer phase2.Done()
			mu.Lock()
			log = append(log, "a")
			mu.Unlock()
			phase1.Done()
			phase1.Wait()
			mu.Lock()
			log = append(log, "b")
			mu.Unlock()
		}()
	}
	phase2.Wait()
	fmt.Println(log)
}
