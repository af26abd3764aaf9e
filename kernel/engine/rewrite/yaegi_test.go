package rewrite

import (
	"bytes"
	"go/parser"
	"go/printer"
	"go/token"
	"strings"
	"testing"

	"github.com/chanlab/chanlab/kernel/engine/rt"
	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// newInterp returns an interpreter with the standard library, the rt
// runtime and the Prelude, writing standard output to out.
func newInterp(t testing.TB, out *bytes.Buffer) *interp.Interpreter {
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

// runRewritten rewrites src (a package main program) and runs it in yaegi,
// returning what it printed.
func runRewritten(t testing.TB, src string) string {
	t.Helper()
	out := rewriteSrc(t, src)
	var buf bytes.Buffer
	i := newInterp(t, &buf)
	if _, err := i.Eval(out); err != nil {
		t.Fatalf("Eval: %v\nrewritten:\n%s\noutput:\n%s", err, out, buf.String())
	}
	return buf.String()
}

func TestPreludeEvaluates(t *testing.T) {
	got := runRewritten(t, `package main

import "fmt"

func main() {
	x := []int{3, 1, 2}
	fmt.Println(min(4, x[0], x[1]), max(x[0], x[2]))
}
`)
	if strings.TrimSpace(got) != "1 3" {
		t.Fatalf("got %q", got)
	}
}
