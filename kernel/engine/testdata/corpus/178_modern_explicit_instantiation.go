package main

import "fmt"

func Zero[T any]() T {
	var z T
	return z
}

func main() {
	fmt.Printf("%q %v %v\n", Zero[string](), Zero[int](), Zero[[]int]() == nil)
	m := Zero[map[string]int]()
	fmt.Println(len(m), m == nil)
}
