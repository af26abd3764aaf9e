package rewrite

import "testing"

func TestMultiAssignRewrites(t *testing.T) {
	testRewrites(t, []rewriteCase{
		{name: "nil in a parallel assignment", in: `
func f(a, b *int, e error, g func() error) {
	a, e = nil, g()
	a, b = b, nil
	a, b = b, a
}`, want: `
func f(a, b *int, e error, g func() error) {
	_clA1 := g()
	a = nil
	e = _clA1
	_clA2 := b
	a = _clA2
	b = nil
	a, b = b, a
}`},
	})
}

func TestMultiAssignRuns(t *testing.T) {
	testRuns(t, []runCase{
		{name: "nil assignments", src: `package main

import (
	"errors"
	"fmt"
)

type T struct{ n int }

func get() (*T, error) {
	var p *T = &T{}
	var e error
	p, e = nil, errors.New("x")
	return p, e
}

func main() {
	p, e := get()
	fmt.Println(p == nil, e)
	a, b := &T{1}, &T{2}
	a, b = b, nil
	fmt.Println(a.n, b == nil)
	var m map[string]int
	var s []int
	m, s = nil, []int{1}
	fmt.Println(m == nil, s)
}
`, want: "true x\n2 true\ntrue [1]\n"},
	})
}
