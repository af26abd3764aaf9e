package main

import (
	"context"
	"fmt"
)

type key string

func handle(ctx context.Context) string {
	user, _ := ctx.Value(key("user")).(string)
	return "hello " + user
}

func main() {
	ctx := context.WithValue(context.Background(), key("user"), "ann")
	fmt.Println(handle(ctx))
	fmt.Println(ctx.Value(key("missing")) == nil)
}
