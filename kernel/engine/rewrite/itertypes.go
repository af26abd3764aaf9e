package rewrite

import (
	"go/ast"
	"go/token"
	"strconv"

	"golang.org/x/tools/go/ast/astutil"
)

// rewriteIterTypes replaces the types iter.Seq[V] and iter.Seq2[K, V],
// which yaegi's standard library (Go 1.22) lacks, by the function types
// they stand for, func(yield func(V) bool) and func(yield func(K, V) bool),
// and drops the import of "iter" when nothing else of it is used.
func (r *rewriter) rewriteIterTypes() {
	name := ""
	var spec *ast.ImportSpec
	for _, is := range r.file.Imports {
		if p, err := strconv.Unquote(is.Path.Value); err == nil && p == "iter" {
			spec, name = is, "iter"
			if is.Name != nil {
				name = is.Name.Name
			}
		}
	}
	if spec == nil {
		return
	}
	other := false
	astutil.Apply(r.file, nil, func(c *astutil.Cursor) bool {
		var x ast.Expr
		var idx []ast.Expr
		switch n := c.Node().(type) {
		case *ast.IndexExpr:
			x, idx = n.X, []ast.Expr{n.Index}
		case *ast.IndexListExpr:
			x, idx = n.X, n.Indices
		case *ast.SelectorExpr:
			if id, ok := n.X.(*ast.Ident); ok && id.Name == name && n.Sel.Name != "Seq" && n.Sel.Name != "Seq2" {
				other = true
			}
			return true
		default:
			return true
		}
		sel, ok := x.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if id, ok := sel.X.(*ast.Ident); !ok || id.Name != name {
			return true
		}
		if sel.Sel.Name == "Seq" && len(idx) == 1 || sel.Sel.Name == "Seq2" && len(idx) == 2 {
			c.Replace(seqType(sel.Pos(), idx))
		}
		return true
	})
	if !other {
		if spec.Name != nil {
			astutil.DeleteNamedImport(r.fset, r.file, spec.Name.Name, "iter")
		} else {
			astutil.DeleteImport(r.fset, r.file, "iter")
		}
	}
}

// seqType builds func(yield func(elems...) bool) at pos.
func seqType(pos token.Pos, elems []ast.Expr) ast.Expr {
	var fields []*ast.Field
	for _, e := range elems {
		fields = append(fields, &ast.Field{Type: e})
	}
	yield := &ast.FuncType{Func: pos, Params: &ast.FieldList{Opening: pos, List: fields, Closing: pos},
		Results: &ast.FieldList{List: []*ast.Field{{Type: &ast.Ident{NamePos: pos, Name: "bool"}}}}}
	return &ast.FuncType{Func: pos, Params: &ast.FieldList{Opening: pos, Closing: pos, List: []*ast.Field{
		{Names: []*ast.Ident{{NamePos: pos, Name: "yield"}}, Type: yield},
	}}}
}
