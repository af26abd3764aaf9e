package engine

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"

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
