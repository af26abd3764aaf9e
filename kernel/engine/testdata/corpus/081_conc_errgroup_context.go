package main

import (
	"context"
	"errors"
	"fmt"

	"golang.org/x/sync/errgroup"
)

func main() {
	g, ctx := errgroup.WithContext(context.Background())
	g.Go(func() error {
		return errors.New("first failure")
	})
	g.Go(func() error {
		<-ctx.Done()
		return ctx.Err()
	})
	err := g.Wait()
	fmt.Println(err)
	fmt.Println(ctx.Err())
}
