package engine

import (
	"fmt"
	"go/ast"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
)

// The builtins print and println write to standard error in Go; yaegi
// writes them to standard output, with fmt's %v and spaces between print's
// operands. parseCell turns their calls into calls of the hooks Print and
// Println, which write to the engine's Stderr as Go's runtime does.

// printHooks maps the builtins to their hooks.
var printHooks = map[string]string{"print": "Print", "println": "Println"}

// redirectPrints replaces calls of print and println in n by calls of the
// hooks, unless shadowed names the builtins as declared by a cell.
func redirectPrints(n ast.Node, shadowed func(string) bool) {
	ast.Inspect(n, func(n ast.Node) bool {
		c, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		id, ok := c.Fun.(*ast.Ident)
		if !ok || printHooks[id.Name] == "" || shadowed(id.Name) {
			return true
		}
		c.Fun = &ast.SelectorExpr{X: &ast.Ident{NamePos: id.NamePos, Name: "_clhook"}, Sel: &ast.Ident{NamePos: id.NamePos, Name: printHooks[id.Name]}}
		return true
	})
}

// runtimePrint writes args as Go's print (ln false) or println (ln true)
// does: println puts spaces between operands and a newline at the end;
// floats look like +1.500000e+000.
func runtimePrint(w io.Writer, ln bool, args []any) {
	var b strings.Builder
	for i, a := range args {
		if ln && i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(printValue(a))
	}
	if ln {
		b.WriteByte('\n')
	}
	io.WriteString(w, b.String())
}

// printValue formats one operand of print.
func printValue(a any) string {
	if a == nil {
		return "nil"
	}
	v := reflect.ValueOf(a)
	switch v.Kind() {
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		return printFloat(v.Float())
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		return "(" + printFloat(real(c)) + printFloat(imag(c)) + "i)"
	case reflect.String:
		return v.String()
	case reflect.Pointer, reflect.Chan, reflect.Map, reflect.Func, reflect.UnsafePointer:
		return fmt.Sprintf("%#x", v.Pointer())
	case reflect.Slice:
		return fmt.Sprintf("[%d/%d]%#x", v.Len(), v.Cap(), v.Pointer())
	}
	return fmt.Sprint(a)
}

// printFloat formats f as the runtime's print does: a sign, one digit,
// six decimals and a three-digit exponent.
func printFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "+Inf"
	case math.IsInf(f, -1):
		return "-Inf"
	}
	s := strconv.FormatFloat(f, 'e', 6, 64) // -1.500000e+00
	mant, exp, _ := strings.Cut(s, "e")
	if !strings.HasPrefix(mant, "-") {
		mant = "+" + mant
	}
	sign, digits := exp[:1], exp[1:]
	for len(digits) < 3 {
		digits = "0" + digits
	}
	return mant + "e" + sign + digits
}
