package main

import "fmt"

func naturals(done <-chan struct{}) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := 0; ; i++ {
			select {
			case ch <- i:
			case <-done:
				return
			}
		}
	}()
	return ch
}

func main() {
	done := make(chan struct{})
	nums := naturals(done)
	for i := 0; i < 5; i++ {
		fmt.Print(<-nums, " ")
	}
	close(done)
	fmt.Println()
	for range nums {
	}
	fmt.Println("generator stopped")
}
