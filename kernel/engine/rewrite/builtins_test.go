package rewrite

import "testing"

func TestBuiltinRewrites(t *testing.T) {
	testRewrites(t, []rewriteCase{
		{name: "min max clear new", in: `
const lo = min(3, 1, 2)

func f(a, b int, x float64, m map[string]int, s []int) {
	println(min(a, b), max(a, b, 7), max(x, 1), min(a))
	clear(m)
	clear(s)
	p := new(a + 1)
	q := new(int)
	println(*p, *q)
}`, want: `
const lo = 1

func f(a, b int, x float64, m map[string]int, s []int) {
	println(_clMin[int](a, b), _clMax[int](_clMax[int](a, b), 7), _clMax[float64](x, 1), (a))
	_clClear(m)
	_clClear(s)
	p := _clNew[int](a + 1)
	q := new(int)
	println(*p, *q)
}`},
		{name: "generic functions of maps and slices", in: `
import (
	"maps"
	"slices"
)

func f(s []int, m map[string]int) {
	slices.Sort(s)
	keys := slices.Collect(maps.Keys(m))
	println(slices.Index(s, 3), len(keys), slices.Contains(s, 2))
}`, want: `
import (
	"maps"
	"slices"
)

func f(s []int, m map[string]int) {
	_clSlicesSort[int](s)
	keys := _clSlicesCollect[string](_clMapsKeys[string, int](m))
	println(_clSlicesIndex[int](s, 3), len(keys), _clSlicesContains[int](s, 2))
}`},
		{name: "user function named min", in: `
func min(a, b string) string { return a }

func f() {
	println(min("a", "b"))
}`},
	})
}

func TestBuiltinRuns(t *testing.T) {
	testRuns(t, []runCase{
		{name: "min max clear new", src: `package main

import "fmt"

type Celsius float64

const smallest = min(3, 1, 2)

func main() {
	a, b := 4, 9
	x := 2.5
	fmt.Println(smallest, min(a, b), max(a, b, 7), max(x, 1), min(a), max(1, 2.5))
	fmt.Println(min("pear", "apple", "fig"), max(Celsius(3), 20))
	m := map[string]int{"a": 1, "b": 2}
	s := []int{1, 2, 3}
	clear(m)
	clear(s)
	fmt.Println(len(m), s)
	p := new(a + 1)
	q := new(int)
	*q = *p * 2
	fmt.Println(*p, *q)
}
`, want: "1 4 9 2.5 4 2.5\napple 20\n0 [0 0 0]\n5 10\n"},
		{name: "maps slices cmp", src: `package main

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
)

type job struct {
	name string
	cost int
}

func main() {
	m := map[string]int{"c": 3, "a": 1, "b": 2}
	keys := slices.Sorted(maps.Keys(m))
	fmt.Println(keys, slices.Index(keys, "b"), slices.Contains(keys, "z"))
	jobs := []job{{"x", 3}, {"y", 1}, {"z", 2}}
	slices.SortFunc(jobs, func(a, b job) int { return cmp.Compare(a.cost, b.cost) })
	fmt.Println(jobs)
	s := []int{5, 2, 8}
	slices.Sort(s)
	slices.Reverse(s)
	fmt.Println(s, slices.Max(s), slices.Min(s), slices.Equal(s, []int{8, 5, 2}))
	c := maps.Clone(m)
	c["d"] = 4
	fmt.Println(len(m), len(c))
}
`, want: "[a b c] 1 false\n[{y 1} {z 2} {x 3}]\n[8 5 2] 8 2 true\n3 4\n"},
	})
}
