package main

import (
	"fmt"
	"sync"

	"golang.org/x/sync/errgroup"
)

func main() {
	var g errgroup.Group
	g.SetLimit(2)
	var mu sync.Mutex
	active, peak := 0, 0
	for i := 0; i < 8; i++ {
		g.Go(func() error {
			mu.Lock()
			active++
			peak = max(peak, active)
			mu.Unlock()
			sum := 0
			for k := 0; k < 1000; k++ {
				sum += k
			}
			mu.Lock()
			active--
			mu.Unlock()
			return nil
		})
	}
	g.Wait()
	fmt.Println("peak <= 2:", peak <= 2, "active:", active)
	fmt.Println(g.TryGo(func() error { return nil }))
	g.Wait()
}
