package main

import (
	"fmt"
	"slices"
)

func main() {
	fmt.Println(slices.Repeat([]string{"ab"}, 3))
	fmt.Println(slices.Concat([]int{1}, []int{2, 3}, []int{4}))
	g := slices.Grow([]int{1}, 10)
	fmt.Println(len(g), cap(g) >= 11)
}
