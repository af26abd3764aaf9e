package main

import "fmt"

type A struct{ N int }
type B struct{ N int }

func main() {
	var x, y any = A{1}, B{1}
	fmt.Println(x == y)
	var z any = A{1}
	fmt.Println(x == z)
	_, isB := x.(B)
	_, isA := x.(A)
	fmt.Println(isA, isB)
}
