package symbols_test

import (
	"fmt"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/chanlab/chanlab/kernel/engine/symbols"
	"github.com/chanlab/chanlab/kernel/engine/symbols/internal/gen"
)

// TestTablesUpToDate compares the generated tables with the packages they
// were made from: the list of packages (a new snippets package, a new
// toolchain) and, for each package, its exported non-generic names and
// the methods of its interfaces. On failure run go generate here.
func TestTablesUpToDate(t *testing.T) {
	want, err := gen.Packages(".")
	if err != nil {
		t.Fatal(err)
	}
	var have []string
	for k := range symbols.Symbols {
		if k == "." || strings.HasPrefix(k, gen.AliasPrefix) {
			continue
		}
		have = append(have, path.Dir(k))
	}
	slices.Sort(have)
	for _, p := range want {
		if _, ok := slices.BinarySearch(have, p); !ok {
			t.Errorf("package %s has no table: run go generate", p)
		}
	}
	for _, p := range have {
		if _, ok := slices.BinarySearch(want, p); !ok {
			t.Errorf("table of %s should not be there: run go generate", p)
		}
	}

	imp, err := exportImporter(want)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range want {
		pkg, err := imp.Import(p)
		if err != nil {
			t.Errorf("load %s: %v", p, err)
			continue
		}
		table, ok := symbols.Symbols[p+"/"+pkg.Name()]
		if !ok {
			continue // reported above
		}
		checkPackage(t, pkg, table)
	}
}

// exportImporter returns an importer reading the compiler's export data
// of pkgs and their dependencies, found with one go list call.
func exportImporter(pkgs []string) (types.Importer, error) {
	cmd := exec.Command("go", append([]string{"list", "-export", "-deps", "-f", "{{.ImportPath}}={{.Export}}"}, pkgs...)...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list -export: %w", err)
	}
	files := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		if p, f, ok := strings.Cut(line, "="); ok && f != "" {
			files[p] = f
		}
	}
	lookup := func(p string) (io.ReadCloser, error) {
		f, ok := files[p]
		if !ok {
			return nil, fmt.Errorf("no export data for %s", p)
		}
		return os.Open(f)
	}
	return importer.ForCompiler(token.NewFileSet(), "gc", lookup), nil
}

// checkPackage compares one table with the package's exported API.
func checkPackage(t *testing.T, pkg *types.Package, table map[string]reflect.Value) {
	t.Helper()
	var want []string
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		if !obj.Exported() || isGeneric(obj) {
			continue
		}
		_, isType := obj.(*types.TypeName)
		iface, isIface := obj.Type().Underlying().(*types.Interface)
		if isType && isIface && !iface.IsMethodSet() {
			continue // a constraint such as cmp.Ordered: nothing to extract
		}
		want = append(want, name)
		if !isType || !isIface || iface.NumMethods() == 0 {
			continue
		}
		w, ok := table["_"+name]
		if !ok {
			// extract makes no wrapper for interfaces with unexported methods
			continue
		}
		var methods []string
		for m := range iface.Methods() {
			if m.Exported() {
				methods = append(methods, "W"+m.Name())
			}
		}
		var fields []string
		wt := w.Type().Elem()
		for i := range wt.NumField() {
			if f := wt.Field(i).Name; f != "IValue" {
				fields = append(fields, f)
			}
		}
		slices.Sort(methods)
		slices.Sort(fields)
		if !slices.Equal(methods, fields) {
			t.Errorf("%s.%s: wrapper methods %v, interface has %v: run go generate", pkg.Path(), name, fields, methods)
		}
	}
	var have []string
	for name := range table {
		if !strings.HasPrefix(name, "_") {
			have = append(have, name)
		}
	}
	slices.Sort(have)
	if !slices.Equal(want, have) {
		t.Errorf("%s: table is stale: run go generate\n missing: %v\n extra: %v", pkg.Path(), minus(want, have), minus(have, want))
	}
}

// isGeneric reports whether obj is a generic function or type.
func isGeneric(obj types.Object) bool {
	switch o := obj.(type) {
	case *types.Func:
		return o.Type().(*types.Signature).TypeParams().Len() > 0
	case *types.TypeName:
		if n, ok := o.Type().(*types.Named); ok {
			return n.TypeParams().Len() > 0
		}
	}
	return false
}

// minus returns the elements of a not in b (both sorted).
func minus(a, b []string) []string {
	var d []string
	for _, s := range a {
		if _, ok := slices.BinarySearch(b, s); !ok {
			d = append(d, s)
		}
	}
	return d
}

// TestWrappedSourcesComplete checks that each interpreted package that
// replaces a compiled one (see wrapped in sources.go) declares every name
// of the compiled table, so no symbol is lost by the swap.
func TestWrappedSourcesComplete(t *testing.T) {
	for _, p := range []string{"sync"} {
		dir := filepath.Join("_gopath", "src", p)
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no source files (%v)", dir, err)
		}
		declared := map[string]bool{}
		for _, f := range files {
			af, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			for name := range af.Scope.Objects {
				declared[name] = true
			}
		}
		for name := range symbols.Symbols[p+"/"+path.Base(p)] {
			if !strings.HasPrefix(name, "_") && !declared[name] {
				t.Errorf("interpreted %s lacks %s of the compiled table", p, name)
			}
		}
	}
}
