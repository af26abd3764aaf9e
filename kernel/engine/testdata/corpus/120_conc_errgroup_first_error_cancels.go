package main

import (
	"context"
	"errors"
	"fmt"

	"golang.org/x/sync/errgroup"
)

func main() {
	g, ctx := errgroup.WithContext(context.Background())
	for i := 0; i < 5; i++ {
		g.Go(func() error {
			if i == 2 {
				return fmt.Errorf("task %d failed", i)
			}
			<-ctx.Done()
			return nil
		})
	}
	err := g.Wait()
	fmt.Println(err)
	fmt.Println(errors.Is(ctx.Err(), context.Canceled))
}
