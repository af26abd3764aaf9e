package rewrite

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
)

// lowerMethodExprs turns method expressions into function literals:
//
//	f := (*Acc).Add
//
// becomes
//
//	f := func(_clM1 *Acc, _clM2 int) { _clM1.Add(_clM2) }
//
// yaegi v0.16.0 gets them wrong: calling (*Acc).Add as f(&a, 10) fails
// with "Call with too many input arguments", and Temp.F panics in
// reflect.Set. Method expressions whose parameter types the cell can't
// write are left as they are.
func (r *rewriter) lowerMethodExprs() {
	astutil.Apply(r.file, nil, func(c *astutil.Cursor) bool {
		sel, ok := c.Node().(*ast.SelectorExpr)
		if !ok {
			return true
		}
		s, ok := r.info.Selections[sel]
		if !ok || s.Kind() != types.MethodExpr {
			return true
		}
		sig, ok := s.Type().(*types.Signature)
		if !ok || sig.Params().Len() == 0 {
			return true
		}
		if lit := r.methodLit(sel, sig); lit != nil {
			c.Replace(lit)
		}
		return true
	})
}

// methodLit builds the function literal for the method expression sel of
// type sig (whose first parameter is the receiver), or returns nil.
func (r *rewriter) methodLit(sel *ast.SelectorExpr, sig *types.Signature) *ast.FuncLit {
	pos := sel.Pos()
	var params []*ast.Field
	var args []ast.Expr
	var recv *ast.Ident
	for i := range sig.Params().Len() {
		t := sig.Params().At(i).Type()
		variadic := sig.Variadic() && i == sig.Params().Len()-1
		if variadic {
			t = t.(*types.Slice).Elem()
		}
		name := r.typeName(t)
		if name == "" {
			return nil
		}
		var te ast.Expr = &ast.Ident{NamePos: pos, Name: name}
		if variadic {
			te = &ast.Ellipsis{Ellipsis: pos, Elt: te}
		}
		p := r.fresh("M", pos)
		params = append(params, &ast.Field{Names: []*ast.Ident{p}, Type: te})
		if i == 0 {
			recv = p
		} else {
			args = append(args, ident(p, pos))
		}
	}
	var results []*ast.Field
	for i := range sig.Results().Len() {
		name := r.typeName(sig.Results().At(i).Type())
		if name == "" {
			return nil
		}
		results = append(results, &ast.Field{Type: &ast.Ident{NamePos: pos, Name: name}})
	}
	ce := &ast.CallExpr{
		Fun:    &ast.SelectorExpr{X: ident(recv, pos), Sel: &ast.Ident{NamePos: sel.Sel.Pos(), Name: sel.Sel.Name}},
		Lparen: pos, Args: args, Rparen: pos,
	}
	if sig.Variadic() {
		ce.Ellipsis = pos
	}
	var body ast.Stmt = &ast.ExprStmt{X: ce}
	if len(results) > 0 {
		body = &ast.ReturnStmt{Return: pos, Results: []ast.Expr{ce}}
	}
	return &ast.FuncLit{
		Type: &ast.FuncType{Func: pos,
			Params:  &ast.FieldList{Opening: pos, List: params, Closing: pos},
			Results: &ast.FieldList{List: results}},
		Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{body}, Rbrace: sel.End() - 1},
	}
}
