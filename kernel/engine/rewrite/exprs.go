package rewrite

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
)

// rewriteExprs replaces calls that yaegi lacks: the builtins min, max and
// clear, new(expr), and generic functions of maps, slices and cmp. It works
// bottom-up, so arguments are rewritten before the calls that hold them.
func (r *rewriter) rewriteExprs() {
	astutil.Apply(r.file, nil, func(c *astutil.Cursor) bool {
		ce, ok := c.Node().(*ast.CallExpr)
		if !ok {
			return true
		}
		var repl ast.Expr
		switch fun := ce.Fun.(type) {
		case *ast.Ident:
			switch {
			case !r.isBuiltin(fun):
				repl = r.explicitTypeArgs(ce, fun)
			case fun.Name == "min" || fun.Name == "max":
				repl = r.minMax(ce)
			case fun.Name == "clear":
				repl = r.clear(ce)
			case fun.Name == "new":
				repl = r.newExpr(ce)
			}
		case *ast.SelectorExpr:
			repl = r.shim(ce, fun)
			if repl == nil {
				repl = r.errorsAs(ce, fun)
			}
		}
		if repl != nil {
			c.Replace(repl)
		}
		return true
	})
}

// isBuiltin reports whether id refers to the predeclared function of that
// name rather than to a user declaration. An identifier go/types did not
// resolve is taken for the builtin unless the file declares its name.
func (r *rewriter) isBuiltin(id *ast.Ident) bool {
	if obj, ok := r.info.Uses[id]; ok {
		_, builtin := obj.(*types.Builtin)
		return builtin
	}
	return false
}

// typeOf returns the type go/types found for e, or nil.
func (r *rewriter) typeOf(e ast.Expr) types.Type {
	if tv, ok := r.info.Types[e]; ok && tv.Type != nil {
		if b, ok := tv.Type.(*types.Basic); ok && b.Kind() == types.Invalid {
			return nil
		}
		return tv.Type
	}
	return nil
}

// explicitTypeArgs writes out the type arguments go/types inferred for a
// call of a generic function the cell declares: fromChan(ch) becomes
// fromChan[string](ch). yaegi fails to infer them in many cases (a
// receive-only channel parameter given a bidirectional channel, several
// type parameters, variadic arguments: "undefined type for T"). It
// returns nil when there is nothing to write.
func (r *rewriter) explicitTypeArgs(ce *ast.CallExpr, fun *ast.Ident) ast.Expr {
	inst, ok := r.info.Instances[fun]
	if !ok {
		return nil
	}
	fn, ok := r.info.Uses[fun].(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "main" {
		return nil
	}
	f := r.instantiate(fun, inst.TypeArgs)
	if f == ast.Expr(fun) {
		return nil
	}
	return &ast.CallExpr{Fun: f, Lparen: ce.Lparen, Args: ce.Args, Ellipsis: ce.Ellipsis, Rparen: ce.Rparen}
}
