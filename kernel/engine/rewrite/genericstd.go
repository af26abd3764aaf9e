package rewrite

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
)

// replaceGenericStd replaces instantiations of generic standard-library
// types and functions that the symbol tables can't carry by their Prelude
// versions (genericShims):
//
//	var p atomic.Pointer[Config]          →  var p _clAtomicPointer[Config]
//	nf, ok := errors.AsType[NotFound](err) →  nf, ok := _clErrorsAsType[NotFound](err)
func (r *rewriter) replaceGenericStd() {
	astutil.Apply(r.file, nil, func(c *astutil.Cursor) bool {
		var x *ast.Expr
		switch n := c.Node().(type) {
		case *ast.IndexExpr:
			x = &n.X
		case *ast.IndexListExpr:
			x = &n.X
		default:
			return true
		}
		sel, ok := (*x).(*ast.SelectorExpr)
		if !ok {
			return true
		}
		pkg, ok := sel.X.(*ast.Ident)
		if !ok {
			return true
		}
		if name, ok := genericShims[r.importPath(pkg)][sel.Sel.Name]; ok {
			*x = helper(name, sel.Pos())
		}
		return true
	})
}

// errorsAs replaces errors.As(err, &v), where v is a pointer to a type the
// cell declares, by the Prelude's _clErrorsAs[*T](err, &v): the compiled
// errors.As panics on interpreted target types ("errors: *target must be
// interface or implement error"). Other calls are left alone (it returns
// nil). Targets of interpreted value types are left alone too: yaegi
// loses the type of such a value wrapped by a compiled error, so only the
// panic would change into a wrong answer.
func (r *rewriter) errorsAs(ce *ast.CallExpr, sel *ast.SelectorExpr) ast.Expr {
	pkg, ok := sel.X.(*ast.Ident)
	if !ok || sel.Sel.Name != "As" || len(ce.Args) != 2 || r.importPath(pkg) != "errors" {
		return nil
	}
	pt, ok := r.typeOf(ce.Args[1]).(*types.Pointer)
	if !ok {
		return nil
	}
	elem, ok := pt.Elem().(*types.Pointer)
	if !ok {
		return nil
	}
	named, ok := elem.Elem().(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != "main" {
		return nil
	}
	fun := r.instantiateTypes(helper("_clErrorsAs", sel.Pos()), elem)
	if _, ok := fun.(*ast.Ident); ok {
		return nil // the type can't be written
	}
	return &ast.CallExpr{Fun: fun, Lparen: ce.Lparen, Args: ce.Args, Rparen: ce.Rparen}
}
