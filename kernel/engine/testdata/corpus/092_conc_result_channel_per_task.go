package main

import "fmt"

func compute(n int) <-chan int {
	ch := make(chan int, 1)
	go func() {
		s := 0
		for i := 1; i <= n; i++ {
			s += i
		}
		ch <- s
	}()
	return ch
}

func main() {
	futures := []<-chan int{compute(10), compute(100), compute(1000)}
	for i := 0; i < len(futures); i++ {
		fmt.Println(<-futures[i])
	}
}
