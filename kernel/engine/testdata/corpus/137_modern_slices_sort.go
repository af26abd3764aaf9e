package main

import (
	"fmt"
	"slices"
)

func main() {
	xs := []int{5, 2, 8, 1, 9}
	slices.Sort(xs)
	fmt.Println(xs)
	fmt.Println(slices.Contains(xs, 8), slices.Index(xs, 8), slices.Index(xs, 7))
	fmt.Println(slices.Max(xs), slices.Min(xs))
	ss := []string{"pear", "apple", "fig"}
	slices.Sort(ss)
	fmt.Println(ss)
}
