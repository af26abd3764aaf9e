package main

import (
	"context"
	"fmt"

	"golang.org/x/sync/errgroup"
)

func main() {
	g, ctx := errgroup.WithContext(context.Background())
	nums := make(chan int)
	squares := make(chan int)
	g.Go(func() error {
		defer close(nums)
		for i := 1; i <= 5; i++ {
			select {
			case nums <- i:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return nil
	})
	g.Go(func() error {
		defer close(squares)
		for n := range nums {
			squares <- n * n
		}
		return nil
	})
	sum := 0
	g.Go(func() error {
		for s := range squares {
			sum += s
		}
		return nil
	})
	fmt.Println(g.Wait(), sum)
}
