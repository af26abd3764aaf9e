package rewrite

import "testing"

func TestRangeFuncRewrites(t *testing.T) {
	testRewrites(t, []rewriteCase{
		{name: "break and continue", in: `
func f(seq func(func(int) bool)) {
	for v := range seq {
		if v > 2 {
			break
		}
		if v == 1 {
			continue
		}
		println(v)
	}
}`, want: `
func f(seq func(func(int) bool)) {
	{
		_clQ1 := seq
		_clK3 := _clZero1[int](_clQ1)
		_clRun1[int](_clQ1, &_clK3, func() bool {
			v := _clK3
			if v > 2 {
				return false
			}
			if v == 1 {
				return true
			}
			println(v)
			return true
		})

	}
}`},
		{name: "return with unnamed results", in: `
func find(seq func(func(string, int) bool), key string) (int, bool) {
	for k, v := range seq {
		if k == key {
			return v, true
		}
	}
	return 0, false
}`, want: `
func find(seq func(func(string, int) bool), key string) (int, bool) {
	{
		_clQ1 := seq
		_clK3, _clV4 := _clZero2[string, int](_clQ1)
		var _clX2 int
		var _clR5 int
		var _clR6 bool
		_clRun2[string, int](_clQ1, &_clK3, &_clV4, func() bool {
			k, v := _clK3, _clV4
			if k == key {
				_clR5, _clR6 = v, true
				_clX2 = 1
				return false
			}
			return true
		})
		switch _clX2 {
		case 1:
			return _clR5, _clR6
		}

	}
	return 0, false
}`},
		{name: "labelled branches to outer loops and bare return", in: `
func f(seq func(func() bool), rows [][]int) (n int) {
outer:
	for _, row := range rows {
		for range seq {
			switch {
			case n > 10:
				break outer
			case n > 5:
				continue outer
			case n < 0:
				return
			}
			n++
			for _, x := range row {
				if x == 0 {
					break
				}
			}
		}
	}
	return n
}`, want: `
func f(seq func(func() bool), rows [][]int) (n int) {
outer:
	for _, row := range rows {
		row := row
		{
			_clQ1 := seq
			var _clX2 int
			_clRun0(_clQ1, func() bool {
				switch {
				case n > 10:
					_clX2 = 2
					return false
				case n > 5:
					_clX2 = 3
					return false
				case n < 0:
					_clX2 = 1
					return false
				}
				n++
				for _, x := range row {
					if x == 0 {
						break
					}
				}
				return true
			})
			switch _clX2 {
			case 1:
				return
			case 2:

				break outer
			case 3:

				continue outer
			}

		}
	}
	return n
}`},
	})
}

func TestRangeFuncRuns(t *testing.T) {
	testRuns(t, []runCase{
		{name: "iterators", src: `package main

import (
	"fmt"
	"iter"
	"maps"
	"slices"
)

func count(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				fmt.Println("stopped at", i)
				return
			}
		}
	}
}

func pairs(words []string) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		for i, w := range words {
			if !yield(i, w) {
				return
			}
		}
	}
}

func first(seq iter.Seq2[int, string], prefix string) (int, string) {
	for i, w := range seq {
		if len(w) > 0 && w[:1] == prefix {
			return i, w
		}
	}
	return -1, ""
}

type Tree struct {
	Left, Right *Tree
	Val         int
}

func (t *Tree) All(yield func(int) bool) bool {
	if t == nil {
		return true
	}
	return t.Left.All(yield) && yield(t.Val) && t.Right.All(yield)
}

func (t *Tree) Walk() iter.Seq[int] {
	return func(yield func(int) bool) { t.All(yield) }
}

func main() {
	for i := range count(10) {
		if i == 1 {
			continue
		}
		if i == 4 {
			break
		}
		fmt.Print(i, " ")
	}
	fmt.Println()
	words := []string{"go", "chan", "select", "mutex"}
	fmt.Println(first(pairs(words), "s"))
	fmt.Println(first(pairs(words), "z"))
	t := &Tree{Left: &Tree{Val: 1}, Val: 2, Right: &Tree{Val: 3, Right: &Tree{Val: 4}}}
	for v := range t.Walk() {
		fmt.Print(v, " ")
	}
	fmt.Println()
	var fs []func() int
	for v := range t.Walk() {
		fs = append(fs, func() int { return v * 10 })
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println()
	m := map[string]int{"b": 2, "a": 1, "c": 3}
	keys := slices.Sorted(maps.Keys(m))
	fmt.Println(keys)
	for i, k := range slices.All(keys) {
		fmt.Print(i, k, " ")
	}
	fmt.Println()
	n := 0
	for range count(3) {
		n++
	}
	fmt.Println(n)
}
`, want: "0 2 3 stopped at 4\n\n2 select\n-1 \n1 2 3 4 \n10 20 30 40 \n[a b c]\n0a 1b 2c \n3\n"},
		{name: "defer in the body runs when the function returns", src: `package main

import "fmt"

func items(yield func(string) bool) {
	for _, s := range []string{"a", "b", "c"} {
		if !yield(s) {
			return
		}
	}
}

func run(log *[]string) {
	defer func() { *log = append(*log, "end") }()
	for s := range items {
		defer func() { *log = append(*log, "deferred "+s) }()
		n := len(*log)
		defer fmt.Println("printed", s, n)
		*log = append(*log, "item "+s)
	}
}

func main() {
	var log []string
	run(&log)
	fmt.Println(log)
}
`, want: "printed c 2\nprinted b 1\nprinted a 0\n[item a item b item c deferred c deferred b deferred a end]\n"},
		{name: "nested loops and labels", src: `package main

import "fmt"

func count(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func search(grid [][]int, target int) (row, col int, ok bool) {
	for r := range count(len(grid)) {
		for c := range count(len(grid[r])) {
			if grid[r][c] == target {
				return r, c, true
			}
		}
	}
	return -1, -1, false
}

func main() {
	grid := [][]int{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}
	fmt.Println(search(grid, 6))
	fmt.Println(search(grid, 10))
outer:
	for i := range count(5) {
		for j := range count(5) {
			switch {
			case j > i:
				continue outer
			case i == 3:
				break outer
			}
			fmt.Print(i, j, " ")
		}
	}
	fmt.Println()
	total := 0
	for i := range count(4) {
		func() {
			for j := range count(i) {
				total += j
			}
		}()
	}
	fmt.Println(total)
}
`, want: "1 2 true\n-1 -1 false\n0 0 1 0 1 1 2 0 2 1 2 2 \n4\n"},
	})
}
