package rewrite

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"testing"
)

func TestStubsTypeCheck(t *testing.T) {
	imp := newStubImporter()
	for path, src := range stubs {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path+".go", src, 0)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		conf := types.Config{Importer: imp}
		if _, err := conf.Check(path, fset, []*ast.File{f}, nil); err != nil {
			t.Errorf("%s: %v", path, err)
		}
		if _, err := imp.Import(path); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
	// The extension files complete the stubs.
	p, err := imp.Import("slices")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Sort", "Concat", "Chunk", "Repeat"} {
		if p.Scope().Lookup(name) == nil {
			t.Errorf("slices.%s missing", name)
		}
	}
}
