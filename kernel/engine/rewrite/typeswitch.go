package rewrite

import (
	"go/ast"
	"go/token"
)

// bindTypeSwitches gives every type switch without a binding one:
//
//	switch v.(type) {   →   switch _clT1 := v.(type) {
//
// yaegi v0.16.0 compares the case types of an unbound type switch with the
// name of the value's reflect type, which for an interpreted type is its
// unnamed underlying type (struct { X int }), so no case naming an
// interpreted type ever matches. The bound form compares types, which is
// right as long as no two of the types involved share an underlying type
// (see the package comment for what stays different). yaegi does not
// complain that the new variable is unused.
func (r *rewriter) bindTypeSwitches() {
	ast.Inspect(r.file, func(n ast.Node) bool {
		ts, ok := n.(*ast.TypeSwitchStmt)
		if !ok {
			return true
		}
		es, ok := ts.Assign.(*ast.ExprStmt)
		if !ok {
			return true
		}
		pos := es.Pos()
		ts.Assign = &ast.AssignStmt{Lhs: []ast.Expr{r.fresh("T", pos)}, TokPos: pos, Tok: token.DEFINE, Rhs: []ast.Expr{es.X}}
		return true
	})
}
