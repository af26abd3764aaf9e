package main

import (
	"errors"
	"fmt"

	"github.com/chanlab/chanlab/snippets/pools"
)

func main() {
	p := pools.New(1)
	defer p.Shutdown()
	f := p.Submit(func() (any, error) { panic("kaboom") })
	_, err := f.Result()
	var pe *pools.PanicError
	fmt.Println(errors.As(err, &pe))
}
