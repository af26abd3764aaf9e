package rewrite

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/ast/astutil"
)

// guardGo makes every go statement recover a panic of its goroutine and
// report it through rt.GoEnd, with the position of the go statement,
// instead of letting it end the process. A function literal gets the guard
// as its first statement and the cell number as a new first parameter:
//
//	go func(x int) { body }(i)
//
// becomes
//
//	go func(_clG int, x int) {
//		defer func() { _clrt.GoEnd(_clG, recover(), "cell.go:3") }()
//		body
//	}(_clrt.GoStart(), i)
//
// Any other call has its function value and non-constant arguments
// evaluated first, as the go statement would, and then runs inside such a
// literal:
//
//	go worker(ctx, i)   →   { _clA1, _clA2 := ctx, i; go func(_clG int) { defer …; worker(_clA1, _clA2) }(_clrt.GoStart()) }
func (r *rewriter) guardGo() {
	astutil.Apply(r.file, nil, func(c *astutil.Cursor) bool {
		gs, ok := c.Node().(*ast.GoStmt)
		if !ok {
			return true
		}
		if s := r.guardGoStmt(gs); s != nil {
			c.Replace(s)
		}
		return true
	})
}

func (r *rewriter) guardGoStmt(gs *ast.GoStmt) ast.Stmt {
	pos := gs.Go
	p := r.fset.Position(pos)
	where := fmt.Sprintf("%s:%d", p.Filename, p.Line)
	if p.Filename == "" {
		where = fmt.Sprintf("line %d", p.Line)
	}
	g := r.fresh("G", pos)
	guard := &ast.DeferStmt{Defer: pos, Call: call(&ast.FuncLit{
		Type: &ast.FuncType{Func: pos, Params: &ast.FieldList{Opening: pos, Closing: pos}},
		Body: &ast.BlockStmt{Lbrace: pos, Rbrace: pos, List: []ast.Stmt{&ast.ExprStmt{X: call(
			&ast.SelectorExpr{X: &ast.Ident{NamePos: pos, Name: rtName}, Sel: &ast.Ident{NamePos: pos, Name: "GoEnd"}}, pos,
			ident(g, pos),
			call(&ast.Ident{NamePos: pos, Name: "recover"}, pos),
			&ast.BasicLit{ValuePos: pos, Kind: token.STRING, Value: strconv.Quote(where)},
		)}}},
	}, pos)}
	lp := gs.Call.Lparen
	start := call(&ast.SelectorExpr{X: &ast.Ident{NamePos: lp, Name: rtName}, Sel: &ast.Ident{NamePos: lp, Name: "GoStart"}}, lp)
	gParam := &ast.Field{Names: []*ast.Ident{g}, Type: &ast.Ident{NamePos: pos, Name: "int"}}

	if fl, ok := gs.Call.Fun.(*ast.FuncLit); ok {
		params := []*ast.Field{gParam}
		for _, f := range fl.Type.Params.List {
			if len(f.Names) == 0 {
				f.Names = []*ast.Ident{{NamePos: f.Type.Pos(), Name: "_"}}
			}
			params = append(params, f)
		}
		fl.Type.Params = &ast.FieldList{Opening: fl.Type.Params.Opening, List: params, Closing: fl.Type.Params.Closing}
		fl.Body = prepend(fl.Body, guard)
		gs.Call.Args = append([]ast.Expr{start}, gs.Call.Args...)
		return nil
	}

	// Evaluate the function value and the arguments now.
	var lhs, rhs []ast.Expr
	ce := gs.Call
	fun := ce.Fun
	if !r.isStaticFunc(fun) {
		f := r.fresh("F", pos)
		lhs, rhs = append(lhs, f), append(rhs, fun)
		fun = ident(f, pos)
	}
	args := make([]ast.Expr, len(ce.Args))
	for i, a := range ce.Args {
		if r.isConst(a) {
			args[i] = a
			continue
		}
		t := r.fresh("A", a.Pos())
		lhs, rhs = append(lhs, t), append(rhs, a)
		args[i] = ident(t, a.Pos())
	}
	inner := &ast.ExprStmt{X: &ast.CallExpr{Fun: fun, Lparen: ce.Lparen, Args: args, Ellipsis: ce.Ellipsis, Rparen: ce.Rparen}}
	lit := &ast.FuncLit{
		Type: &ast.FuncType{Func: pos, Params: &ast.FieldList{Opening: pos, List: []*ast.Field{gParam}, Closing: pos}},
		Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{guard, inner}, Rbrace: ce.Rparen},
	}
	newGo := &ast.GoStmt{Go: pos, Call: call(lit, pos, start)}
	if len(lhs) == 0 {
		return newGo
	}
	return &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{define(pos, lhs, rhs...), newGo}, Rbrace: ce.Rparen}
}

// isStaticFunc reports whether e names a declared function or a builtin,
// whose value can't change between the go statement and the goroutine's
// start (and, for builtins, can't be stored in a variable).
func (r *rewriter) isStaticFunc(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		switch r.info.Uses[e].(type) {
		case *types.Func, *types.Builtin:
			return true
		}
		return r.isBuiltinName(e)
	case *ast.SelectorExpr:
		if id, ok := e.X.(*ast.Ident); ok && r.importPath(id) != "" {
			return true // pkg.F
		}
	case *ast.IndexExpr: // an instantiated generic function, not f[i]
		return r.isDeclaredFunc(e.X)
	case *ast.IndexListExpr:
		return r.isDeclaredFunc(e.X)
	}
	return false
}

// isBuiltinName reports whether id, which go/types did not resolve, names a
// builtin function that no declaration of the cell shadows.
func (r *rewriter) isBuiltinName(id *ast.Ident) bool {
	if r.info.Uses[id] != nil {
		return false
	}
	obj := types.Universe.Lookup(id.Name)
	_, ok := obj.(*types.Builtin)
	return ok
}

// isConst reports whether e is a constant (or nil), which may be evaluated
// at any time and must keep its untyped type.
func (r *rewriter) isConst(e ast.Expr) bool {
	if tv, ok := r.info.Types[e]; ok && (tv.Value != nil || tv.IsNil()) {
		return true
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		return true
	case *ast.Ident:
		return e.Name == "nil" && r.info.Uses[e] == nil
	}
	return false
}

// isDeclaredFunc reports whether e names a function declared with func.
func (r *rewriter) isDeclaredFunc(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	_, ok = r.info.Uses[id].(*types.Func)
	return ok
}
