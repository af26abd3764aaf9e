package main

import (
	"context"
	"fmt"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan string, 1)
	stop := context.AfterFunc(ctx, func() { done <- "cleanup ran" })
	cancel()
	fmt.Println(<-done)
	fmt.Println(stop())
}
