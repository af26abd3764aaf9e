package engine

import "testing"

// A function and a range-over-func loop that uses it in the same cell: the
// cell's second unit must not replace the rewrite Prelude's _clRun1.
func TestRangeOverFuncDeclaredInSameCell(t *testing.T) {
	te := newTestEngine(t)
	_, out := te.ok(`import "fmt"
func count(n int) func(func(int) bool) { return func(yield func(int) bool) { for i := range n { if !yield(i) { return } } } }
for v := range count(4) { fmt.Print(v, " ") }`)
	if out != "0 1 2 3 " {
		t.Fatalf("output %q", out)
	}
	_, out = te.ok(`func count3(n int) func(func(int) bool) { return func(yield func(int) bool) { for i := 0; i < n; i++ { if !yield(i) { return } } } }
for v := range count3(3) { fmt.Print(v, " ") }`)
	if out != "0 1 2 " {
		t.Fatalf("output %q", out)
	}
	// A cell with a declaration and statements, then a loop in a later cell.
	te.ok("x := 1\nfmt.Print(x)")
	_, out = te.ok(`for v := range count(2) { fmt.Print(v) }`)
	if out != "01" {
		t.Fatalf("output %q", out)
	}
}
