package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
)

// expandGenericAliases replaces every instance of a generic type alias
// (Go 1.24) by the type it stands for, and drops the alias declarations,
// on which yaegi v0.16.0 panics:
//
//	type Set[T comparable] = map[T]struct{}
//	func add[T comparable](s Set[T], v T) { s[v] = struct{}{} }
//
// becomes
//
//	type ()
//	func add[T comparable](s map[T]struct{}, v T) { s[v] = struct{}{} }
//
// The declarations are emptied in place (the engine holds them) and kept
// by the Session for the type-checking of later cells, whose instances are
// expanded the same way. An instance whose type can't be written in the
// cell is left as it is.
func (r *rewriter) expandGenericAliases() {
	isGenericAlias := func(obj types.Object) bool {
		tn, ok := obj.(*types.TypeName)
		if !ok {
			return false
		}
		a, ok := tn.Type().(*types.Alias)
		return ok && a.TypeParams().Len() > 0
	}
	astutil.Apply(r.file, nil, func(c *astutil.Cursor) bool {
		var x ast.Expr
		switch n := c.Node().(type) {
		case *ast.IndexExpr:
			x = n.X
		case *ast.IndexListExpr:
			x = n.X
		case *ast.GenDecl:
			if n.Tok != token.TYPE {
				return true
			}
			kept := n.Specs[:0:0]
			for _, sp := range n.Specs {
				ts := sp.(*ast.TypeSpec)
				if ts.Assign.IsValid() && ts.TypeParams != nil && len(ts.TypeParams.List) > 0 {
					r.aliases = append(r.aliases, ts)
					continue
				}
				kept = append(kept, sp)
			}
			if len(kept) != len(n.Specs) {
				n.Specs = kept
				if n.Lparen == token.NoPos {
					n.Lparen, n.Rparen = n.TokPos, n.TokPos
				}
			}
			return true
		default:
			return true
		}
		id, ok := x.(*ast.Ident)
		if !ok || !isGenericAlias(r.info.Uses[id]) {
			return true
		}
		if name := r.typeName(types.Unalias(r.typeOf(c.Node().(ast.Expr)))); name != "" {
			c.Replace(&ast.Ident{NamePos: id.Pos(), Name: name})
		}
		return true
	})
}
