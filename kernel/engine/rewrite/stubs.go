package rewrite

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"

	"github.com/chanlab/chanlab/kernel/engine/symbols"
)

// stubs declares, for type checking only, the parts of a few
// standard-library packages whose types decide a rewrite. For iter, cmp,
// maps and slices, which yaegi runs from source, they are what the
// type checker sees (the generic functions have the type parameters of
// their Prelude counterparts); the others stand in only when
// Session.Importer lacks the package: iterators a cell ranges over, ints
// it ranges over, and the time, sync and sync/atomic types that loop
// variables and captured variables often have (a closure is built by a
// factory only when the captured types are known, and methods with
// pointer receivers, like wg.Add, count as changing the variable). Any
// other import without a table type-checks as an empty package, so
// expressions using it have unknown types.
var stubs = map[string]string{
	"iter": `package iter
type Seq[V any] func(yield func(V) bool)
type Seq2[K, V any] func(yield func(K, V) bool)
`,
	"cmp": `package cmp
type Ordered interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr | ~float32 | ~float64 | ~string
}
func Compare[T Ordered](x, y T) int { panic(0) }
func Less[T Ordered](x, y T) bool { panic(0) }
`,
	// The generic functions below have the type parameters of their
	// Prelude counterparts (not of the standard library), so that the
	// instantiation go/types infers can be written out for yaegi.
	"maps": `package maps
import "iter"
func All[K comparable, V any](m map[K]V) iter.Seq2[K, V] { panic(0) }
func Keys[K comparable, V any](m map[K]V) iter.Seq[K] { panic(0) }
func Values[K comparable, V any](m map[K]V) iter.Seq[V] { panic(0) }
func Collect[K comparable, V any](seq iter.Seq2[K, V]) map[K]V { panic(0) }
func Clone[K comparable, V any](m map[K]V) map[K]V { panic(0) }
`,
	"slices": `package slices
import ("cmp"; "iter")
func All[E any](s []E) iter.Seq2[int, E] { panic(0) }
func Values[E any](s []E) iter.Seq[E] { panic(0) }
func Backward[E any](s []E) iter.Seq2[int, E] { panic(0) }
func Collect[E any](seq iter.Seq[E]) []E { panic(0) }
func Sorted[E cmp.Ordered](seq iter.Seq[E]) []E { panic(0) }
func Sort[E cmp.Ordered](x []E) { panic(0) }
func SortFunc[E any](x []E, cmp func(a, b E) int) { panic(0) }
func SortStableFunc[E any](x []E, cmp func(a, b E) int) { panic(0) }
func Contains[E comparable](s []E, v E) bool { panic(0) }
func Index[E comparable](s []E, v E) int { panic(0) }
func Reverse[E any](s []E) { panic(0) }
func Max[E cmp.Ordered](x []E) E { panic(0) }
func Min[E cmp.Ordered](x []E) E { panic(0) }
func Equal[E comparable](s1, s2 []E) bool { panic(0) }
`,
	"strings": `package strings
import "iter"
func Lines(s string) iter.Seq[string] { panic(0) }
func SplitSeq(s, sep string) iter.Seq[string] { panic(0) }
func FieldsSeq(s string) iter.Seq[string] { panic(0) }
`,
	"time": `package time
type Duration int64
const (
	Nanosecond Duration = 1
	Microsecond = 1000 * Nanosecond
	Millisecond = 1000 * Microsecond
	Second = 1000 * Millisecond
	Minute = 60 * Second
	Hour = 60 * Minute
)
func (d Duration) Seconds() float64 { panic(0) }
func (d Duration) Milliseconds() int64 { panic(0) }
func (d Duration) String() string { panic(0) }
type Time struct{ wall uint64 }
func (t Time) Sub(u Time) Duration { panic(0) }
type Timer struct{ C <-chan Time }
type Ticker struct{ C <-chan Time }
func Now() Time { panic(0) }
func Since(t Time) Duration { panic(0) }
func Sleep(d Duration) { panic(0) }
func After(d Duration) <-chan Time { panic(0) }
func Tick(d Duration) <-chan Time { panic(0) }
func NewTimer(d Duration) *Timer { panic(0) }
func NewTicker(d Duration) *Ticker { panic(0) }
`,
	"sync": `package sync
type Mutex struct{ state int32 }
func (m *Mutex) Lock() {}
func (m *Mutex) Unlock() {}
type RWMutex struct{ w Mutex }
func (m *RWMutex) Lock() {}
func (m *RWMutex) Unlock() {}
func (m *RWMutex) RLock() {}
func (m *RWMutex) RUnlock() {}
type WaitGroup struct{ n int64 }
func (wg *WaitGroup) Add(n int) {}
func (wg *WaitGroup) Done() {}
func (wg *WaitGroup) Wait() {}
func (wg *WaitGroup) Go(f func()) {}
type Once struct{ done uint32 }
func (o *Once) Do(f func()) {}
`,
	"sync/atomic": `package atomic
type Int64 struct{ v int64 }
func (x *Int64) Add(d int64) int64 { panic(0) }
func (x *Int64) Load() int64 { panic(0) }
func (x *Int64) Store(v int64) {}
type Int32 struct{ v int32 }
func (x *Int32) Add(d int32) int32 { panic(0) }
func (x *Int32) Load() int32 { panic(0) }
type Bool struct{ v uint32 }
func (x *Bool) Load() bool { panic(0) }
func (x *Bool) Store(v bool) {}
func AddInt64(addr *int64, delta int64) int64 { panic(0) }
`,
	"runtime": `package runtime
func NumCPU() int { panic(0) }
func NumGoroutine() int { panic(0) }
func GOMAXPROCS(n int) int { panic(0) }
`,
	"math/rand": `package rand
func Intn(n int) int { panic(0) }
`,
	"math/rand/v2": `package rand
func IntN(n int) int { panic(0) }
`,
}

