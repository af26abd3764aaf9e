package rewrite

import "testing"

func TestMethodExprRewrite(t *testing.T) {
	testRewrites(t, []rewriteCase{
		{"pointer receiver", `type Acc struct{ total int }
func (a *Acc) Add(n int) { a.total += n }
var f = (*Acc).Add`, `type Acc struct{ total int }
func (a *Acc) Add(n int) { a.total += n }
var f = func(_clM1 *Acc, _clM2 int) { _clM1.Add(_clM2) }`},
		{"value receiver, variadic, results", `type T float64
func (t T) Sum(xs ...float64) (float64, error) { return 0, nil }
var f = T.Sum`, `type T float64
func (t T) Sum(xs ...float64) (float64, error) { return 0, nil }
var f = func(_clM1 T, _clM2 ...float64) (float64, error) { return _clM1.Sum(_clM2...) }`},
		{"method values stay", `type T int
func (t T) M() {}
var g = T(1).M`, ""},
	})
}

func TestMethodExprRun(t *testing.T) {
	testRuns(t, []runCase{{"method expressions", `package main

import (
	"fmt"
	"strings"
	"time"
)

type Acc struct{ total int }

func (a *Acc) Add(n int) { a.total += n }

type Temp float64

func (t Temp) F() float64 { return float64(t)*9/5 + 32 }

func (t Temp) Join(sep string, xs ...string) string { return fmt.Sprint(float64(t), sep, strings.Join(xs, sep)) }

func main() {
	var a Acc
	f := (*Acc).Add
	f(&a, 10)
	(*Acc).Add(&a, 5)
	fmt.Println(a.total)
	conv := Temp.F
	fmt.Println(conv(100))
	j := Temp.Join
	fmt.Println(j(1, "-", "a", "b"))
	b := time.Duration.String
	fmt.Println(b(1500 * time.Millisecond))
}
`, "15\n212\n1-a-b\n1.5s\n"}})
}
