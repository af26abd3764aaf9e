package main

import (
	"fmt"

	"github.com/chanlab/chanlab/kernel/engine/symbols"
	"github.com/traefik/yaegi/interp"
)

func main() {
	i := interp.New(interp.Options{})
	fmt.Println(len(symbols.Symbols), symbols.Install(i))
}
