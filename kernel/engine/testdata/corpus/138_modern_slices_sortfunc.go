package main

import (
	"cmp"
	"fmt"
	"slices"
)

type Task struct {
	Name     string
	Priority int
}

func main() {
	tasks := []Task{{"write", 2}, {"test", 1}, {"ship", 3}, {"lint", 1}}
	slices.SortFunc(tasks, func(a, b Task) int {
		if c := cmp.Compare(a.Priority, b.Priority); c != 0 {
			return c
		}
		return cmp.Compare(a.Name, b.Name)
	})
	fmt.Println(tasks)
	i := slices.IndexFunc(tasks, func(t Task) bool { return t.Name == "ship" })
	fmt.Println(i)
}
