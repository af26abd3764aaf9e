package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
)

// newExpr lowers Go 1.26's new(expr) to _clNew(expr), which returns a
// pointer to a new variable initialised to expr. new(T) is left alone.
// When go/types could not tell whether the operand is a type or a value,
// only operands that can't be types (literals, arithmetic, calls of
// functions known to be functions) are taken for values.
func (r *rewriter) newExpr(ce *ast.CallExpr) ast.Expr {
	if len(ce.Args) != 1 {
		return nil
	}
	arg := ce.Args[0]
	if tv, ok := r.info.Types[arg]; ok && tv.Type != nil && r.typeOf(arg) != nil {
		if tv.IsType() {
			return nil
		}
	} else if !syntacticValue(arg) {
		return nil
	}
	fun := ast.Expr(helper("_clNew", ce.Fun.Pos()))
	if p, ok := r.typeOf(ce).(*types.Pointer); ok {
		fun = r.instantiateTypes(fun, p.Elem())
	}
	return call(fun, ce.Lparen, arg)
}

// syntacticValue reports whether e is certainly a value, not a type.
func syntacticValue(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.BasicLit, *ast.BinaryExpr, *ast.CompositeLit, *ast.FuncLit:
		return true
	case *ast.UnaryExpr:
		return e.Op != token.MUL
	case *ast.ParenExpr:
		return syntacticValue(e.X)
	}
	return false
}
