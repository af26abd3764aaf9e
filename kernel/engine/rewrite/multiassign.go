package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
)

// splitNilAssigns turns a parallel assignment that assigns nil, which
// yaegi v0.16.0 fails on ("reflect: New(nil)") or gets wrong, into single
// assignments, evaluating the other right-hand sides into temporaries
// first so the result is the same:
//
//	p, err = nil, fmt.Errorf("x")   →   _clA1 := fmt.Errorf("x"); p = nil; err = _clA1
//
// Only assignments whose left-hand sides are all identifiers are split, so
// the order of evaluation stays Go's.
func (r *rewriter) splitNilAssigns() {
	astutil.Apply(r.file, nil, func(c *astutil.Cursor) bool {
		as, ok := c.Node().(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN || len(as.Lhs) < 2 || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		if _, ok := c.Parent().(*ast.BlockStmt); !ok {
			if _, ok := c.Parent().(*ast.CaseClause); !ok {
				if _, ok := c.Parent().(*ast.CommClause); !ok {
					return true // an init or post statement: one statement only
				}
			}
		}
		hasNil := false
		for i, l := range as.Lhs {
			if _, ok := l.(*ast.Ident); !ok {
				return true
			}
			hasNil = hasNil || r.isNil(as.Rhs[i])
		}
		if !hasNil {
			return true
		}
		pos := as.TokPos
		var pre, assigns []ast.Stmt
		for i, l := range as.Lhs {
			rhs := as.Rhs[i]
			if !r.isConst(rhs) {
				t := r.fresh("A", rhs.Pos())
				pre = append(pre, define(pos, []ast.Expr{t}, rhs))
				rhs = ident(t, rhs.Pos())
			}
			if isBlank(l) {
				continue
			}
			assigns = append(assigns, &ast.AssignStmt{Lhs: []ast.Expr{l}, TokPos: pos, Tok: token.ASSIGN, Rhs: []ast.Expr{rhs}})
		}
		list := append(pre, assigns...)
		for i := len(list) - 1; i > 0; i-- {
			c.InsertAfter(list[i]) // each lands right after the current node
		}
		c.Replace(list[0])
		return true
	})
}

// isNil reports whether e is the predeclared nil.
func (r *rewriter) isNil(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok || id.Name != "nil" {
		return false
	}
	obj := r.info.Uses[id]
	_, isNil := obj.(*types.Nil)
	return obj == nil || isNil
}
