package main

import (
	"fmt"

	"golang.org/x/sync/errgroup"
)

type taskErr struct{ id int }

func (e *taskErr) Error() string { return fmt.Sprintf("task %d failed", e.id) }

func main() {
	var g errgroup.Group
	for i := range 3 {
		g.Go(func() error {
			if i == 1 {
				return &taskErr{i}
			}
			return nil
		})
	}
	err := g.Wait()
	fmt.Println(err)
	te, ok := err.(*taskErr)
	fmt.Println(ok, ok && te.id == 1)
}
