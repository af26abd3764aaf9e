package catalog_test

import (
	"context"
	"fmt"
	"go/parser"
	"go/scanner"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chanlab/chanlab/snippets/catalog"
)

// want lists, per snippet, regular expressions its output must match.
var want = map[string][]string{
	"worker-pool":        {`sum of squares of 1\.\.20 = 2870\n`},
	"fan-out-fan-in":     {`received 10 squares, total 385\n`},
	"pipeline-cancel":    {`took \[1 4 9 16 25\]\n`, `pipeline stopped: context canceled\n`},
	"rate-limiter":       {`request 1 handled at`, `request 5 handled at`, `5 requests took at least 250ms\n`},
	"errgroup-limit":     {`10 tasks done; most at once: [123] \(limit 3\)\n`},
	"producer-consumer":  {`consumed 10 items\n`},
	"timeout-select":     {`got: answer after 10ms\n`, `timed out after 50ms\n`},
	"mutex-counter":      {`count = 10000 \(expected 10000\)\n`},
	"atomic-counter":     {`count = 10000 \(expected 10000\)\n`},
	"sync-once":          {`workers: 4 - initialized 1 time\(s\)\n`},
	"semaphore":          {`8 goroutines done; most inside at once: [12] \(slots 2\)\n`},
	"weighted-semaphore": {`6 tasks of 30ms, 3 at a time, took about \d`},
	"graceful-shutdown":  {`shutdown requested: context deadline exceeded\n`, `all workers stopped; jobs started (\d+) finished (\d+)\n`},
	"errgroup-cancel":    {`first error: task 3 failed\n`, `tasks cancelled early: 4\n`},
	"results-in-order":   {`GO CHANNELS SELECT MUTEX CONTEXT\n`},
	"timing-compare":     {`count primes below 400,000`, `sequential`, `4 goroutines`},
	"pool-map":           {`primes per block of 10,000: \[1229 1033 983 958 930 924 878 902\]\n`, `fib\(20\) = 6765\n`},
	"queue-workers":      {`processed 10 items, sum 45\n`},
	"labserver-fetch":    {`sequential: 5 requests in`, `concurrent: 5 requests in .* status codes \[200 200 200 200 200\]\n`},
}

func TestList(t *testing.T) {
	list := catalog.List()
	if len(list) < 15 {
		t.Fatalf("List has %d snippets, want at least 15", len(list))
	}
	for i, s := range list {
		if i > 0 && list[i-1].Name >= s.Name {
			t.Errorf("List not sorted by name: %q before %q", list[i-1].Name, s.Name)
		}
		if s.Summary == "" || strings.Contains(s.Summary, "\n") {
			t.Errorf("%s: bad summary %q", s.Name, s.Summary)
		}
		if !strings.HasPrefix(s.Code, "// "+s.Summary+"\n") {
			t.Errorf("%s: code does not start with its summary comment", s.Name)
		}
		if got, ok := catalog.Get(s.Name); !ok || got != s {
			t.Errorf("Get(%q) = %v, %v; want the listed snippet", s.Name, got, ok)
		}
		if _, ok := want[s.Name]; !ok {
			t.Errorf("%s: no expected output in this test's want table", s.Name)
		}
	}
	for _, bad := range []string{"", "no-such-snippet", "../catalog", "cells/worker-pool", "worker-pool.go.txt"} {
		if _, ok := catalog.Get(bad); ok {
			t.Errorf("Get(%q) found a snippet", bad)
		}
	}
}

// TestSnippetsRun builds one program from every snippet (each cell's
// statements become one function, its declarations package-level ones, so
// two snippets that declare the same name fail to compile) and runs each
// snippet in it.
func TestSnippetsRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	list := catalog.List()
	prog, err := program(list)
	if err != nil {
		t.Fatal(err)
	}
	// A directory inside the module, so module imports resolve; "_" keeps
	// it out of ./... patterns while it exists.
	dir, err := os.MkdirTemp(".", "_run")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(prog), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "snippets")
	build := exec.Command(goBin, "build", "-o", bin, "./"+filepath.Base(dir))
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s\nprogram:\n%s", err, out, numbered(prog))
	}
	vet := exec.Command(goBin, "vet", "./"+filepath.Base(dir))
	if out, err := vet.CombinedOutput(); err != nil {
		t.Errorf("go vet: %v\n%s", err, out)
	}
	for _, s := range list {
		t.Run(s.Name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			out, err := exec.CommandContext(ctx, bin, s.Name).CombinedOutput()
			if err != nil {
				t.Fatalf("exit: %v\n%s", err, out)
			}
			for _, w := range want[s.Name] {
				m := regexp.MustCompile(w).FindStringSubmatch(string(out))
				if m == nil {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
				if s.Name == "graceful-shutdown" && len(m) == 3 && (m[1] != m[2] || m[1] == "0") {
					t.Errorf("started %s jobs but finished %s", m[1], m[2])
				}
			}
		})
	}
}

