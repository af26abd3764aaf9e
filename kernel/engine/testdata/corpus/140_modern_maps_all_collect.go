package main

import (
	"fmt"
	"maps"
	"slices"
)

func main() {
	m := map[string]int{"x": 1, "y": 2}
	c := maps.Collect(maps.All(m))
	c["z"] = 3
	fmt.Println(len(m), len(c))
	clone := maps.Clone(m)
	fmt.Println(maps.Equal(m, clone))
	maps.DeleteFunc(clone, func(k string, v int) bool { return v > 1 })
	fmt.Println(slices.Sorted(maps.Keys(clone)))
}
