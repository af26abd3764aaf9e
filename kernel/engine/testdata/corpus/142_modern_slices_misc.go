package main

import (
	"fmt"
	"slices"
)

func main() {
	xs := []int{1, 2, 2, 3, 3, 3}
	fmt.Println(slices.Compact(slices.Clone(xs)))
	ys := slices.Clone(xs)
	slices.Reverse(ys)
	fmt.Println(ys)
	fmt.Println(slices.Equal(xs, ys))
	fmt.Println(slices.Insert([]int{1, 4}, 1, 2, 3))
	fmt.Println(slices.Delete([]int{0, 1, 2, 3}, 1, 3))
	i, found := slices.BinarySearch([]int{10, 20, 30}, 20)
	fmt.Println(i, found)
}
