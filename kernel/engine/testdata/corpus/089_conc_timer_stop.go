package main

import (
	"fmt"
	"time"
)

func main() {
	fired := make(chan bool, 1)
	t := time.AfterFunc(time.Hour, func() { fired <- true })
	fmt.Println("stopped:", t.Stop())
	t2 := time.NewTimer(5 * time.Millisecond)
	<-t2.C
	fmt.Println("timer fired")
	select {
	case <-fired:
		fmt.Println("unexpected")
	default:
		fmt.Println("afterfunc never ran")
	}
}
