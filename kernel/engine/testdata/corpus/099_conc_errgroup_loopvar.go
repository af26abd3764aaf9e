package main

import (
	"fmt"
	"sync/atomic"

	"golang.org/x/sync/errgroup"
)

func main() {
	var g errgroup.Group
	var sum atomic.Int64
	for i := 0; i < 200; i++ {
		g.Go(func() error {
			sum.Add(int64(i))
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		fmt.Println(err)
	}
	fmt.Println(sum.Load())
}
