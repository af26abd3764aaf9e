package main

import "fmt"

type Set[T comparable] = map[T]struct{}

func add[T comparable](s Set[T], v T) { s[v] = struct{}{} }

func main() {
	s := Set[string]{}
	add(s, "a")
	add(s, "b")
	add(s, "a")
	fmt.Println(len(s))
}
