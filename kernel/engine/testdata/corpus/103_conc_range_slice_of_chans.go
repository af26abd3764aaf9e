package main

import "fmt"

func main() {
	chans := []chan int{make(chan int, 1), make(chan int, 1), make(chan int, 1)}
	for i, c := range chans {
		c <- i * 7
	}
	sum := 0
	for _, c := range chans {
		sum += <-c
	}
	fmt.Println(sum)
}
