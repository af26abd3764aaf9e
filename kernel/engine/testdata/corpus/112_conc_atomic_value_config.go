package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type Config struct{ Version int }

func main() {
	var cfg atomic.Value
	cfg.Store(Config{1})
	var wg sync.WaitGroup
	for i := 2; i <= 5; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				old := cfg.Load().(Config)
				if old.Version >= i || cfg.CompareAndSwap(old, Config{i}) {
					return
				}
			}
		}()
	}
	wg.Wait()
	fmt.Println(cfg.Load().(Config).Version)
}
