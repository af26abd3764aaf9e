package main

import (
	"fmt"
	"time"
)

func main() {
	beats := make(chan int)
	done := make(chan struct{})
	go func() {
		defer close(beats)
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for i := 1; ; i++ {
			select {
			case <-done:
				return
			case <-t.C:
				select {
				case beats <- i:
				case <-done:
					return
				}
			}
		}
	}()
	for b := range beats {
		if b == 3 {
			close(done)
			break
		}
	}
	fmt.Println("three beats")
}
