package main

import (
	"fmt"
	"sort"
)

type Set[T comparable] map[T]struct{}

func (s Set[T]) Add(v T)      { s[v] = struct{}{} }
func (s Set[T]) Has(v T) bool { _, ok := s[v]; return ok }
func (s Set[T]) Len() int     { return len(s) }

func main() {
	s := Set[string]{}
	for _, w := range []string{"a", "b", "a", "c"} {
		s.Add(w)
	}
	fmt.Println(s.Len(), s.Has("a"), s.Has("z"))
	var keys []string
	for k := range s {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Println(keys)
}