// sourcePackages are the packages yaegi runs from source (generic code):
// their stubs win over any symbol table, and their functions have the
// type parameters of Prelude's versions.
var sourcePackages = map[string]bool{"iter": true, "cmp": true, "maps": true, "slices": true}

// cellImporter imports a package from the symbol tables, or from stubs
// for the packages yaegi serves as source and packages without a table.
type cellImporter struct {
	stubs *stubImporter
	real  types.Importer
}

// Import returns the package for path.
func (c *cellImporter) Import(path string) (*types.Package, error) {
	if !sourcePackages[path] {
		if p, err := c.real.Import(path); err == nil {
			return p, nil
		}
	}
	return c.stubs.Import(path)
}

// stubImporter type-checks stubs on demand and caches the packages.
type stubImporter struct {
	fset *token.FileSet
	pkgs map[string]*types.Package
}

func newStubImporter() *stubImporter {
	return &stubImporter{fset: token.NewFileSet(), pkgs: make(map[string]*types.Package)}
}

// Import returns the stub package for path, or an error if there is none;
// go/types then treats the import as a package of unknown contents. The
// stubs of maps, slices and cmp are completed by the declarations of the
// extension files yaegi runs for them (symbols.Sources, ext/), without
// bodies, so that calls of their other generic functions have known
// instantiations.
func (s *stubImporter) Import(path string) (*types.Package, error) {
	if p, ok := s.pkgs[path]; ok {
		return p, nil
	}
	src, ok := stubs[path]
	if !ok {
		return nil, fmt.Errorf("rewrite: no type information for package %q", path)
	}
	f, err := parser.ParseFile(s.fset, path+".go", src, parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("rewrite: stub for %q: %w", path, err)
	}
	files := []*ast.File{f}
	if ext := s.extFile(path); ext != nil {
		files = append(files, ext)
	}
	// The extension file repeats some stub declarations: the stub's come
	// first and win, the repeats are reported and ignored (TestStubs
	// checks that the stubs alone are correct).
	conf := types.Config{Importer: s, Error: func(error) {}}
	p, _ := conf.Check(path, s.fset, files, nil)
	s.pkgs[path] = p
	return p, nil
}

// extFile returns the declarations of the extension file of the
// interpreted package path, without function bodies, or nil.
func (s *stubImporter) extFile(path string) *ast.File {
	src, err := fs.ReadFile(symbols.Sources, "ext/"+path+".go")
	if err != nil {
		return nil
	}
	f, err := parser.ParseFile(s.fset, "ext_"+path+".go", src, parser.SkipObjectResolution)
	if err != nil {
		return nil
	}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok {
			fd.Body = nil
		}
	}
	return f
}
