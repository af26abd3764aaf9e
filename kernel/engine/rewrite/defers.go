package rewrite

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/ast/astutil"
)

// fixDefers makes defer statements evaluate their arguments when the
// defer statement runs, as Go does. yaegi v0.16.0 evaluates the arguments
// of a deferred call of an interpreted function when the call is made, at
// the function's end: `x := 1; defer show(x); x = 2` shows 2, and deferred
// closures in a loop all see the last iteration. Arguments are evaluated
// into temporaries in a block around the defer statement, which yaegi
// then reads correctly:
//
//	defer show(x)   →   { _clA1 := x; defer show(_clA1) }
//
// A deferred function literal inside a loop that captures variables of the
// loop (never assigned after their declaration) gets them as new leading
// parameters, passed the same way:
//
//	for _, w := range words { defer func() { fmt.Println(w) }() }
//	→ for _, w := range words { { _clA1 := w; defer func(w string) { fmt.Println(w) }(_clA1) } }
//
// The literal stays the deferred function itself, so recover still works
// in it. A call without arguments (defer mu.Unlock(), defer wg.Done()) is
// left alone.
func (r *rewriter) fixDefers() {
	astutil.Apply(r.file, nil, func(c *astutil.Cursor) bool {
		ds, ok := c.Node().(*ast.DeferStmt)
		if !ok {
			return true
		}
		if s := r.fixDefer(ds); s != nil {
			c.Replace(s)
		}
		return true
	})
}

func (r *rewriter) fixDefer(ds *ast.DeferStmt) ast.Stmt {
	pos := ds.Defer
	ce := ds.Call
	var lhs, rhs []ast.Expr
	temp := func(e ast.Expr) ast.Expr {
		t := r.fresh("A", e.Pos())
		lhs, rhs = append(lhs, t), append(rhs, e)
		return ident(t, e.Pos())
	}
	var args []ast.Expr
	if fl, ok := ast.Unparen(ce.Fun).(*ast.FuncLit); ok {
		if vars := r.deferCaptures[fl]; len(vars) > 0 {
			var params []*ast.Field
			for _, v := range vars {
				params = append(params, &ast.Field{
					Names: []*ast.Ident{{NamePos: fl.Pos(), Name: v.Name()}},
					Type:  &ast.Ident{NamePos: fl.Pos(), Name: r.typeName(v.Type())},
				})
				args = append(args, temp(&ast.Ident{NamePos: fl.Pos(), Name: v.Name()}))
			}
			for _, f := range fl.Type.Params.List {
				if len(f.Names) == 0 {
					f.Names = []*ast.Ident{{NamePos: f.Type.Pos(), Name: "_"}}
				}
			}
			fl.Type.Params.List = append(params, fl.Type.Params.List...)
		}
	} else if len(ce.Args) == 0 {
		return nil
	} else if !r.isStaticFunc(ce.Fun) {
		ce.Fun = temp(ce.Fun)
	}
	for _, a := range ce.Args {
		if r.isConst(a) {
			args = append(args, a)
			continue
		}
		args = append(args, temp(a))
	}
	if len(lhs) == 0 {
		return nil
	}
	ce.Args = args
	return &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{
		&ast.AssignStmt{Lhs: lhs, TokPos: pos, Tok: token.DEFINE, Rhs: rhs},
		ds,
	}, Rbrace: ce.Rparen}
}
