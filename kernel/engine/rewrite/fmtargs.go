package rewrite

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
)

// printFuncs lists, per package, the print functions whose arguments
// printFuncs lists, per package, the print functions whose arguments
// wrapPrintArgs wraps, with the number of leading arguments (writer,
// format) to leave alone. fmt.Errorf is not among them: %w must keep the
// original error for errors.Is and errors.As.
var printFuncs = map[string]map[string]int{
	"fmt": {
		"Print": 0, "Println": 0, "Printf": 1,
		"Sprint": 0, "Sprintln": 0, "Sprintf": 1,
		"Fprint": 1, "Fprintln": 1, "Fprintf": 2,
	},
	"log": {
		"Print": 0, "Println": 0, "Printf": 1,
		"Fatal": 0, "Fatalln": 0, "Fatalf": 1,
		"Panic": 0, "Panicln": 0, "Panicf": 1,
	},
}

// wrapPrintArgs wraps each argument of a fmt or log print call whose
// type is declared in the cells (or a pointer to such a type) and has an
// Error or String method in the Prelude's _clFmtE or _clFmtS:
//
//	fmt.Println(e, f())   // e E, f() *P; E has Error, *P has String
//
// becomes
//
//	fmt.Println(_clFmtE((e)), _clFmtS((f())))
//
// yaegi v0.16.0 hides the Error method of interpreted types, and the
// methods of pointers to them, from compiled fmt, which printed the fields
// ({}) instead. The helpers call the method inside the interpreter and hand
// fmt an rt.Text with its result. The parentheses are needed: yaegi fails
// to pass the result of a call returning a pointer straight to an
// interface parameter ("reflect.Set: value of type *struct {...} is not
// assignable to type error"), but not a parenthesized one.
//
// Arguments of other types cost nothing. Values already stored in an
// interface (any, error) are left alone: where yaegi kept their methods
// (a function's error result), fmt finds them; where it lost them (var err
// error = E{}), the interpreter can't call them either. In Printf-style
// calls only arguments formatted with %v, %s, %q, %x or %X are wrapped, and
// none unless the format is a constant without argument indexes or *
// widths (%d of a Stringer int must print the number, %T the type).
// Slices, maps and structs holding such values are left alone too.
func (r *rewriter) wrapPrintArgs() {
	astutil.Apply(r.file, nil, func(c *astutil.Cursor) bool {
		ce, ok := c.Node().(*ast.CallExpr)
		if !ok || ce.Ellipsis.IsValid() {
			return true
		}
		sel, ok := ce.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		pkg, ok := sel.X.(*ast.Ident)
		if !ok {
			return true
		}
		skip, ok := printFuncs[r.importPath(pkg)][sel.Sel.Name]
		if !ok || len(ce.Args) <= skip {
			return true
		}
		var verbs []bool
		printf := sel.Sel.Name[len(sel.Sel.Name)-1] == 'f'
		if printf {
			if verbs, ok = r.stringVerbs(ce.Args[skip-1]); !ok {
				return true
			}
		}
		for i := skip; i < len(ce.Args); i++ {
			a := ce.Args[i]
			if printf && (i-skip >= len(verbs) || !verbs[i-skip]) {
				continue
			}
			if name := r.textHelper(a); name != "" {
				ce.Args[i] = r.wrapPrintArg(a, name)
			}
		}
		return true
	})
}

