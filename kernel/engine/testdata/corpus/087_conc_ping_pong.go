package main

import "fmt"

func main() {
	ping := make(chan int)
	pong := make(chan int)
	done := make(chan bool)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
		close(pong)
	}()
	go func() {
		total := 0
		for v := range pong {
			total += v
		}
		fmt.Println("total", total)
		done <- true
	}()
	for i := 0; i < 5; i++ {
		ping <- i
	}
	close(ping)
	<-done
}
