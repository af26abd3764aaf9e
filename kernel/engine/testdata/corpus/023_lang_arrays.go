package main

import "fmt"

func main() {
	var a [4]int
	for i := range a {
		a[i] = i * 2
	}
	b := a
	b[0] = 99
	fmt.Println(a, b, len(a))
	grid := [2][3]string{{"a", "b", "c"}, {"d", "e", "f"}}
	fmt.Println(grid[1][2], grid)
	fmt.Println(a == [4]int{0, 2, 4, 6})
}
