package rewrite

import (
	"bytes"
	"go/parser"
	"go/printer"
	"go/token"
	"strings"
	"testing"
)

func TestWrapPrintArgsRewrite(t *testing.T) {
	testRewrites(t, []rewriteCase{
		{"error method", `import "fmt"
type E struct{}
func (E) Error() string { return "custom" }
func f(e E, n int, s string) { fmt.Println(e, n, s) }`, `import "fmt"
type E struct{}
func (E) Error() string { return "custom" }
func f(e E, n int, s string) { fmt.Println(_clFmtE((e)), n, s) }`},
		{"printf keeps the format", `import "fmt"
type E struct{}
func (E) Error() string { return "custom" }
func f(e E) string { return fmt.Sprintf("%v", e) }`, `import "fmt"
type E struct{}
func (E) Error() string { return "custom" }
func f(e E) string { return fmt.Sprintf("%v", _clFmtE((e))) }`},
		{"fprintln keeps the writer", `import ("fmt"; "io")
type T int
func (T) String() string { return "t" }
func f(w io.Writer, x T) { fmt.Fprintln(w, x) }`, `import ("fmt"; "io")
type T int
func (T) String() string { return "t" }
func f(w io.Writer, x T) { fmt.Fprintln(w, _clFmtS((x))) }`},
		{"call result", `import "fmt"
type T int
func (T) String() string { return "t" }
func g() T { return 0 }
func f() { fmt.Print(g(), &struct{}{}) }`, `import "fmt"
type T int
func (T) String() string { return "t" }
func g() T { return 0 }
func f() { fmt.Print(_clFmtS((g())), &struct{}{}) }`},
		{"pointer method", `import "log"
type P struct{}
func (*P) String() string { return "p" }
func f(p *P, v P) { log.Println(p, v) }`, `import "log"
type P struct{}
func (*P) String() string { return "p" }
func f(p *P, v P) {
	log.Println(func(_clP1 *P) any {
		if _clP1 == nil {
			return _clP1
		}
		return _clFmtS(_clP1)
	}((p)), v)
}`},
		{"error before string", `import "fmt"
type B struct{}
func (B) Error() string { return "e" }
func (B) String() string { return "s" }
func f(b B) { fmt.Print(b) }`, `import "fmt"
type B struct{}
func (B) Error() string { return "e" }
func (B) String() string { return "s" }
func f(b B) { fmt.Print(_clFmtE((b))) }`},
		{"other types stay", `import "fmt"
type T struct{ A int }
type W int
func (W) String(x int) string { return "" }
func f(t T, w W, n int, b []byte, err error, x any, st fmt.Stringer) { fmt.Println(t, w, n, b, err, x, st) }`, ""},
		{"percent T stays", `import "fmt"
type T int
func (T) String() string { return "t" }
func f(x T) { fmt.Printf("%T %v\n", x, x) }`, `import "fmt"
type T int
func (T) String() string { return "t" }
func f(x T) { fmt.Printf("%T %v\n", x, _clFmtS((x))) }`},
		{"printf verbs", `import "fmt"
type L int
func (L) String() string { return "l" }
func f(a, b, c, d, e L) { fmt.Printf("%%%d %#v %5.2q %x %v %s", a, b, c, d, e) }`, `import "fmt"
type L int
func (L) String() string { return "l" }
func f(a, b, c, d, e L) { fmt.Printf("%%%d %#v %5.2q %x %v %s", a, b, _clFmtS((c)), _clFmtS((d)), _clFmtS((e))) }`},
		{"printf without a constant format stays", `import "fmt"
type L int
func (L) String() string { return "l" }
func f(format string, l L) { fmt.Printf(format, l); fmt.Printf("%[1]v", l); fmt.Printf("%*v", 3, l) }`, ""},
		{"errorf stays", `import "fmt"
type E struct{}
func (E) Error() string { return "custom" }
func f(e E) error { return fmt.Errorf("x: %w", e) }`, ""},
		{"user's fmt variable stays", `type p struct{}
func (p) Println(a ...any) {}
type T int
func (T) String() string { return "t" }
var fmt p
func f(x T) { fmt.Println(x) }`, ""},
	})
}

