package main

import (
	"context"
	"fmt"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	ran := false
	stop := context.AfterFunc(ctx, func() { ran = true })
	fmt.Println("stopped before cancel:", stop())
	cancel()
	fmt.Println("ran:", ran)
}