// wrapPrintArg returns name((a)), or for a pointer
//
//	func(_clP1 *T) any { if _clP1 == nil { return _clP1 }; return name(_clP1) }((a))
//
// so that fmt prints <nil> for a nil pointer without calling the method,
// whose panic would have yaegi write to standard error even though the
// helper recovers it (Go prints <nil> unless the method handles a nil
// receiver).
func (r *rewriter) wrapPrintArg(a ast.Expr, name string) ast.Expr {
	pos := a.Pos()
	arg := &ast.ParenExpr{Lparen: pos, X: a, Rparen: a.End() - 1}
	p, ok := r.typeOf(a).(*types.Pointer)
	if !ok {
		return call(helper(name, pos), pos, arg)
	}
	n := types.Unalias(p.Elem()).(*types.Named)
	if n.TypeArgs().Len() > 0 {
		return call(helper(name, pos), pos, arg) // the type can't be written as a name
	}
	v := r.fresh("P", pos)
	typ := &ast.StarExpr{Star: pos, X: &ast.Ident{NamePos: pos, Name: n.Obj().Name()}}
	lit := &ast.FuncLit{
		Type: &ast.FuncType{Func: pos,
			Params:  &ast.FieldList{Opening: pos, List: []*ast.Field{{Names: []*ast.Ident{v}, Type: typ}}, Closing: pos},
			Results: &ast.FieldList{List: []*ast.Field{{Type: &ast.Ident{NamePos: pos, Name: "any"}}}},
		},
		Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{
			&ast.IfStmt{If: pos,
				Cond: &ast.BinaryExpr{X: ident(v, pos), OpPos: pos, Op: token.EQL, Y: &ast.Ident{NamePos: pos, Name: "nil"}},
				Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{&ast.ReturnStmt{Return: pos, Results: []ast.Expr{ident(v, pos)}}}, Rbrace: pos},
			},
			&ast.ReturnStmt{Return: pos, Results: []ast.Expr{call(helper(name, pos), pos, ident(v, pos))}},
		}, Rbrace: pos},
	}
	return call(lit, pos, arg)
}

// textHelper returns the Prelude helper that prints the value of e with
// its Error (_clFmtE) or String (_clFmtS) method, or "" if e's type is
// not declared in the cells or has neither method.
func (r *rewriter) textHelper(e ast.Expr) string {
	t := r.typeOf(e)
	if t == nil {
		return ""
	}
	named := t
	if p, ok := t.(*types.Pointer); ok {
		named = p.Elem()
	}
	n, ok := types.Unalias(named).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "main" || types.IsInterface(n) {
		return ""
	}
	ms := types.NewMethodSet(t)
	for _, m := range []struct{ method, helper string }{{"Error", "_clFmtE"}, {"String", "_clFmtS"}} {
		sel := ms.Lookup(nil, m.method)
		if sel == nil {
			continue
		}
		if sig, ok := sel.Type().(*types.Signature); ok && sig.Params().Len() == 0 &&
			sig.Results().Len() == 1 && types.Identical(sig.Results().At(0).Type(), types.Typ[types.String]) {
			return m.helper
		}
	}
	return ""
}

// stringVerbs returns, for a constant format, whether each argument after
// it is formatted by one of the verbs for which fmt calls an Error or
// String method (%v, %s, %q, %x, %X, but not %#v). ok is false if format
// is not a constant or uses explicit argument indexes or * widths.
func (r *rewriter) stringVerbs(format ast.Expr) (verbs []bool, ok bool) {
	tv, found := r.info.Types[format]
	if !found || tv.Value == nil || tv.Value.Kind() != constant.String {
		return nil, false
	}
	s := constant.StringVal(tv.Value)
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			continue
		}
		i++
		sharp := false
		for i < len(s) && isFlagOrWidth(s[i]) {
			switch s[i] {
			case '[', '*':
				return nil, false
			case '#':
				sharp = true
			}
			i++
		}
		if i == len(s) || s[i] == '%' {
			continue
		}
		switch s[i] {
		case 'v':
			verbs = append(verbs, !sharp)
		case 's', 'q', 'x', 'X':
			verbs = append(verbs, true)
		default:
			verbs = append(verbs, false)
		}
	}
	return verbs, true
}

// isFlagOrWidth reports whether b may stand between % and a verb.
func isFlagOrWidth(b byte) bool {
	switch b {
	case '+', '-', '#', ' ', '0', '.', '*', '[', ']':
		return true
	}
	return '1' <= b && b <= '9'
}
