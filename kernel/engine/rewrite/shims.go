package rewrite

import (
	"go/ast"
	"go/types"
)

// shim replaces a call of a generic function of package maps, slices or
// cmp, which yaegi can't take from compiled code, by a call of its Prelude
// counterpart: slices.Sort(s) becomes _clSlicesSort(s).
func (r *rewriter) shim(ce *ast.CallExpr, sel *ast.SelectorExpr) ast.Expr {
	pkg, ok := sel.X.(*ast.Ident)
	if !ok {
		return nil
	}
	path := r.importPath(pkg)
	name, ok := shims[path][sel.Sel.Name]
	if !ok {
		return nil
	}
	return &ast.CallExpr{Fun: helper(name, sel.Pos()), Lparen: ce.Lparen, Args: ce.Args, Ellipsis: ce.Ellipsis, Rparen: ce.Rparen}
}

// importPath returns the path of the package id names, or "" if id is not
// a package name.
func (r *rewriter) importPath(id *ast.Ident) string {
	if obj, ok := r.info.Uses[id]; ok {
		if pn, ok := obj.(*types.PkgName); ok {
			return pn.Imported().Path()
		}
		return ""
	}
	// Not resolved (a node no type information covers, or a package
	// imported by an earlier cell): match the imports by name.
	if r.info.Uses[id] == nil && r.info.Defs[id] == nil {
		for path, name := range r.imports {
			if name == id.Name {
				return path
			}
		}
	}
	return ""
}

func lastSlash(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '/' {
			return i
		}
	}
	return -1
}
