package main

import (
	"fmt"
	"runtime"
)

func main() {
	old := runtime.GOMAXPROCS(1)
	fmt.Println(runtime.GOMAXPROCS(0))
	runtime.GOMAXPROCS(old)
	fmt.Println(runtime.GOMAXPROCS(0) == old)
	done := make(chan bool)
	go func() {
		runtime.Gosched()
		done <- true
	}()
	fmt.Println(<-done)
}
