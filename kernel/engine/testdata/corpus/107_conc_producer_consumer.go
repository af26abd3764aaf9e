package main

import (
	"fmt"
	"sync"
)

func main() {
	buf := make(chan int, 4)
	var wg sync.WaitGroup
	for p := 0; p < 2; p++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				buf <- p*100 + i
			}
		}()
	}
	go func() {
		wg.Wait()
		close(buf)
	}()
	count, sum := 0, 0
	for v := range buf {
		count++
		sum += v
	}
	fmt.Println(count, sum)
}
