package main

import "fmt"

func clamp(v, lo, hi int) int { return max(lo, min(v, hi)) }

func main() {
	for _, v := range []int{-5, 5, 50} {
		fmt.Print(clamp(v, 0, 10), " ")
	}
	fmt.Println()
	seen := map[int]bool{1: true}
	clear(seen)
	seen[2] = true
	fmt.Println(len(seen), seen[1], seen[2])
}