func TestWrapPrintArgsRun(t *testing.T) {
	testRuns(t, []runCase{{"error and string methods", `package main

import (
	"fmt"
	"log"
	"strings"
)

type E struct{}

func (E) Error() string { return "custom" }

type M struct{ msg string }

func (m M) Error() string { return "M:" + m.msg }

type S struct{ N int }

func (s S) String() string { return fmt.Sprintf("S#%d", s.N) }

type P struct{ name string }

func (p *P) String() string { return "P:" + p.name }

type PE struct{ msg string }

func (p *PE) Error() string { return "PE:" + p.msg }

type Both struct{}

func (Both) Error() string  { return "as error" }
func (Both) String() string { return "as string" }

type L int

func (l L) String() string { return fmt.Sprint("L", int(l)) }

type Plain struct{ A, B int }

func mk() M       { return M{"mk"} }
func mkS() S      { return S{7} }
func mkP() *P     { return &P{"mkP"} }
func mkPE() (*PE) { return &PE{"mkPE"} }

func main() {
	e := E{}
	fmt.Println(e)
	fmt.Printf("%v|%s|%q|%x|%10s|%-8v|\n", e, e, e, e, e, e)
	fmt.Println(M{"lit"}, mk(), mkS(), mkP(), mkPE())
	fmt.Print(mkS(), mkS(), "\n")
	fmt.Print(fmt.Sprint(S{1}, S{2}), fmt.Sprintln(M{"x"}, &P{"y"}))
	fmt.Println(Both{}, Plain{1, 2}, 3, "s", &S{5}, L(2))
	fmt.Printf("%v %s %x %q %6.3v|\n", L(2), L(3), L(4), L(5), L(8))
	fmt.Printf("%v %d%%\n", e, 5)
	func() {
		defer fmt.Println("deferred", M{"d"})
	}()
	var np *P
	var npe *PE
	fmt.Println(np, npe)
	ms := []M{{"a"}}
	fmt.Println(ms[0], len(ms))
	var b strings.Builder
	fmt.Fprintln(&b, e, mkS())
	fmt.Fprintf(&b, "%v!\n", &PE{"f"})
	fmt.Print(b.String())
	var lb strings.Builder
	log.SetOutput(&lb)
	log.SetFlags(0)
	log.Println(e, mkS())
	log.Printf("%v", mkPE())
	log.Print(M{"log"})
	fmt.Print(lb.String())
}
`, `custom
custom|custom|"custom"|637573746f6d|    custom|custom  |
M:lit M:mk S#7 P:mkP PE:mkPE
S#7 S#7
S#1 S#2M:x P:y
as error {1 2} 3 s S#5 L2
L2 L3 4c34 "L5"     L8|
custom 5%
deferred M:d
<nil> <nil>
M:a 1
custom S#7
PE:f!
custom S#7
PE:mkPE
M:log
`}})
}

func TestWrapPrintArgsEarlierCell(t *testing.T) {
	cells := []string{`package main

import "fmt"

type Code int

func (c Code) Error() string { return fmt.Sprintf("code %d", int(c)) }

type Box[T any] struct{ v T }

func (b Box[T]) String() string { return fmt.Sprint("box of ", b.v) }
`, `package main

func cell2() {
	fmt.Println(Code(7), Box[int]{3}, &Box[string]{"s"})
}
`}
	fset := token.NewFileSet()
	var s Session
	var out lockedBuffer
	in := newInterp(t, &out)
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
		if k == 1 && !strings.Contains(b.String(), "_clFmtE((Code(7)))") {
			t.Errorf("cell 2 did not learn Code's Error method from cell 1:\n%s", b.String())
		}
		if _, err := in.Eval(b.String()); err != nil {
			t.Fatalf("cell %d: %v\n%s", k+1, err, b.String())
		}
	}
	if _, err := in.Eval("cell2()"); err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), "code 7 box of 3 box of s\n"; got != want {
		t.Errorf("printed %q, want %q", got, want)
	}
}
