package main

import (
	"errors"
	"fmt"

	"golang.org/x/sync/errgroup"
)

func main() {
	var g errgroup.Group
	results := make([]int, 4)
	for i := 0; i < 4; i++ {
		g.Go(func() error {
			results[i] = i * 10
			return nil
		})
	}
	fmt.Println(g.Wait(), results)
	var g2 errgroup.Group
	g2.Go(func() error { return errors.New("boom") })
	g2.Go(func() error { return nil })
	fmt.Println(g2.Wait())
}
