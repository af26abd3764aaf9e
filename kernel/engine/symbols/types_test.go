package symbols_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/chanlab/chanlab/kernel/engine/symbols"
)

// check type-checks src (a package main file) with the symbols importer and
// returns the info and the first error.
func check(t *testing.T, imp types.Importer, src string) (*types.Info, *types.Package, error) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "cell.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Types: make(map[ast.Expr]types.TypeAndValue), Defs: make(map[*ast.Ident]types.Object)}
	conf := types.Config{Importer: imp}
	pkg, err := conf.Check("main", fset, []*ast.File{f}, info)
	return info, pkg, err
}

func TestImporterChecksCells(t *testing.T) {
	src := `package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"chanlab/timing"
	"github.com/chanlab/chanlab/snippets/pools"
	"golang.org/x/sync/errgroup"
)

var (
	d      time.Duration = 2 * time.Second
	secs   float64       = d.Seconds()
	name   string        = fmt.Sprint("P", 1)
	wg     sync.WaitGroup
	n      atomic.Int64
	r      io.Reader = strings.NewReader("x")
	mode   os.FileMode = 0o644
	lines  = strings.Lines("a\nb")
	ctx, cancel = context.WithTimeout(context.Background(), time.Second)
	g, gctx     = errgroup.WithContext(ctx)
	sw          = timing.Start()
	err  error  = errors.New("x")
	code        = http.StatusOK
	cl          = &http.Client{Timeout: time.Second}
)

func main() {
	wg.Go(func() { n.Add(1) })
	wg.Wait()
	_ = gctx
	g.Go(func() error { return nil })
	p := pools.New(2)
	defer p.Close()
	for s := range lines {
		_ = s
	}
	var ch <-chan time.Time = time.After(d)
	_ = ch
	_, _, _, _, _, _, _ = secs, name, r, mode, cancel, sw, err
	_ = code + 1
	_ = cl
}
`
	info, pkg, err := check(t, symbols.Importer(), src)
	if err != nil {
		t.Fatalf("type check: %v", err)
	}
	want := map[string]string{
		"d":     "time.Duration",
		"secs":  "float64",
		"name":  "string",
		"wg":    "sync.WaitGroup",
		"mode":  "os.FileMode",
		"lines": "func(func(string) bool)",
		"g":     "*golang.org/x/sync/errgroup.Group",
		"sw":    "*github.com/chanlab/chanlab/snippets/timing.Stopwatch",
		"p":     "*github.com/chanlab/chanlab/snippets/pools.Pool",
	}
	got := make(map[string]string)
	for id, obj := range info.Defs {
		if _, ok := want[id.Name]; ok && obj != nil {
			got[id.Name] = obj.Type().String()
		}
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("type of %s = %q, want %q", k, got[k], v)
		}
	}
	_ = pkg
}

func TestImporterConstants(t *testing.T) {
	imp := symbols.Importer()
	time, err := imp.Import("time")
	if err != nil {
		t.Fatal(err)
	}
	sec, ok := time.Scope().Lookup("Second").(*types.Const)
	if !ok || sec.Val().String() != "1000000000" || sec.Type().String() != "time.Duration" {
		t.Errorf("time.Second = %v", time.Scope().Lookup("Second"))
	}
	math, err := imp.Import("math")
	if err != nil {
		t.Fatal(err)
	}
	if pi, ok := math.Scope().Lookup("Pi").(*types.Const); !ok || pi.Type() != types.Typ[types.UntypedFloat] {
		t.Errorf("math.Pi = %v", math.Scope().Lookup("Pi"))
	}
	if _, err := imp.Import("no/such/package"); err == nil {
		t.Error("Import of an unknown package succeeded")
	}
}

// TestImporterMatchesExportData compares the exported objects of a few
// packages with what the compiler's export data says.
func TestImporterMatchesExportData(t *testing.T) {
	if testing.Short() {
		t.Skip("reads export data")
	}
	ref := importer.ForCompiler(token.NewFileSet(), "gc", nil)
	for _, path := range []string{"sync", "time", "context", "strings", "sync/atomic"} {
		want, err := ref.Import(path)
		if err != nil {
			t.Skipf("no export data: %v", err)
		}
		got, err := symbols.Importer().Import(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range want.Scope().Names() {
			wo := want.Scope().Lookup(name)
			if !wo.Exported() {
				continue
			}
			if f, ok := wo.(*types.Func); ok && f.Signature().TypeParams() != nil {
				continue // generic: not in the tables
			}
			if tn, ok := wo.(*types.TypeName); ok {
				if n, ok := tn.Type().(*types.Named); ok && n.TypeParams() != nil {
					continue
				}
			}
			gobj := got.Scope().Lookup(name)
			if gobj == nil {
				t.Errorf("%s.%s missing", path, name)
				continue
			}
			if a, b := kindOf(wo), kindOf(gobj); a != b {
				t.Errorf("%s.%s is a %s, want %s", path, name, b, a)
			}
			if tn, ok := wo.(*types.TypeName); ok && !tn.IsAlias() {
				wm := methods(tn.Type())
				gm := methods(gobj.Type())
				if wm != gm {
					t.Errorf("%s.%s methods:\n got %s\nwant %s", path, name, gm, wm)
				}
			}
		}
	}
}

func kindOf(o types.Object) string {
	s := strings.Fields(types.ObjectString(o, nil))[0]
	if s == "type" {
		return s
	}
	return s
}

// methods lists the exported methods of the method set of *t, names only.
func methods(t types.Type) string {
	ms := types.NewMethodSet(types.NewPointer(t))
	var names []string
	for i := range ms.Len() {
		if o := ms.At(i).Obj(); o.Exported() {
			names = append(names, o.Name())
		}
	}
	sort.Strings(names)
	return strings.Join(names, " ")
}

func TestImporterConcurrent(t *testing.T) {
	imp := symbols.NewImporter(symbols.Symbols)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for _, p := range []string{"net/http", "time", "os", "sync", "bufio"} {
				if _, err := imp.Import(p); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
}

func TestImporterAllPackages(t *testing.T) {
	imp := symbols.NewImporter(symbols.Symbols)
	for key := range symbols.Symbols {
		i := strings.LastIndexByte(key, '/')
		if i <= 0 {
			continue
		}
		p := key[:i]
		if _, err := imp.Import(p); err != nil {
			t.Errorf("Import(%q): %v", p, err)
		}
	}
}

// BenchmarkImporterFirstUse measures a fresh importer importing the
// packages a typical concurrency cell uses.
func BenchmarkImporterFirstUse(b *testing.B) {
	for b.Loop() {
		imp := symbols.NewImporter(symbols.Symbols)
		for _, p := range []string{"fmt", "sync", "time", "context", "golang.org/x/sync/errgroup", "github.com/chanlab/chanlab/snippets/pools"} {
			if _, err := imp.Import(p); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkImporterAll measures converting every table.
func BenchmarkImporterAll(b *testing.B) {
	for b.Loop() {
		imp := symbols.NewImporter(symbols.Symbols)
		for key := range symbols.Symbols {
			if i := strings.LastIndexByte(key, '/'); i > 0 {
				if _, err := imp.Import(key[:i]); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
}

// BenchmarkImporterHeavy measures the first import of a large package.
func BenchmarkImporterHeavy(b *testing.B) {
	for b.Loop() {
		imp := symbols.NewImporter(symbols.Symbols)
		if _, err := imp.Import("net/http"); err != nil {
			b.Fatal(err)
		}
	}
}
