package rewrite

import (
	"bytes"
	"go/parser"
	"go/printer"
	"go/token"
	"strings"
	"testing"
)

// TestSessionRemembersEarlierCells rewrites three cells in one Session and
// one interpreter: later cells range over a value and call a function
// declared by earlier ones, and a user's own min shadows the builtin.
func TestSessionRemembersEarlierCells(t *testing.T) {
	cells := []string{
		`package main

import "fmt"

var limit = 3

type Weekday int

func days(n Weekday) func(func(Weekday) bool) {
	return func(yield func(Weekday) bool) {
		for d := range n {
			if !yield(d) {
				return
			}
		}
	}
}

func min(a, b string) string { return a + b }
`,
		`package main

func cell2() {
	for i := range limit {
		fmt.Print(i, " ")
	}
	for d := range days(2) {
		fmt.Print("d", d, " ")
	}
	fmt.Println(min("x", "y"))
}
`,
		`package main

func cell3() {
	done := make(chan bool)
	go func() {
		time.Sleep(time.Millisecond)
		done <- true
	}()
	select {
	case v := <-done:
		fmt.Println("done", v)
	}
}
`,
	}
	fset := token.NewFileSet()
	var s Session
	var out lockedBuffer
	in := newInterp(t, &out)
	if _, err := in.Eval(`import "time"`); err != nil {
		t.Fatal(err)
	}
	for k, src := range cells {
		f, err := parser.ParseFile(fset, "cell", src, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Apply(fset, f); err != nil {
			t.Fatalf("cell %d: %v", k+1, err)
		}
		var b bytes.Buffer
		if err := printer.Fprint(&b, fset, f); err != nil {
			t.Fatal(err)
		}
		if k == 1 && !strings.Contains(b.String(), "_clZero1[Weekday]") {
			t.Errorf("cell 2 did not learn the iterator's type from cell 1:\n%s", b.String())
		}
		if k == 2 && (!strings.Contains(b.String(), "_clrt.Sleep") || !strings.Contains(b.String(), "_clrt.Select")) {
			t.Errorf("cell 3 keeps time.Sleep or select:\n%s", b.String())
		}
		if _, err := in.Eval(b.String()); err != nil {
			t.Fatalf("cell %d: %v\n%s", k+1, err, b.String())
		}
	}
	for _, call := range []string{"cell2()", "cell3()"} {
		if _, err := in.Eval(call); err != nil {
			t.Fatalf("%s: %v", call, err)
		}
	}
	if got, want := out.String(), "0 1 2 d0 d1 xy\ndone true\n"; got != want {
		t.Errorf("printed %q, want %q", got, want)
	}
}

func TestApplyRefusesGotoOutOfRangeFunc(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "cell", `package main

func f(seq func(func(int) bool)) {
	for v := range seq {
		if v > 1 {
			goto out
		}
	}
out:
}
`, 0)
	if err != nil {
		t.Fatal(err)
	}
	err = Apply(fset, f)
	if err == nil || !strings.Contains(err.Error(), "goto out") || !strings.Contains(err.Error(), "cell:6:") {
		t.Fatalf("Apply = %v, want an error about goto at cell:6", err)
	}
}
