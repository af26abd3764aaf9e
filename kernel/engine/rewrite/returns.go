package rewrite

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
)

// splitReturns rewrites a return of a call's several results into
// temporaries and a return of them, when the call's result types are not
// those of the function (or are unknown):
//
//	func f() (any, error) { return two() }   // two() (string, error)
//
// becomes
//
//	func f() (any, error) { { _clR1, _clR2 := two(); return _clR1, _clR2 } }
//
// yaegi v0.16.0 converts the first value to any and loses the second: f
// returned ("a", nil) for two's ("a", err).
func (r *rewriter) splitReturns() {
	var stack []*types.Tuple // result types of the enclosing functions; nil if unknown
	var counts []int         // number of results of the enclosing functions
	push := func(ft *ast.FuncType, t types.Type) {
		var res *types.Tuple
		if sig, ok := t.(*types.Signature); ok {
			res = sig.Results()
		}
		stack = append(stack, res)
		counts = append(counts, fieldCount(ft.Results))
	}
	astutil.Apply(r.file, func(c *astutil.Cursor) bool {
		switch n := c.Node().(type) {
		case *ast.FuncDecl:
			if n.Body == nil {
				return false
			}
			var t types.Type
			if obj := r.info.Defs[n.Name]; obj != nil {
				t = obj.Type()
			}
			push(n.Type, t)
		case *ast.FuncLit:
			push(n.Type, r.typeOf(n))
		}
		return true
	}, func(c *astutil.Cursor) bool {
		switch n := c.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			stack, counts = stack[:len(stack)-1], counts[:len(counts)-1]
		case *ast.ReturnStmt:
			if len(stack) == 0 || counts[len(counts)-1] < 2 || len(n.Results) != 1 {
				return true
			}
			ce, ok := ast.Unparen(n.Results[0]).(*ast.CallExpr)
			if !ok || r.sameResults(ce, stack[len(stack)-1]) {
				return true
			}
			pos := n.Return
			var lhs, rets []ast.Expr
			for range counts[len(counts)-1] {
				t := r.fresh("R", pos)
				lhs = append(lhs, t)
				rets = append(rets, ident(t, pos))
			}
			c.Replace(&ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{
				define(pos, lhs, ce),
				&ast.ReturnStmt{Return: pos, Results: rets},
			}, Rbrace: n.End() - 1})
		}
		return true
	})
}

// sameResults reports whether the call's results have the types res.
func (r *rewriter) sameResults(ce *ast.CallExpr, res *types.Tuple) bool {
	got, ok := r.typeOf(ce).(*types.Tuple)
	if !ok || res == nil || got.Len() != res.Len() {
		return false
	}
	for i := range got.Len() {
		if !types.Identical(got.At(i).Type(), res.At(i).Type()) {
			return false
		}
	}
	return true
}

// fieldCount returns the number of parameters or results l declares.
func fieldCount(l *ast.FieldList) int {
	if l == nil {
		return 0
	}
	n := 0
	for _, f := range l.List {
		n += max(len(f.Names), 1)
	}
	return n
}
