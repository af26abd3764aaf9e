package main

import (
	"fmt"
	"sync"
)

func main() {
	results := make([]int, 10)
	var wg sync.WaitGroup
	for i := range 10 {
		wg.Go(func() { results[i] = i * i })
	}
	wg.Wait()
	fmt.Println(results)
}
