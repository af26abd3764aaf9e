package engine

import (
	"go/parser"
	"reflect"
	"sync"
	"testing"
)

func TestSafeExpr(t *testing.T) {
	cases := map[string]bool{
		`42`:                            true,
		`"s" + "t"`:                     true,
		`[]int{1, 2, 3}`:                true,
		`map[string]int{"a": len("x")}`: true,
		`make(chan int, 3)`:             true,
		`float64(3) * 2`:                true,
		`func() int { return load() }`:  true, // a value: the body does not run
		`strings.Repeat("ab", 3)`:       true,
		`load()`:                        false,
		`<-ch`:                          false,
		`time.Now()`:                    false,
		`http.Get("http://x")`:          false,
		`T{N: compute()}`:               false,
		`x.Method()`:                    false,
	}
	for src, want := range cases {
		x, err := parser.ParseExpr(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if got := safeExpr(x); got != want {
			t.Errorf("safeExpr(%s) = %v, want %v", src, got, want)
		}
	}
}

func TestTransferable(t *testing.T) {
	type local struct{ A int }
	cases := []struct {
		v    any
		want bool
	}{
		{42, true},
		{"s", true},
		{[]float64{1}, true},
		{map[string][]int{}, true},
		{&sync.Mutex{}, true},
		{make(chan string), true},
		{local{}, true}, // a named compiled struct; yaegi's own are unnamed
		{struct{ A int }{}, false},
		{[]struct{ A int }{}, false},
		{func() {}, false},
		{[]any{1}, false},
	}
	for _, c := range cases {
		if got := transferable(reflect.ValueOf(c.v)); got != c.want {
			t.Errorf("transferable(%T) = %v, want %v", c.v, got, c.want)
		}
	}
}

func TestMapText(t *testing.T) {
	cases := map[string]string{
		"_.go:30005:7: undefined: foo":           "cell [3], line 5: undefined: foo",
		"index out of range [1000000]":           "index out of range [1000000]",
		"12340007:3: x":                          "cell [1234], line 7: x",
		"30005: too few values":                  "cell [3], line 5: too few values",
		"cell4:3:1: expected operand":            "cell [4], line 2: expected operand",
		"1:28: undefined: x":                     "undefined: x",
		"undefined: _clmain":                     "undefined: main",
		"main._clCell1(...)":                     "the cell(...)",
		"cannot use _clhook.Out(f()) (no value)": "cannot use (f()) (no value)",
	}
	for in, want := range cases {
		if got := mapText(in); got != want {
			t.Errorf("mapText(%q) = %q, want %q", in, got, want)
		}
	}
}