// program turns snippets into one Go program whose first argument names
// the snippet to run.
func program(list []catalog.Snippet) (string, error) {
	imports := map[string]bool{"os": true, "fmt": true}
	var decls, funcs, cases strings.Builder
	for i, s := range list {
		imps, d, stmts, err := splitCell(s.Code)
		if err != nil {
			return "", fmt.Errorf("snippet %s: %w", s.Name, err)
		}
		for _, p := range imps {
			imports[p] = true
		}
		fmt.Fprintf(&decls, "// from snippet %s\n%s\n", s.Name, d)
		fmt.Fprintf(&funcs, "func snippet%d() {\n%s\n}\n\n", i, stmts)
		fmt.Fprintf(&cases, "\tcase %q:\n\t\tsnippet%d()\n", s.Name, i)
	}
	var paths []string
	for p := range imports {
		paths = append(paths, strconv.Quote(p))
	}
	sort.Strings(paths)
	return fmt.Sprintf(`package main

import (
	%s
)

%s
%s
func main() {
	switch os.Args[1] {
%s	default:
		fmt.Println("no snippet", os.Args[1])
		os.Exit(2)
	}
	// Keep every import used whichever snippets exist.
	_ = fmt.Sprint
}
`, strings.Join(paths, "\n\t"), decls.String(), funcs.String(), cases.String()), nil
}

// splitCell cuts a notebook cell into the paths it imports, its top-level
// declarations and its statements, the way a cell is read: a top-level
// piece starting with import, type, const, var or a named func is a
// declaration, anything else a statement.
func splitCell(code string) (imports []string, decls, stmts string, err error) {
	var s scanner.Scanner
	fset := token.NewFileSet()
	f := fset.AddFile("", fset.Base(), len(code))
	s.Init(f, []byte(code), nil, 0)
	type tok struct {
		off int
		tok token.Token
	}
	var toks []tok
	for {
		pos, t, _ := s.Scan()
		if t == token.EOF {
			break
		}
		toks = append(toks, tok{f.Offset(pos), t})
	}
	var d, st strings.Builder
	depth, start := 0, -1
	flush := func(end int) error {
		if start < 0 {
			return nil
		}
		first := toks[start]
		seg := code[first.off:end]
		funcDecl := first.tok == token.FUNC && isFuncDecl(toks[start+1:], func(t tok) token.Token { return t.tok })
		start = -1
		switch {
		case first.tok == token.IMPORT:
			file, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+seg, parser.ImportsOnly)
			if err != nil {
				return err
			}
			for _, is := range file.Imports {
				p, _ := strconv.Unquote(is.Path.Value)
				imports = append(imports, p)
			}
		case first.tok == token.TYPE || first.tok == token.CONST || first.tok == token.VAR || funcDecl:
			d.WriteString(seg + "\n\n")
		default:
			st.WriteString("\t" + strings.ReplaceAll(seg, "\n", "\n\t") + "\n")
		}
		return nil
	}
	for i, t := range toks {
		switch t.tok {
		case token.LPAREN, token.LBRACE, token.LBRACK:
			depth++
		case token.RPAREN, token.RBRACE, token.RBRACK:
			depth--
		}
		if t.tok == token.SEMICOLON && depth == 0 {
			if err := flush(t.off); err != nil {
				return nil, "", "", err
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if err := flush(len(code)); err != nil {
		return nil, "", "", err
	}
	return imports, d.String(), st.String(), nil
}

// isFuncDecl tells a function or method declaration from a function
// literal, given the tokens after "func".
func isFuncDecl[T any](rest []T, kind func(T) token.Token) bool {
	if len(rest) == 0 {
		return false
	}
	if kind(rest[0]) == token.IDENT {
		return true
	}
	depth := 0
	for i, t := range rest {
		switch kind(t) {
		case token.LPAREN:
			depth++
		case token.RPAREN:
			depth--
			if depth == 0 {
				return i+1 < len(rest) && kind(rest[i+1]) == token.IDENT
			}
		}
	}
	return false
}

// numbered prefixes each line with its number, for build errors.
func numbered(s string) string {
	lines := strings.Split(s, "\n")
	for i := range lines {
		lines[i] = fmt.Sprintf("%4d  %s", i+1, lines[i])
	}
	return strings.Join(lines, "\n")
}
