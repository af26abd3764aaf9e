package main

import (
	"fmt"
	"sync"
)

func worker(id int, in <-chan int, quit <-chan struct{}, out chan<- string, wg *sync.WaitGroup) {
	defer wg.Done()
	for {
		select {
		case v := <-in:
			out <- fmt.Sprintf("w%d:%d", id, v)
		case <-quit:
			return
		}
	}
}

func main() {
	const n = 3
	var wg sync.WaitGroup
	ins := make([]chan int, n)
	out := make(chan string, 10)
	quit := make(chan struct{})
	for i := 0; i < n; i++ {
		ins[i] = make(chan int)
		wg.Add(1)
		go worker(i, ins[i], quit, out, &wg)
	}
	for i := 0; i < n; i++ {
		ins[i] <- i * 10
		fmt.Println(<-out)
	}
	close(quit)
	wg.Wait()
}
