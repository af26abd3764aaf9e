package rewrite

import (
	"go/ast"

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
