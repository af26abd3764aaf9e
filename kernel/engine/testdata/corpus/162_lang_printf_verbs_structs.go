package main

import "fmt"

type Point struct {
	X, Y int
}

func main() {
	p := Point{1, 2}
	fmt.Printf("%v|%+v|%T\n", p, p, p)
	fmt.Printf("%v|%+v|%T\n", &p, []Point{p}, map[string]int{})
	fmt.Printf("%T %T %T\n", 1, "s", 2.5)
}
