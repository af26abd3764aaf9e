package main

import (
	"fmt"
	"sync"
)

func serve(id int, in <-chan int, stop <-chan struct{}, out chan<- int) {
	for {
		select {
		case v := <-in:
			out <- id*100 + v
		case <-stop:
			return
		}
	}
}

func main() {
	stop := make(chan struct{})
	out := make(chan int)
	ins := make([]chan int, 4)
	var wg sync.WaitGroup
	for i := range ins {
		ins[i] = make(chan int)
		wg.Go(func() { serve(i, ins[i], stop, out) })
	}
	total := 0
	for round := range 3 {
		for i := range ins {
			ins[i] <- round
			total += <-out
		}
	}
	close(stop)
	wg.Wait()
	fmt.Println(total)
}
