package main

import (
	"context"
	"fmt"
	"time"

	"golang.org/x/sync/semaphore"
)

func main() {
	sem := semaphore.NewWeighted(4)
	ctx := context.Background()
	fmt.Println(sem.Acquire(ctx, 3))
	fmt.Println(sem.TryAcquire(2))
	tctx, cancel := context.WithTimeout(ctx, 10*time.Millisecond)
	defer cancel()
	fmt.Println(sem.Acquire(tctx, 2))
	sem.Release(3)
	fmt.Println(sem.TryAcquire(4))
}
