package main

import "fmt"

type Number interface {
	~int | ~int64 | ~float64
}

type Meters int

func Largest[T Number](xs []T) T {
	m := xs[0]
	for _, x := range xs[1:] {
		if x > m {
			m = x
		}
	}
	return m
}

func main() {
	fmt.Println(Largest([]int{3, 9, 2}))
	fmt.Println(Largest([]float64{1.5, -2, 0.5}))
	fmt.Println(Largest([]Meters{10, 30, 20}))
}
