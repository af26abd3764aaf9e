package rewrite

import "testing"

func TestGenericStdRewrite(t *testing.T) {
	testRewrites(t, []rewriteCase{
		{"atomic pointer", `import "sync/atomic"
type C struct{}
var p atomic.Pointer[C]`, `import "sync/atomic"
type C struct{}
var p _clAtomicPointer[C]`},
		{"errors.AsType", `import "errors"
type E struct{}
func (E) Error() string { return "" }
func f(err error) { _, _ = errors.AsType[*E](err) }`, `import "errors"
type E struct{}
func (E) Error() string { return "" }
func f(err error) { _, _ = _clErrorsAsType[*E](err) }`},
		{"errors.As with an interpreted pointer type", `import "errors"
type E struct{}
func (*E) Error() string { return "" }
func f(err error) bool { var e *E; return errors.As(err, &e) }`, `import "errors"
type E struct{}
func (*E) Error() string { return "" }
func f(err error) bool { var e *E; return _clErrorsAs[*E](err, &e) }`},
		{"errors.As with a compiled type stays", `import ("errors"; "io/fs")
func f(err error) bool { var e *fs.PathError; return errors.As(err, &e) }`, ""},
	})
}

func TestGenericStdRun(t *testing.T) {
	testSymbolRuns(t, []runCase{{"atomic.Pointer and errors.AsType", `package main

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
)

type Config struct{ Name string }

type PathError struct{ Path string }

func (e *PathError) Error() string { return "bad path " + e.Path }

func main() {
	var p atomic.Pointer[Config]
	fmt.Println(p.Load() == nil)
	p.Store(&Config{"v1"})
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			for {
				old := p.Load()
				if p.CompareAndSwap(old, &Config{old.Name + "+"}) {
					return
				}
			}
		})
	}
	wg.Wait()
	fmt.Println(p.Swap(nil).Name, p.Load() == nil)

	err := fmt.Errorf("open: %w", &PathError{"/x"})
	if pe, ok := errors.AsType[*PathError](err); ok {
		fmt.Println("path:", pe.Path)
	}
	joined := errors.Join(errors.New("a"), fmt.Errorf("b: %w", &PathError{"/y"}))
	pe, ok := errors.AsType[*PathError](joined)
	fmt.Println(pe.Path, ok)
	_, ok = errors.AsType[*PathError](errors.New("other"))
	fmt.Println(ok)
	var target *PathError
	fmt.Println(errors.As(joined, &target), target.Path)
	fmt.Println(errors.As(&PathError{"/z"}, &target), target.Path)
	fmt.Println(errors.As(errors.New("no"), &target), target.Path)
}
`, "true\nv1+++ true\npath: /x\n/y true\nfalse\ntrue /y\ntrue /z\nfalse /z\n"}})
}
