package rewrite

import "testing"

// Generic functions of the interpreted slices and maps packages that have
// no Prelude shim get the type arguments go/types inferred.
func TestSourcePackageTypeArgs(t *testing.T) {
	testRewrites(t, []rewriteCase{
		{"concat", `import "slices"
var a = slices.Concat([]int{1}, []int{2, 3})`, `import "slices"
var a = slices.Concat[int]([]int{1}, []int{2, 3})`},
		{"explicit stays", `import "slices"
var a = slices.Concat[int]([]int{1})`, ""},
	})
	testSymbolRuns(t, []runCase{{"slices and maps", `package main

import (
	"fmt"
	"maps"
	"slices"
)

func main() {
	fmt.Println(slices.Concat([]int{1}, []int{2, 3}, []int{4}))
	fmt.Println(slices.Repeat([]string{"ab"}, 2))
	for c := range slices.Chunk([]int{1, 2, 3, 4, 5}, 2) {
		fmt.Print(c, " ")
	}
	fmt.Println()
	m := map[string]int{"a": 1}
	maps.Insert(m, maps.All(map[string]int{"b": 2}))
	fmt.Println(len(m), slices.Sorted(maps.Keys(m)))
}
`, "[1 2 3 4]\n[ab ab]\n[1 2] [3 4] [5] \n2 [a b]\n"}})
}
