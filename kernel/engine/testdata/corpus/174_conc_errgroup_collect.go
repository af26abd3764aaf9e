package main

import (
	"fmt"
	"strings"

	"golang.org/x/sync/errgroup"
)

func main() {
	words := []string{"alpha", "beta", "gamma", "delta"}
	upper := make([]string, len(words))
	var g errgroup.Group
	g.SetLimit(2)
	for i, w := range words {
		g.Go(func() error {
			upper[i] = strings.ToUpper(w)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		fmt.Println(err)
	}
	fmt.Println(upper)
}
