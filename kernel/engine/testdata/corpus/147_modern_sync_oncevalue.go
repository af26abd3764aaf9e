package main

import (
	"fmt"
	"sync"
)

func main() {
	calls := 0
	get := sync.OnceValue(func() int {
		calls++
		return 42
	})
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() { _ = get() })
	}
	wg.Wait()
	fmt.Println(get(), calls)
	pair := sync.OnceValues(func() (string, error) { return "cfg", nil })
	s, err := pair()
	fmt.Println(s, err)
}
