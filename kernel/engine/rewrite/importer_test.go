package rewrite

import (
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"sync"
	"testing"

	"github.com/chanlab/chanlab/kernel/engine/rt"
	"github.com/chanlab/chanlab/kernel/engine/symbols"
	"github.com/traefik/yaegi/interp"
)

// newSymbolsInterp returns an interpreter loaded as the engine loads it
// (package symbols: Go 1.26 standard library, x/sync, snippets), with rt
// and the Prelude.
func newSymbolsInterp(t testing.TB, out *lockedBuffer) *interp.Interpreter {
	t.Helper()
	opts := interp.Options{Stdout: out, Stderr: out}
	symbols.Options(&opts)
	i := interp.New(opts)
	if err := symbols.Install(i); err != nil {
		t.Fatal(err)
	}
	if err := i.Use(rt.Symbols); err != nil {
		t.Fatal(err)
	}
	if _, err := i.Eval(Prelude); err != nil {
		t.Fatalf("Prelude: %v", err)
	}
	return i
}

// runSymbols rewrites src and runs it in an interpreter with the engine's
// symbol tables, returning what it printed.
func runSymbols(t testing.TB, src string) string {
	t.Helper()
	return runWith(t, src, newSymbolsInterp)
}

// testSymbolRuns is testRuns with the engine's symbol tables.
func testSymbolRuns(t *testing.T, cases []runCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := runSymbols(t, c.src); got != c.want {
				t.Errorf("yaegi printed\n%s\nwant\n%s\nrewritten:\n%s", got, c.want, rewriteSrc(t, c.src))
			}
		})
		t.Run(c.name+"/go", func(t *testing.T) {
			if strings.Contains(c.src, "github.com/") || strings.Contains(c.src, "golang.org/x/") {
				t.Skip("imports a package outside the standard library")
			}
			if got := goRun(t, c.src); got != c.want {
				t.Errorf("go run printed\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

// Closures handed to compiled code that capture per-iteration variables
// whose types come from compiled packages: the importer built from the
// symbol tables names them, so the closures are built by factories.
func TestClosuresWithImportedTypes(t *testing.T) {
	testSymbolRuns(t, []runCase{
		{"body variable from fmt.Sprint", `package main

import (
	"fmt"
	"sort"
	"sync"
)

func main() {
	var mu sync.Mutex
	var got []string
	var wg sync.WaitGroup
	for p := range 2 {
		name := fmt.Sprint("P", p)
		wg.Go(func() { mu.Lock(); got = append(got, name); mu.Unlock() })
	}
	wg.Wait()
	sort.Strings(got)
	fmt.Println(got)
}
`, "[P0 P1]\n"},
		{"range over durations", `package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var wg sync.WaitGroup
	res := make([]time.Duration, 2)
	for i, d := range []time.Duration{5, 6} {
		wg.Go(func() { res[i] = d * time.Millisecond })
	}
	wg.Wait()
	fmt.Println(res)
}
`, "[5ms 6ms]\n"},
		{"errgroup with a context value", `package main

import (
	"context"
	"go/parser"
	"go/token"
	"go/types"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/errgroup"
)

func main() {
	g, ctx := errgroup.WithContext(context.Background())
	var n atomic.Int64
	for _, w := range strings.Fields("a bb ccc") {
		r := strings.NewReader(w)
		g.Go(func() error {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			n.Add(r.Size())
			return nil
		})
	}
	fmt.Println(g.Wait(), n.Load())
}
`, "<nil> 6\n"},
		{"pool Submit", `package main

import (
	"fmt"
	"time"

	"github.com/chanlab/chanlab/snippets/pools"
)

func main() {
	p := pools.New(2)
	defer p.Close()
	var fs []*pools.Future
	for i := range 3 {
		d := time.Duration(i) * time.Microsecond
		fs = append(fs, p.Submit(func() (any, error) { return d, nil }))
	}
	for _, f := range fs {
		v, err := f.Result()
		fmt.Println(v, err)
	}
}
`, "0s <nil>\n1µs <nil>\n2µs <nil>\n"},
		{"type of a package the cell does not import", `package main

import (
	"fmt"
	"os"
	"sync"
)

func main() {
	entries, err := os.ReadDir("/") // []fs.DirEntry; io/fs is not imported
	if err != nil {
		panic(err)
	}
	var mu sync.Mutex
	seen := map[string]bool{}
	var wg sync.WaitGroup
	for _, e := range entries {
		wg.Go(func() { mu.Lock(); seen[e.Name()] = true; mu.Unlock() })
	}
	wg.Wait()
	fmt.Println(len(seen) == len(entries) && len(seen) > 1)
}
`, "true\n"},
	})
}

// benchCell is a typical concurrency cell.
const benchCell = `package main

import (
	"context"
	"go/parser"
	"go/token"
	"go/types"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

func fetch(ctx context.Context, name string, d time.Duration) (string, error) {
	select {
	case <-time.After(d):
		return "result from " + name, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func main() {
	g, ctx := errgroup.WithContext(context.Background())
	var mu sync.Mutex
	var out []string
	for i, name := range []string{"DB", "API", "Cache"} {
		d := time.Duration(i+1) * time.Millisecond
		g.Go(func() error {
			v, err := fetch(ctx, name, d)
			mu.Lock()
			out = append(out, v)
			mu.Unlock()
			return err
		})
	}
	fmt.Println(g.Wait(), len(out))
}
`

// BenchmarkApplyCell measures rewriting a typical cell with a warm
// importer (the tables' types already converted), against stubs alone.
func BenchmarkApplyCell(b *testing.B) {
	for _, bc := range []struct {
		name string
		imp  types.Importer
	}{{"symbols", symbols.Importer()}, {"stubs", newStubImporter()}} {
		b.Run(bc.name, func(b *testing.B) {
			fset := token.NewFileSet()
			for b.Loop() {
				f, err := parser.ParseFile(fset, "cell.go", benchCell, parser.SkipObjectResolution)
				if err != nil {
					b.Fatal(err)
				}
				s := &Session{Importer: bc.imp}
				if err := s.Apply(fset, f); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(bc.name+"/same-session", func(b *testing.B) {
			fset := token.NewFileSet()
			s := &Session{Importer: bc.imp}
			for b.Loop() {
				f, err := parser.ParseFile(fset, "cell.go", benchCell, parser.SkipObjectResolution)
				if err != nil {
					b.Fatal(err)
				}
				if err := s.Apply(fset, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Sessions of several engines in one process share the default importer.
func TestSessionsShareImporter(t *testing.T) {
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			fset := token.NewFileSet()
			var s Session
			for range 3 {
				f, err := parser.ParseFile(fset, "cell.go", benchCell, parser.SkipObjectResolution)
				if err != nil {
					t.Error(err)
					return
				}
				if err := s.Apply(fset, f); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
}
