package rewrite

import (
	"go/parser"
	"go/printer"
	"go/token"
	"strings"
	"testing"
)

func TestGenericAliasRewrite(t *testing.T) {
	testRewrites(t, []rewriteCase{
		{"expanded", `type Set[T comparable] = map[T]struct{}
func add[T comparable](s Set[T], v T) { s[v] = struct{}{} }
var s = Set[string]{}`, `type ()
func add[T comparable](s map[T]struct{}, v T) { s[v] = struct{}{} }
var s = map[string]struct{}{}`},
		{"plain aliases stay", `type M = map[string]int
var m = M{}`, ""},
	})
	testRuns(t, []runCase{{"set", `package main

import "fmt"

type Set[T comparable] = map[T]struct{}

type Pair[K comparable, V any] = struct {
	Key K
	Val V
}

func add[T comparable](s Set[T], v T) { s[v] = struct{}{} }

func main() {
	s := Set[string]{}
	add(s, "a")
	add(s, "b")
	add(s, "a")
	p := Pair[string, int]{"k", 1}
	fmt.Println(len(s), p.Key, p.Val)
}
`, "2 k 1\n"}})
}

// A later cell uses an alias an earlier cell declared.
func TestGenericAliasLaterCell(t *testing.T) {
	var s Session
	fset := token.NewFileSet()
	var out []string
	for _, src := range []string{
		"package main\ntype Set[T comparable] = map[T]struct{}\n",
		"package main\nvar s = Set[int]{1: {}}\n",
	} {
		f, err := parser.ParseFile(fset, "cell.go", src, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Apply(fset, f); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := printer.Fprint(&b, fset, f); err != nil {
			t.Fatal(err)
		}
		out = append(out, b.String())
	}
	if !strings.Contains(out[1], "map[int]struct{}{1: {}}") {
		t.Errorf("later cell not expanded:\n%s", out[1])
	}
}
