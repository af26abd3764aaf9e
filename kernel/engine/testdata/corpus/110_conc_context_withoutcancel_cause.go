package main

import (
	"context"
	"errors"
	"fmt"
)

func main() {
	parent, cancel := context.WithCancelCause(context.Background())
	detached := context.WithoutCancel(parent)
	cancel(errors.New("shutting down"))
	fmt.Println(parent.Err(), context.Cause(parent))
	fmt.Println(detached.Err())
}
