package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

func main() {
	errSlow := errors.New("backend too slow")
	ctx, cancel := context.WithTimeoutCause(context.Background(), 10*time.Millisecond, errSlow)
	defer cancel()
	<-ctx.Done()
	fmt.Println(ctx.Err())
	fmt.Println(context.Cause(ctx))
	dl, ok := ctx.Deadline()
	fmt.Println(ok, !dl.IsZero())
}
