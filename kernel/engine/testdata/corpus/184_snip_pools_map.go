package main

import (
	"fmt"

	"github.com/chanlab/chanlab/snippets/pools"
)

func main() {
	p := pools.New(3)
	defer p.Shutdown()
	out, err := p.Map(8, func(i int) (any, error) { return i * i, nil })
	fmt.Println(out, err)
}
