package main

import (
	"fmt"
	"time"
)

func main() {
	requests := make(chan int, 5)
	for i := 1; i <= 5; i++ {
		requests <- i
	}
	close(requests)
	limiter := time.Tick(2 * time.Millisecond)
	var served []int
	for r := range requests {
		<-limiter
		served = append(served, r)
	}
	fmt.Println(served)
}
