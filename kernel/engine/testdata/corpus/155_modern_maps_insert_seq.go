package main

import (
	"fmt"
	"maps"
	"slices"
)

func main() {
	m := map[int]string{}
	maps.Insert(m, slices.All([]string{"zero", "one", "two"}))
	fmt.Println(len(m), m[2])
	for _, k := range slices.Sorted(maps.Keys(m)) {
		fmt.Print(k, ":", m[k], " ")
	}
	fmt.Println()
}
