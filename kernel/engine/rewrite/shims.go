package rewrite

import (
	"go/ast"
	"go/types"
)

// shim replaces a call of a generic function of package maps, slices or
// cmp, which yaegi can't take from compiled code, by a call of its Prelude
// counterpart: slices.Sort(s) becomes _clSlicesSort(s). Calls of the
// other generic functions of those packages get explicit type arguments:
// slices.Concat(a, b) becomes slices.Concat[int](a, b).
func (r *rewriter) shim(ce *ast.CallExpr, sel *ast.SelectorExpr) ast.Expr {
	pkg, ok := sel.X.(*ast.Ident)
	if !ok {
		return nil
	}
	path := r.importPath(pkg)
	name, ok := shims[path][sel.Sel.Name]
	if !ok {
		// Another generic function of an interpreted package
		// (slices.Concat): yaegi runs it but often can't infer its type
		// arguments, so write out those go/types inferred.
		if inst, ok := r.info.Instances[sel.Sel]; ok && sourcePackages[path] {
			fun := r.instantiate(sel, inst.TypeArgs)
			if fun == ast.Expr(sel) {
				return nil
			}
			return &ast.CallExpr{Fun: fun, Lparen: ce.Lparen, Args: ce.Args, Ellipsis: ce.Ellipsis, Rparen: ce.Rparen}
		}
		return nil
	}
	var fun ast.Expr = helper(name, sel.Pos())
	if inst, ok := r.info.Instances[sel.Sel]; ok {
		fun = r.instantiate(fun, inst.TypeArgs)
	}
	return &ast.CallExpr{Fun: fun, Lparen: ce.Lparen, Args: ce.Args, Ellipsis: ce.Ellipsis, Rparen: ce.Rparen}
}

// instantiate returns fun[args...] when every type argument can be written
// in the cell, and fun otherwise. yaegi v0.16.0 often fails to infer type
// arguments (from untyped constants, from the result of another generic
// call: "undefined type for K"), so the rewrites spell out what go/types
// inferred.
func (r *rewriter) instantiate(fun ast.Expr, args *types.TypeList) ast.Expr {
	var ts []types.Type
	for i := 0; args != nil && i < args.Len(); i++ {
		ts = append(ts, args.At(i))
	}
	return r.instantiateTypes(fun, ts...)
}

func (r *rewriter) instantiateTypes(fun ast.Expr, ts ...types.Type) ast.Expr {
	if len(ts) == 0 {
		return fun
	}
	pos := fun.Pos()
	var idx []ast.Expr
	for _, t := range ts {
		name := r.typeName(t)
		if name == "" {
			return fun
		}
		idx = append(idx, &ast.Ident{NamePos: pos, Name: name})
	}
	if len(idx) == 1 {
		return &ast.IndexExpr{X: fun, Lbrack: pos, Index: idx[0], Rbrack: pos}
	}
	return &ast.IndexListExpr{X: fun, Lbrack: pos, Indices: idx, Rbrack: pos}
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
