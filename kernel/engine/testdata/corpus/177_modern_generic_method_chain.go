package main

import "fmt"

type Opt[T any] struct {
	v  T
	ok bool
}

func Some[T any](v T) Opt[T] { return Opt[T]{v, true} }
func None[T any]() Opt[T]    { return Opt[T]{} }

func (o Opt[T]) Or(def T) T {
	if o.ok {
		return o.v
	}
	return def
}

func main() {
	fmt.Println(Some(3).Or(0), None[int]().Or(9))
	fmt.Println(Some("x").Or("y"), None[string]().Or("y"))
}
