package engine

import (
	"context"
	"fmt"
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/ast/astutil"
)

// Top-level defer statements.
//
// A cell's statements run in several generated functions when
// declarations separate them (`ctx, cancel := ...` becomes a package
// variable), so `defer cancel()` followed by `x := work(ctx)` would run
// cancel as soon as its own function returned, before work. In a unit
// that is not the cell's last, a defer statement outside function
// literals therefore becomes a call added to the cell's list of deferred
// calls, with the function and its arguments evaluated where the defer
// statement was, as Go does:
//
//	defer f(a, 1)   →   { _clDf, _clDa0 := f, a; _clCellDefers = append(_clCellDefers, func() { _clDf(_clDa0, 1) }) }
//
// After the cell's last unit (also after an error), the engine runs the
// list, last first. recover() in such a deferred function returns nil:
// the panic has ended its unit already.

// deferPrelude declares the list of a cell's deferred calls and the
// function that runs it; it is part of enginePrelude.
const deferPrelude = `
var _clCellDefers []func()

func _clCellRunDefers() {
	ds := _clCellDefers
	_clCellDefers = nil
	for i := len(ds) - 1; i >= 0; i-- {
		ds[i]()
	}
}
`

// builtinFuncs are the predeclared functions a defer statement may call;
// they can't be taken as values.
var builtinFuncs = map[string]bool{
	"append": true, "cap": true, "clear": true, "close": true, "complex": true, "copy": true,
	"delete": true, "imag": true, "len": true, "make": true, "max": true, "min": true, "new": true,
	"panic": true, "print": true, "println": true, "real": true, "recover": true,
}

// liftDefers replaces the defer statements of stmts (outside function
// literals) by additions to the cell's list of deferred calls. It reports
// whether it replaced any.
func liftDefers(stmts []ast.Stmt) bool {
	found := false
	for i, s := range stmts {
		stmts[i] = astutil.Apply(s, func(c *astutil.Cursor) bool {
			_, lit := c.Node().(*ast.FuncLit)
			return !lit
		}, func(c *astutil.Cursor) bool {
			if ds, ok := c.Node().(*ast.DeferStmt); ok {
				c.Replace(liftDefer(ds))
				found = true
			}
			return true
		}).(ast.Stmt)
	}
	return found
}

// liftDefer returns the block that replaces ds (see above).
func liftDefer(ds *ast.DeferStmt) ast.Stmt {
	pos := ds.Pos()
	call := &ast.CallExpr{Fun: ds.Call.Fun, Lparen: ds.Call.Lparen, Ellipsis: ds.Call.Ellipsis, Rparen: ds.Call.Rparen}
	var lhs, rhs []ast.Expr
	if id, ok := ds.Call.Fun.(*ast.Ident); !ok || !builtinFuncs[id.Name] {
		if _, paren := ds.Call.Fun.(*ast.ParenExpr); !paren {
			f := &ast.Ident{NamePos: pos, Name: "_clDf"}
			lhs, rhs = append(lhs, f), append(rhs, ds.Call.Fun)
			call.Fun = f
		}
	}
	for i, a := range ds.Call.Args {
		if constantLike(a) {
			call.Args = append(call.Args, a)
			continue
		}
		t := &ast.Ident{NamePos: a.Pos(), Name: fmt.Sprintf("_clDa%d", i)}
		lhs, rhs = append(lhs, t), append(rhs, a)
		call.Args = append(call.Args, t)
	}
	add := &ast.AssignStmt{
		Lhs: []ast.Expr{ast.NewIdent("_clCellDefers")}, TokPos: pos, Tok: token.ASSIGN,
		Rhs: []ast.Expr{&ast.CallExpr{Fun: ast.NewIdent("append"), Args: []ast.Expr{
			ast.NewIdent("_clCellDefers"),
			&ast.FuncLit{Type: &ast.FuncType{Func: pos, Params: &ast.FieldList{}}, Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ExprStmt{X: call}}}},
		}}},
	}
	b := &ast.BlockStmt{Lbrace: pos}
	if len(lhs) > 0 {
		b.List = append(b.List, &ast.AssignStmt{Lhs: lhs, TokPos: pos, Tok: token.DEFINE, Rhs: rhs})
	}
	b.List = append(b.List, add)
	return b
}

// constantLike reports whether x is a literal, true, false or nil (kept
// in the call: a temporary would give an untyped constant its default
// type, and nil none).
func constantLike(x ast.Expr) bool {
	switch x := x.(type) {
	case *ast.BasicLit:
		return true
	case *ast.Ident:
		return x.Name == "true" || x.Name == "false" || x.Name == "nil"
	case *ast.UnaryExpr:
		return (x.Op == token.SUB || x.Op == token.ADD) && constantLike(x.X)
	case *ast.ParenExpr:
		return constantLike(x.X)
	}
	return false
}

// runCellDefers runs the calls the cell deferred at its top level (see
// liftDefers) and returns the error of one that panicked.
func (e *Engine) runCellDefers(ctx context.Context) error {
	if ctx.Err() != nil {
		ctx = context.Background() // still run them, as Go does after a panic
	}
	e.trace.reset()
	_, err := e.in.EvalWithContext(ctx, "_clCellRunDefers()")
	return err
}
