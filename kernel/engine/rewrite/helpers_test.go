package rewrite

import (
	"bytes"
	"context"
	"go/format"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chanlab/chanlab/kernel/engine/rt"
	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// lockedBuffer collects an interpreter's output, which goroutines write
// concurrently.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// newInterp returns an interpreter with the standard library, the rt
// runtime and the Prelude, writing standard output and error to out.
func newInterp(t testing.TB, out *lockedBuffer) *interp.Interpreter {
	t.Helper()
	i := interp.New(interp.Options{Stdout: out, Stderr: out})
	if err := i.Use(stdlib.Symbols); err != nil {
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

// rewriteSrc parses src as a file, rewrites it with a fresh Session and
// returns the printed result.
func rewriteSrc(t testing.TB, src string) string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "cell.go", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, src)
	}
	if err := new(Session).Apply(fset, f); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	var b bytes.Buffer
	if err := printer.Fprint(&b, fset, f); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// gofmt formats src, or returns it unchanged if it does not parse.
func gofmt(src string) string {
	b, err := format.Source([]byte(src))
	if err != nil {
		return src
	}
	return string(b)
}

// rewriteCase is one input → output check of a rewrite. in and want are
// declarations after "package main"; want "" means in is left unchanged.
type rewriteCase struct {
	name, in, want string
}

func testRewrites(t *testing.T, cases []rewriteCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want := c.want
			if want == "" {
				want = c.in
			}
			got := gofmt(rewriteSrc(t, "package main\n"+c.in))
			if want := gofmt("package main\n" + want); got != want {
				t.Errorf("rewrite of\n%s\ngot:\n%s\nwant:\n%s", c.in, got, want)
			}
		})
	}
}

// runCase is a program (package main, func main) and what Go 1.26 prints
// when it runs.
type runCase struct {
	name, src, want string
}

// runRewritten rewrites src and runs it in yaegi, returning what it
// printed.
func runRewritten(t testing.TB, src string) string {
	t.Helper()
	return runWith(t, src, newInterp)
}

// runWith rewrites src and runs it in the interpreter newI makes,
// returning what it printed.
func runWith(t testing.TB, src string, newI func(testing.TB, *lockedBuffer) *interp.Interpreter) string {
	t.Helper()
	out := rewriteSrc(t, src)
	var buf lockedBuffer
	i := newI(t, &buf)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := i.EvalWithContext(ctx, out); err != nil {
		t.Fatalf("Eval: %v\nrewritten:\n%s\noutput:\n%s", err, out, buf.String())
	}
	return buf.String()
}

// testRuns runs each case rewritten through yaegi and checks its output.
// Unless -short, it also runs the original source with `go run` and checks
// that Go prints the same, so the expectations are Go's own.
func testRuns(t *testing.T, cases []runCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := runRewritten(t, c.src); got != c.want {
				t.Errorf("yaegi printed\n%s\nwant\n%s", got, c.want)
			}
		})
		t.Run(c.name+"/go", func(t *testing.T) {
			if got := goRun(t, c.src); got != c.want {
				t.Errorf("go run printed\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

// goRun runs src with the go command and returns its standard output.
func goRun(t *testing.T, src string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("go run skipped in -short mode")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		gobin = filepath.Join(os.Getenv("GOROOT"), "bin", "go")
		if _, err := os.Stat(gobin); err != nil {
			t.Skip("no go command")
		}
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "main.go")
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module prog\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(gobin, "run", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=", "GOTOOLCHAIN=local", "GOPROXY=off", "GOWORK=off")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go run: %v\n%s", err, stderr.String())
	}
	return strings.ReplaceAll(stdout.String(), "\r\n", "\n")
}
