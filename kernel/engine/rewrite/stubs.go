package rewrite

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
)

// stubs declares, for type checking only, the few standard-library
// functions whose result types decide a rewrite: iterators a cell ranges
// over, ints it ranges over, and the generic functions of maps and slices
// that Prelude provides. Any other import type-checks as an empty package,
// so expressions using it have unknown types.
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

// stubImporter type-checks stubs on demand and caches the packages.
type stubImporter struct {
	fset *token.FileSet
	pkgs map[string]*types.Package
}

func newStubImporter() *stubImporter {
	return &stubImporter{fset: token.NewFileSet(), pkgs: make(map[string]*types.Package)}
}

// Import returns the stub package for path, or an error if there is none;
// go/types then treats the import as a package of unknown contents.
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
	conf := types.Config{Importer: s}
	p, err := conf.Check(path, s.fset, []*ast.File{f}, nil)
	if err != nil {
		return nil, fmt.Errorf("rewrite: stub for %q: %w", path, err)
	}
	s.pkgs[path] = p
	return p, nil
}
