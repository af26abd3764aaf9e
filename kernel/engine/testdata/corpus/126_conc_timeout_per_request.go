package main

import (
	"context"
	"fmt"
	"time"
)

func fetch(ctx context.Context, d time.Duration) (string, error) {
	select {
	case <-time.After(d):
		return fmt.Sprint("done in ", d), nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func main() {
	for _, d := range []time.Duration{time.Millisecond, time.Second} {
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		res, err := fetch(ctx, d)
		cancel()
		fmt.Printf("%q %v\n", res, err)
	}
}
