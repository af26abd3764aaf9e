package main

import (
	"fmt"
	"sync"

	"golang.org/x/sync/singleflight"
)

func main() {
	var g singleflight.Group
	var mu sync.Mutex
	calls := 0
	start := make(chan struct{})
	var wg sync.WaitGroup
	results := make([]string, 5)
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, _, _ := g.Do("key", func() (any, error) {
				mu.Lock()
				calls++
				mu.Unlock()
				<-start
				return "value", nil
			})
			results[i] = v.(string)
		}()
	}
	close(start)
	wg.Wait()
	fmt.Println(results, calls >= 1 && calls <= 5)
}
