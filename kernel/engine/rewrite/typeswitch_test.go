package rewrite

import "testing"

func TestTypeSwitchRewrites(t *testing.T) {
	testRewrites(t, []rewriteCase{
		{name: "binding added", in: `
func kind(v any) string {
	switch v.(type) {
	case int:
		return "int"
	}
	switch x := v.(type) {
	case string:
		return x
	}
	return ""
}`, want: `
func kind(v any) string {
	switch _clT1 := v.(type) {
	case int:
		return "int"
	}
	switch x := v.(type) {
	case string:
		return x
	}
	return ""
}`},
	})
}

func TestTypeSwitchRuns(t *testing.T) {
	testRuns(t, []runCase{
		{name: "interpreted types of different shapes", src: `package main

import "fmt"

type Point struct{ X, Y int }
type Celsius float64
type Named struct{ Name string }

func kind(v any) string {
	switch v.(type) {
	case Point:
		return "point"
	case Celsius:
		return "celsius"
	case *Named:
		return "*named"
	case int, int64:
		return "integer"
	case nil:
		return "nil"
	}
	return "other"
}

func main() {
	fmt.Println(kind(Point{1, 2}), kind(Celsius(3)), kind(&Named{"n"}), kind(3), kind(nil), kind("x"))
}
`, want: "point celsius *named integer nil other\n"},
	})
}
