package rewrite

import "testing"

func TestSplitReturnsRewrite(t *testing.T) {
	testRewrites(t, []rewriteCase{
		{"other types", `func two() (string, error) { return "", nil }
func f() (any, error) { return two() }`, `func two() (string, error) { return "", nil }
func f() (any, error) {
	{
		_clR1, _clR2 := two()
		return _clR1, _clR2
	}
}`},
		{"same types stay", `func two() (string, error) { return "", nil }
func f() (string, error) { return two() }`, ""},
		{"unknown callee", `func f() (int, bool) { return g() }`, `func f() (int, bool) {
	{
		_clR1, _clR2 := g()
		return _clR1, _clR2
	}
}`},
		{"single result stays", `func f() any { return g() }`, ""},
		{"in a literal", `func two() (int, error) { return 0, nil }
var f = func() (a any, err error) { return two() }`, `func two() (int, error) { return 0, nil }
var f = func() (a any, err error) {
	{
		_clR1, _clR2 := two()
		return _clR1, _clR2
	}
}`},
	})
}

func TestSplitReturnsRun(t *testing.T) {
	testRuns(t, []runCase{{"any and error", `package main

import (
	"errors"
	"fmt"
)

func two() (string, error) { return "a", errors.New("boom") }

func f() (any, error) { return two() }

func g() (v any, err error) {
	defer func() { v = fmt.Sprint(v, "!") }()
	return two()
}

func main() {
	fmt.Println(f())
	fmt.Println(g())
	h := func() (fmt.Stringer, error) { return nil, errors.New("h") }
	k := func() (any, error) { return h() }
	fmt.Println(k())
}
`, "a boom\na! boom\n<nil> h\n"}})
}
