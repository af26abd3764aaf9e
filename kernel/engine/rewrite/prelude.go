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
	_clsync "sync"

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

// _clFmtE and _clFmtS stand for an argument of a print call of fmt or
// log whose type, declared in a cell, has an Error or String method, which
// yaegi hides from compiled fmt: they call the method inside the
// interpreter and hand fmt an _clrt.Text with the result. A method that
// panics leaves the value as it is (the rewrite keeps nil pointers from
// reaching them: yaegi writes a line to standard error for a panic even
// when it is recovered).
func _clFmtE(v error) (r any) {
	defer func() {
		if recover() != nil {
			r = v
		}
	}()
	return _clrt.Text{S: v.Error()}
}

func _clFmtS(v interface{ String() string }) (r any) {
	defer func() {
		if recover() != nil {
			r = v
		}
	}()
	return _clrt.Text{S: v.String()}
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

// _clAtomicPointer is atomic.Pointer[T], which is generic and so missing
// from the symbol tables. A mutex stands in for the atomic operations.
type _clAtomicPointer[T any] struct {
	mu _clsync.Mutex
	v  *T
}

func (p *_clAtomicPointer[T]) Load() *T {
	p.mu.Lock()
	v := p.v
	p.mu.Unlock()
	return v
}

func (p *_clAtomicPointer[T]) Store(v *T) {
	p.mu.Lock()
	p.v = v
	p.mu.Unlock()
}

func (p *_clAtomicPointer[T]) Swap(v *T) *T {
	p.mu.Lock()
	old := p.v
	p.v = v
	p.mu.Unlock()
	return old
}

func (p *_clAtomicPointer[T]) CompareAndSwap(old, v *T) bool {
	p.mu.Lock()
	ok := p.v == old
	if ok {
		p.v = v
	}
	p.mu.Unlock()
	return ok
}

// _clErrorsAs is errors.As for a target of an interpreted type, which the
// compiled errors.As rejects: it finds the first error in err's tree, depth
// first, that has type E. Errors are unwrapped through their compiled
// Unwrap methods (found by reflect, as yaegi's assertions to
// interface{ Unwrap() error } fail on compiled errors); As methods are not
// consulted. An interpreted error that went through compiled code comes
// back in yaegi's wrapper, whose IValue field holds it.
func _clErrorsAs[E any](err error, target *E) bool {
	stack := []error{err}
	for len(stack) > 0 {
		e := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if e == nil {
			continue
		}
		// The wrapper is tested first: asserting it to E panics in yaegi.
		v := _clreflect.ValueOf(e)
		if v.Kind() == _clreflect.Struct && v.NumField() > 0 && v.Type().Field(0).Name == "IValue" {
			in := v.Field(0).Elem()
			tv := _clreflect.ValueOf(target).Elem()
			if in.IsValid() && in.Type() == tv.Type() {
				tv.Set(in)
				return true
			}
		} else if x, ok := e.(E); ok {
			*target = x
			return true
		}
		stack = append(stack, _clUnwrap(e)...)
	}
	return false
}

// _clErrorsAsType is errors.AsType (Go 1.26), like _clErrorsAs (a generic
// function calling another crashes yaegi's compiler).
func _clErrorsAsType[E error](err error) (E, bool) {
	var t E
	stack := []error{err}
	for len(stack) > 0 {
		e := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if e == nil {
			continue
		}
		v := _clreflect.ValueOf(e)
		if v.Kind() == _clreflect.Struct && v.NumField() > 0 && v.Type().Field(0).Name == "IValue" {
			in := v.Field(0).Elem()
			tv := _clreflect.ValueOf(&t).Elem()
			if in.IsValid() && in.Type() == tv.Type() {
				tv.Set(in)
				return t, true
			}
		} else if x, ok := e.(E); ok {
			return x, true
		}
		stack = append(stack, _clUnwrap(e)...)
	}
	return t, false
}

// _clUnwrap returns what err's Unwrap method returns, in reverse order.
// The results are moved with reflect: yaegi's type switches and
// assertions to error miss compiled errors.
func _clUnwrap(err error) []error {
	m := _clreflect.ValueOf(err).MethodByName("Unwrap")
	if !m.IsValid() || m.Type().NumIn() != 0 || m.Type().NumOut() != 1 {
		return nil
	}
	r := m.Call(nil)[0]
	var out []error
	if r.Kind() == _clreflect.Slice {
		out = make([]error, r.Len())
		for i := range out {
			_clreflect.ValueOf(&out[len(out)-1-i]).Elem().Set(r.Index(i))
		}
		return out
	}
	out = make([]error, 1)
	_clreflect.ValueOf(&out[0]).Elem().Set(r)
	return out
}
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

// genericShims maps a generic type or function of the standard library
// that cells instantiate explicitly, by import path and name, to the
// Prelude declaration that replaces it.
var genericShims = map[string]map[string]string{
	"sync/atomic": {"Pointer": "_clAtomicPointer"},
	"errors":      {"AsType": "_clErrorsAsType"},
}
