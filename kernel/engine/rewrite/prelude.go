package rewrite

// Prelude is interpreted Go source (package main) that declares the helpers
// the rewritten code calls. Evaluate it once in each interpreter, before the
// first rewritten cell. Every name it declares starts with _cl. The helpers
// are generic with at most two inferred type parameters and no variadic
// parameters: the forms yaegi v0.16.0 infers correctly.
const Prelude = `package main

import (
	_clreflect "reflect"
	_clsort "sort"

	_clrt "github.com/chanlab/chanlab/kernel/engine/rt"
)

// _clrt is used by rewritten cells (select, go statements, time.Sleep);
// yaegi keeps imports in the package scope, so later cells can use it
// without importing it again (which would be an error).
var _ = _clrt.Sleep

// _clOrdered is cmp.Ordered.
type _clOrdered interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 |
		~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr |
		~float32 | ~float64 | ~string
}

// _clMin and _clMax are the builtins min and max for two operands.
// A NaN operand gives NaN, as in Go.
func _clMin[T _clOrdered](a, b T) T {
	if a != a || a <= b {
		return a
	}
	return b
}

func _clMax[T _clOrdered](a, b T) T {
	if a != a || a >= b {
		return a
	}
	return b
}

// _clLess is cmp.Less: NaN sorts before every other value.
func _clLess[T _clOrdered](a, b T) bool {
	return (a != a && b == b) || a < b
}

// _clClear is the builtin clear for a map or a slice.
func _clClear(x any) {
	if v := _clreflect.ValueOf(x); v.IsValid() {
		v.Clear()
	}
}

// _clNew is new(expr): a pointer to a new variable holding v.
func _clNew[T any](v T) *T { return &v }

// _clZero1 and _clZero2 give zero values of the types an iterator yields.
func _clZero1[K any](seq func(func(K) bool)) (k K) { return }

func _clZero2[K, V any](seq func(func(K, V) bool)) (k K, v V) { return }

const _clErrContinued = "range function continued iteration after function for loop body returned false"

// _clRun0, _clRun1 and _clRun2 run a lowered range-over-func loop: body
// is called once per yielded value, after the values were stored in the
// slots; it returns false to stop the loop.
func _clRun0(seq func(func() bool), body func() bool) {
	done := false
	seq(func() bool {
		if done {
			panic(_clErrContinued)
		}
		done = !body()
		return !done
	})
}

func _clRun1[K any](seq func(func(K) bool), k *K, body func() bool) {
	done := false
	seq(func(a K) bool {
		if done {
			panic(_clErrContinued)
		}
		*k = a
		done = !body()
		return !done
	})
}

func _clRun2[K, V any](seq func(func(K, V) bool), k *K, v *V, body func() bool) {
	done := false
	seq(func(a K, b V) bool {
		if done {
			panic(_clErrContinued)
		}
		*k, *v = a, b
		done = !body()
		return !done
	})
}

// _clRunDefers runs, last first, the calls deferred in the body of a
// lowered range-over-func loop, when the enclosing function returns.
func _clRunDefers(ds *[]func()) {
	for i := len(*ds) - 1; i >= 0; i-- {
		(*ds)[i]()
	}
}

// The generic functions of packages maps and slices, which yaegi's
// compiled symbol tables cannot hold.

func _clMapsAll[K comparable, V any](m map[K]V) func(func(K, V) bool) {
	return func(yield func(K, V) bool) {
		for k, v := range m {
			if !yield(k, v) {
				return
			}
		}
	}
}

func _clMapsKeys[K comparable, V any](m map[K]V) func(func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func _clMapsValues[K comparable, V any](m map[K]V) func(func(V) bool) {
	return func(yield func(V) bool) {
		for _, v := range m {
			if !yield(v) {
				return
			}
		}
	}
}

func _clMapsCollect[K comparable, V any](seq func(func(K, V) bool)) map[K]V {
	m := map[K]V{}
	seq(func(k K, v V) bool {
		m[k] = v
		return true
	})
	return m
}

func _clMapsClone[K comparable, V any](m map[K]V) map[K]V {
	if m == nil {
		return nil
	}
	c := make(map[K]V, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

func _clSlicesAll[E any](s []E) func(func(int, E) bool) {
	return func(yield func(int, E) bool) {
		for i, v := range s {
			if !yield(i, v) {
				return
			}
		}
	}
}

func _clSlicesValues[E any](s []E) func(func(E) bool) {
	return func(yield func(E) bool) {
		for _, v := range s {
			if !yield(v) {
				return
			}
		}
	}
}

func _clSlicesBackward[E any](s []E) func(func(int, E) bool) {
	return func(yield func(int, E) bool) {
		for i := len(s) - 1; i >= 0; i-- {
			if !yield(i, s[i]) {
				return
			}
		}
	}
}

func _clSlicesCollect[E any](seq func(func(E) bool)) []E {
	var s []E
	seq(func(v E) bool {
		s = append(s, v)
		return true
	})
	return s
}

func _clSlicesSort[E _clOrdered](s []E) {
	_clsort.Slice(s, func(i, j int) bool { return _clLess(s[i], s[j]) })
}

func _clSlicesSorted[E _clOrdered](seq func(func(E) bool)) []E {
	s := _clSlicesCollect(seq)
	_clSlicesSort(s)
	return s
}

func _clSlicesSortFunc[E any](s []E, cmp func(a, b E) int) {
	_clsort.Slice(s, func(i, j int) bool { return cmp(s[i], s[j]) < 0 })
}

func _clSlicesSortStableFunc[E any](s []E, cmp func(a, b E) int) {
	_clsort.SliceStable(s, func(i, j int) bool { return cmp(s[i], s[j]) < 0 })
}

func _clSlicesIndex[E comparable](s []E, v E) int {
	for i := range s {
		if s[i] == v {
			return i
		}
	}
	return -1
}

func _clSlicesContains[E comparable](s []E, v E) bool {
	return _clSlicesIndex(s, v) >= 0
}

func _clSlicesReverse[E any](s []E) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}

func _clSlicesMax[E _clOrdered](s []E) E {
	if len(s) < 1 {
		panic("slices.Max: empty list")
	}
	m := s[0]
	for i := 1; i < len(s); i++ {
		m = _clMax(m, s[i])
	}
	return m
}

func _clSlicesMin[E _clOrdered](s []E) E {
	if len(s) < 1 {
		panic("slices.Min: empty list")
	}
	m := s[0]
	for i := 1; i < len(s); i++ {
		m = _clMin(m, s[i])
	}
	return m
}

func _clSlicesEqual[E comparable](a, b []E) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func _clCmpCompare[T _clOrdered](x, y T) int {
	xNaN, yNaN := x != x, y != y
	switch {
	case xNaN && yNaN:
		return 0
	case xNaN || x < y:
		return -1
	case yNaN || x > y:
		return 1
	}
	return 0
}

func _clCmpLess[T _clOrdered](x, y T) bool { return _clLess(x, y) }
`

// shims maps a standard-library generic function, by import path and name,
// to the Prelude function that replaces it.
var shims = map[string]map[string]string{
	"maps": {
		"All": "_clMapsAll", "Keys": "_clMapsKeys", "Values": "_clMapsValues",
		"Collect": "_clMapsCollect", "Clone": "_clMapsClone",
	},
	"slices": {
		"All": "_clSlicesAll", "Values": "_clSlicesValues", "Backward": "_clSlicesBackward",
		"Collect": "_clSlicesCollect", "Sorted": "_clSlicesSorted", "Sort": "_clSlicesSort",
		"SortFunc": "_clSlicesSortFunc", "SortStableFunc": "_clSlicesSortStableFunc",
		"Index": "_clSlicesIndex", "Contains": "_clSlicesContains", "Reverse": "_clSlicesReverse",
		"Max": "_clSlicesMax", "Min": "_clSlicesMin", "Equal": "_clSlicesEqual",
	},
	"cmp": {"Compare": "_clCmpCompare", "Less": "_clCmpLess"},
}
