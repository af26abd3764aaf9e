package main

import (
	"fmt"
	"time"
)

func main() {
	done := make(chan string)
	time.AfterFunc(5*time.Millisecond, func() { done <- "fired" })
	fmt.Println(<-done)
	timer := time.NewTimer(time.Hour)
	fmt.Println(timer.Reset(time.Millisecond))
	<-timer.C
	fmt.Println("reset timer fired")
}
