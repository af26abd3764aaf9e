package engine

import (
	"bytes"
	"context"
	"fmt"
	"go/token"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chanlab/chanlab/kernel/engine/rt"
	"github.com/chanlab/chanlab/kernel/ipc"
)

// syncBuffer is a bytes.Buffer safe for concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// Take returns what was written and empties the buffer.
func (s *syncBuffer) Take() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.b.String()
	s.b.Reset()
	return t
}

// testEngine is an Engine with its output in buffers.
type testEngine struct {
	*Engine
	t      *testing.T
	out    *syncBuffer
	count  int
	panics chan ipc.Result
}

func newTestEngine(t *testing.T) *testEngine {
	t.Helper()
	rt.Reset()
	out := &syncBuffer{}
	te := &testEngine{t: t, out: out, panics: make(chan ipc.Result, 10)}
	e, err := New(Options{Stdout: out, Stderr: out, OnPanic: func(cell int, r ipc.Result) { te.panics <- r }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Close)
	te.Engine = e
	return te
}

// run executes code as the next cell and returns its result and output.
func (te *testEngine) run(code string) (ipc.Result, string) {
	te.t.Helper()
	te.count++
	r := te.Execute(context.Background(), code, te.count)
	return r, te.out.Take()
}

// ok executes code, fails the test on an error, and returns the text/plain
// result (or "") and the output.
func (te *testEngine) ok(code string) (string, string) {
	te.t.Helper()
	r, out := te.run(code)
	if r.Status != "ok" {
		te.t.Fatalf("cell %d %q: %s %s: %s\n%s\noutput: %s", te.count, code, r.Status, r.EName, r.EValue, strings.Join(r.Traceback, "\n"), out)
	}
	s, _ := r.Data["text/plain"].(string)
	return s, out
}

func TestSmoke(t *testing.T) {
	te := newTestEngine(t)
	v, out := te.ok(`import "fmt"
fmt.Println("hello")
x := 40
func add(a, b int) int { return a + b }
add(x, 2)`)
	if v != "42" || out != "hello\n" {
		t.Fatalf("v=%q out=%q", v, out)
	}
	v, _ = te.ok(`x + 1`)
	if v != "41" {
		t.Fatalf("v=%q", v)
	}
}

func TestTrailingExpression(t *testing.T) {
	te := newTestEngine(t)
	te.ok(`import (
	"errors"
	"fmt"
	"strconv"
)`)
	cases := []struct{ code, want string }{
		{`"hi"`, `"hi"`},
		{`3.5`, `3.5`},
		{`strconv.Atoi("12")`, `12 <nil>`},
		{`errors.New("bad")`, `bad`},
		{`[]int{1, 2}`, `[1 2]`},
		{`map[string]int{"a": 1}`, `map[a:1]`},
		{`type P struct{ X, Y int }
P{1, 2}`, `{1 2}`},
		{`func (p P) String() string { return fmt.Sprintf("(%d,%d)", p.X, p.Y) }
P{3, 4}`, `(3,4)`},
		{`fmt.Println("printed")`, ``},
		{`func nothing() {}
nothing()`, ``},
		{`x := 5`, ``},
		{`x`, `5`},
	}
	for _, c := range cases {
		got, _ := te.ok(c.code)
		if got != c.want {
			t.Errorf("%q: result %q, want %q", c.code, got, c.want)
		}
	}
}

func TestRendererResult(t *testing.T) {
	te := newTestEngine(t)
	r, _ := te.run(`import "github.com/chanlab/chanlab/snippets/display"
type Box struct{ N int }
func (b Box) RenderMIME() display.MIME { return display.MIME{"text/html": "<b>box</b>", "text/plain": "box"} }
Box{1}`)
	if r.Status != "ok" || r.Data["text/html"] != "<b>box</b>" {
		t.Fatalf("interpreted Renderer: %+v", r)
	}
	r, _ = te.run(`display.Table{Header: []string{"a"}, Rows: [][]string{{"1"}}}`)
	if r.Status != "ok" || r.Data["text/html"] == nil {
		t.Fatalf("compiled Renderer: %+v", r)
	}
}

func TestCellMixesDeclarationsAndStatements(t *testing.T) {
	te := newTestEngine(t)
	// Statements before a declaration, a function used before its
	// declaration, and a variable used by a function declared after it.
	v, out := te.ok(`import "fmt"
fmt.Println(double(2))
n := 10
func double(x int) int { return 2 * x }
func addN(x int) int { return x + n }
import "strings"
strings.ToUpper("a") + fmt.Sprint(addN(1))`)
	if out != "4\n" || v != `"A11"` {
		t.Fatalf("result %q, output %q", v, out)
	}
	// Importing again is fine.
	v, _ = te.ok(`import "strings"
strings.Repeat("ab", 2)`)
	if v != `"abab"` {
		t.Fatalf("result %q", v)
	}
}

func TestPackageMainProgram(t *testing.T) {
	te := newTestEngine(t)
	_, out := te.ok(`package main

import "fmt"

var greeting = "hello"

func main() {
	fmt.Println(greeting, "from main")
}
`)
	if out != "" {
		t.Fatalf("main ran on declaration: %q", out)
	}
	_, out = te.ok(`main()`)
	if out != "hello from main\n" {
		t.Fatalf("main(): %q", out)
	}
	// Later cells don't run main again.
	_, out = te.ok(`greeting = "hi"`)
	if out != "" {
		t.Fatalf("main ran again: %q", out)
	}
}

func TestErrorsNameCellAndLine(t *testing.T) {
	te := newTestEngine(t)
	te.ok(`import "fmt"`)
	r, _ := te.run("x := 1\n\nfmt.Println(x)\nfoo(x)")
	if r.Status != "error" || r.EName != ENameCompile || r.EValue != "cell [2], line 4: undefined: foo" {
		t.Fatalf("compile error: %+v", r)
	}
	r, _ = te.run("func boom() {\n\tpanic(\"bad\")\n}\nboom()")
	if r.EName != ENamePanic || r.EValue != "bad" {
		t.Fatalf("panic: %+v", r)
	}
	if !strings.Contains(strings.Join(r.Traceback, "\n"), "cell [3], line 2, in boom") {
		t.Fatalf("panic traceback: %q", r.Traceback)
	}
	r, _ = te.run("var m map[string]int\nm[\"a\"] = 1")
	if r.EName != ENameRuntime || !strings.Contains(r.EValue, "nil map") {
		t.Fatalf("runtime error: %+v", r)
	}
	r, _ = te.run("if {")
	if r.EName != ENameCompile || !strings.HasPrefix(r.EValue, "cell [5], line 1") {
		t.Fatalf("syntax error: %+v", r)
	}
	// The engine lives on.
	if v, _ := te.ok("boom2 := 2\nboom2"); v != "2" {
		t.Fatalf("after errors: %q", v)
	}
	// Large execution counts work; positions name the cell (modulo
	// cellWrap).
	for _, n := range []int{5000, 1_234_567} {
		r = te.Execute(context.Background(), "ok := 1\nundefinedY", n)
		want := fmt.Sprintf("cell [%d], line 2: undefined: undefinedY", n%cellWrap)
		if r.EValue != want {
			t.Fatalf("count %d: %+v", n, r)
		}
	}
}

func TestGoroutinePanic(t *testing.T) {
	te := newTestEngine(t)
	te.ok(`import "sync"
var wg sync.WaitGroup
wg.Add(1)
go func() {
	defer wg.Done()
	panic("in goroutine")
}()
wg.Wait()`)
	select {
	case r := <-te.panics:
		if r.EValue != "in goroutine" || !strings.Contains(r.Traceback[0], "cell [1], line 4") {
			t.Fatalf("panic result %+v", r)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("no panic reported")
	}
	if v, _ := te.ok("40 + 2"); v != "42" {
		t.Fatalf("after panic: %q", v)
	}
}

func TestRerunRedefinesFunction(t *testing.T) {
	te := newTestEngine(t)
	te.ok(`func f() int { return 1 }
func g() int { return f() * 10 }`)
	te.ok(`counts := map[string]int{"a": 1}
total := 7`)
	r, _ := te.run(`func f() int { return 2 }
g()`)
	if r.Status != "ok" || r.Data["text/plain"] != "20" {
		t.Fatalf("g after redefining f: %+v", r)
	}
	if len(r.Notes) != 1 || !strings.Contains(r.Notes[0], "redefines f") {
		t.Fatalf("notes %q", r.Notes)
	}
	// Variables of compiled types keep their values.
	if v, _ := te.ok(`counts["a"] + total`); v != "8" {
		t.Fatalf("values after rebuild: %q", v)
	}
}

func TestRerunStructGainsField(t *testing.T) {
	te := newTestEngine(t)
	te.ok(`type Point struct{ X int }
func (p Point) Sum() int { return p.X }
p := Point{X: 1}`)
	r, _ := te.run(`type Point struct{ X, Y int }
func (p Point) Sum() int { return p.X + p.Y }
Point{X: 1, Y: 2}.Sum()`)
	if r.Status != "ok" || r.Data["text/plain"] != "3" {
		t.Fatalf("redefined struct: %+v", r)
	}
	// p got its initialiser's value again and no cell changed it.
	if len(r.Notes) != 1 || !strings.HasSuffix(r.Notes[0], "; variables kept their values.") {
		t.Fatalf("notes %q", r.Notes)
	}
	if v, _ := te.ok(`p.Y`); v != "0" {
		t.Fatalf("p after rebuild: %q", v)
	}
	// Once a cell changed it, it is named.
	te.ok("p.X = 5")
	r, _ = te.run(`func (p Point) Sum() int { return p.X * p.Y }`)
	if len(r.Notes) != 1 || !strings.HasSuffix(r.Notes[0], "; variables reset: p.") {
		t.Fatalf("notes %q", r.Notes)
	}
	if v, _ := te.ok(`p.X`); v != "1" {
		t.Fatalf("p.X after rebuild: %q", v)
	}
}

// The rebuild note names only variables whose value the rebuild lost:
// not those declared again from an initialiser that no cell changed
// since, always those declared as zero instead of their initialiser.
func TestRebuildNoteNamesChangedVariables(t *testing.T) {
	te := newTestEngine(t)
	te.ok(`type Box struct{ N int }
func load() Box { return Box{N: 9} }
a := Box{N: 1}
b := Box{N: 2}
c := []Box{{N: 3}}
var d Box = load()
var e Box
var f Box
func touch() { f.N = 4 }`)
	te.ok("b.N++")
	r, _ := te.run("func load() Box { return Box{N: 10} }")
	want := "Rebuilt the interpreter because this cell redefines load; variables reset: b, d, f."
	if r.Status != "ok" || len(r.Notes) != 1 || r.Notes[0] != want {
		t.Fatalf("notes %q, want %q", r.Notes, want)
	}
	if v, _ := te.ok("[]int{a.N, b.N, c[0].N, d.N, e.N}"); v != "[1 2 3 0 0]" {
		t.Fatalf("values %s", v)
	}
}

func TestRerunVariableRebindsFunctions(t *testing.T) {
	te := newTestEngine(t)
	te.ok(`counter := 5
func get() int { return counter }`)
	te.ok(`counter := 0`) // re-running the cell that declares counter
	if v, _ := te.ok(`get()`); v != "0" {
		t.Fatalf("get() after redeclaring counter: %q", v)
	}
	// Running a cell again unchanged does not rebuild.
	r, _ := te.run(`counter := 5
func get() int { return counter }`)
	if len(r.Notes) != 0 {
		t.Fatalf("notes %q", r.Notes)
	}
}

func TestReplay(t *testing.T) {
	te := newTestEngine(t)
	r := te.Replay([]string{
		`import "fmt"
type T struct{ N int }
func show(t T) string { return fmt.Sprint(t.N) }
limit := 3
fmt.Println("side effect")`,
		`items := []T{{1}, {2}}
data := loadData()`,
		`func loadData() []int { fmt.Println("loading"); return []int{1} }`,
	})
	if r.Status != "ok" || len(r.Notes) != 1 {
		t.Fatalf("replay: %+v", r)
	}
	if !strings.Contains(r.Notes[0], "data") {
		t.Fatalf("note does not name data: %q", r.Notes[0])
	}
	if out := te.out.Take(); out != "" {
		t.Fatalf("replay ran statements: %q", out)
	}
	if v, _ := te.ok(`show(items[1]) + fmt.Sprint(limit)`); v != `"23"` {
		t.Fatalf("after replay: %q", v)
	}
}

// executeWithin runs code and cancels it after delay; it fails the test if
// Execute has not returned a while after the cancel.
func (te *testEngine) interrupt(code string, delay time.Duration) ipc.Result {
	te.t.Helper()
	te.count++
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan ipc.Result, 1)
	go func() { done <- te.Execute(ctx, code, te.count) }()
	time.Sleep(delay)
	cancel()
	select {
	case r := <-done:
		return r
	case <-time.After(30 * time.Second):
		te.t.Fatalf("cell %q did not stop after the interrupt", code)
		return ipc.Result{}
	}
}

func TestInterrupt(t *testing.T) {
	te := newTestEngine(t)
	te.opts.DeadlockAfter = -1
	te.ok(`import (
	"sync"
	"time"
)`)
	cases := map[string]string{
		"busy loop":       `for {}`,
		"sleep":           `time.Sleep(time.Hour)`,
		"channel receive": "ch := make(chan int)\n<-ch",
		"empty select":    `select {}`,
		"select":          "c1, c2 := make(chan int), make(chan int)\nselect {\ncase <-c1:\ncase c2 <- 1:\n}",
		"mutex":           "var mu sync.Mutex\nmu.Lock()\nmu.Lock()",
		"waitgroup":       "var wg sync.WaitGroup\nwg.Add(1)\nwg.Wait()",
		"goroutines":      "for i := 0; i < 3; i++ {\n\tgo func() {\n\t\tfor {\n\t\t\ttime.Sleep(time.Millisecond)\n\t\t}\n\t}()\n}\nselect {}",
	}
	for name, code := range cases {
		t.Run(name, func(t *testing.T) {
			te.t = t
			r := te.interrupt(code, 200*time.Millisecond)
			if r.Status != "error" || r.EName != ENameInterrupted {
				t.Fatalf("result %+v", r)
			}
			if v, _ := te.ok("1 + 1"); v != "2" {
				t.Fatalf("after interrupt: %q", v)
			}
		})
	}
}

func TestInterruptStopsBackgroundGoroutines(t *testing.T) {
	te := newTestEngine(t)
	te.opts.DeadlockAfter = -1
	te.ok(`import "time"
ticks := 0
go func() {
	for {
		ticks++
		time.Sleep(time.Millisecond)
	}
}()`)
	// (The note naming stopped goroutines is checked in a fresh worker
	// process by TestWorkerProtocol: rt's counters are per process.)
	te.interrupt(`select {}`, 200*time.Millisecond)
	a, _ := te.ok("ticks")
	time.Sleep(50 * time.Millisecond)
	b, _ := te.ok("ticks")
	if a != b {
		t.Fatalf("background goroutine still runs: ticks %s then %s", a, b)
	}
}

func TestDeadlock(t *testing.T) {
	te := newTestEngine(t)
	te.opts.DeadlockAfter = 300 * time.Millisecond
	te.ok(`import (
	"sync"
	"time"
)`)
	for _, code := range []string{
		"ch := make(chan int)\nch <- 1",
		"ch2 := make(chan int)\n<-ch2",
		"var wg sync.WaitGroup\nwg.Add(1)\nwg.Wait()",
		"var mu sync.Mutex\nmu.Lock()\nmu.Lock()",
		"select {}",
	} {
		r, _ := te.run(code)
		if r.Status != "error" || r.EName != ENameDeadlock || !strings.Contains(r.EValue, "deadlock") {
			t.Fatalf("%q: %+v", code, r)
		}
	}
	// Waiting for a sleeping goroutine is no deadlock.
	v, _ := te.ok("done := make(chan bool)\ngo func() {\n\ttime.Sleep(time.Second)\n\tdone <- true\n}()\n<-done")
	if v != "true" {
		t.Fatalf("result %q", v)
	}
}

func TestParseCell(t *testing.T) {
	fset := token.NewFileSet()
	pc, err := parseCell(fset, "x := 1\nimport \"fmt\"\nfunc main() {}\nfmt.Println(x)\nmain()\nx + 1", 4)
	if err != nil {
		t.Fatal(err)
	}
	if len(pc.imports) != 1 {
		t.Fatalf("imports %d", len(pc.imports))
	}
	var kinds []string
	for _, it := range pc.items {
		switch {
		case it.decl != nil:
			kinds = append(kinds, "decl:"+strings.Join(declKeys(it.decl), ","))
		default:
			kinds = append(kinds, "stmt")
		}
	}
	if got := strings.Join(kinds, " "); got != "decl:x decl:"+userMain+" stmt stmt stmt" {
		t.Fatalf("items %s", got)
	}
	if pc.trailing == nil {
		t.Fatal("no trailing expression")
	}
	pc, _ = parseCell(fset, "fmt.Println(1)", 5)
	if pc.trailing != nil {
		t.Fatal("a print call is a trailing expression")
	}
}

func TestVariablesFromEarlierCells(t *testing.T) {
	te := newTestEngine(t)
	te.ok(`import "fmt"
a, b := 1, 2`)
	// yaegi fails `var c = b` when b comes from an earlier Eval; the
	// engine declares variables as statements instead.
	v, out := te.ok(`fmt.Println(a)
c, d := b, a
var e = c * 10
func sum() int { return c + d + e }
sum()`)
	if v != "23" || out != "1\n" {
		t.Fatalf("result %q, output %q", v, out)
	}
	// A function that uses a variable declared later in the cell.
	v, _ = te.ok(`func twiceF() int { return 2 * f }
f := 21
twiceF()`)
	if v != "42" {
		t.Fatalf("result %q", v)
	}
}
