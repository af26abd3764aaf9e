package main

import "fmt"

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func (p Pair[K, V]) String() string { return fmt.Sprintf("%v=%v", p.Key, p.Val) }

func main() {
	ps := []Pair[string, int]{{"a", 1}, {"b", 2}}
	for _, p := range ps {
		fmt.Println(p.String())
	}
	q := Pair[int, []string]{1, []string{"x"}}
	fmt.Println(q.Key, q.Val)
}
