package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type Config struct{ Name string }

func main() {
	var p atomic.Pointer[Config]
	fmt.Println(p.Load() == nil)
	p.Store(&Config{"v1"})
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Go(func() {
			for {
				old := p.Load()
				if p.CompareAndSwap(old, &Config{fmt.Sprint(old.Name, "+", i >= 0)}) {
					return
				}
			}
		})
	}
	wg.Wait()
	fmt.Println(p.Load().Name)
}
