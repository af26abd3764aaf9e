package main

import (
	"context"
	"fmt"
	"sync"

	"golang.org/x/sync/semaphore"
)

func main() {
	sem := semaphore.NewWeighted(3)
	ctx := context.Background()
	var mu sync.Mutex
	var wg sync.WaitGroup
	inUse, peak := 0, 0
	for i := 0; i < 10; i++ {
		if err := sem.Acquire(ctx, 1); err != nil {
			fmt.Println(err)
			return
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer sem.Release(1)
			mu.Lock()
			inUse++
			peak = max(peak, inUse)
			mu.Unlock()
			mu.Lock()
			inUse--
			mu.Unlock()
		}()
	}
	wg.Wait()
	fmt.Println("peak <= 3:", peak <= 3)
	fmt.Println(sem.TryAcquire(3), sem.TryAcquire(1))
}
