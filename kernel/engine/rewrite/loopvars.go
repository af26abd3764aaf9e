package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
)

// copyLoopVars gives every iteration its own copy of the loop variables
// that a closure captures, as Go 1.22 does and yaegi does not:
//
//	for i := 0; i < n; i++ { go func() { use(i) }() }
//
// becomes
//
//	for i := 0; i < n; i++ { i := i; go func() { use(i) }() }
//
// Closures are function literals anywhere in the body, which covers go and
// defer statements and closures handed to compiled code (wg.Go,
// errgroup.Go, a pool's Submit; factory.go builds those). yaegi v0.16.0
// gives `i := i` a new variable per iteration, which go statements then
// capture correctly.
//
// A three-clause loop whose body also assigns the loop variable needs the
// full Go 1.22 rule, in which the post statement works on a copy of the
// variable the iteration ended with (see perIteration).
func (r *rewriter) copyLoopVars() {
	astutil.Apply(r.file, nil, func(c *astutil.Cursor) bool {
		switch n := c.Node().(type) {
		case *ast.ForStmt:
			as, ok := n.Init.(*ast.AssignStmt)
			if !ok || as.Tok != token.DEFINE {
				return true
			}
			vars := r.loopIdents(as.Lhs)
			if !assigns(n.Body, vars) {
				n.Body = r.copyCaptured(n.Body, vars)
				return true
			}
			captured := false
			for _, v := range vars {
				captured = captured || r.capturedIn(n.Body, v)
			}
			if !captured {
				return true
			}
			if _, ok := c.Parent().(*ast.LabeledStmt); ok {
				return true // lowered with its label, below
			}
			c.Replace(r.perIteration(n, as, vars, nil))
		case *ast.LabeledStmt:
			fs, ok := n.Stmt.(*ast.ForStmt)
			if !ok {
				return true
			}
			as, ok := fs.Init.(*ast.AssignStmt)
			if !ok || as.Tok != token.DEFINE {
				return true
			}
			vars := r.loopIdents(as.Lhs)
			if !assigns(fs.Body, vars) {
				return true
			}
			captured := false
			for _, v := range vars {
				captured = captured || r.capturedIn(fs.Body, v)
			}
			if captured {
				c.Replace(r.perIteration(fs, as, vars, n.Label))
			}
		case *ast.RangeStmt:
			if n.Tok != token.DEFINE {
				return true
			}
			n.Body = r.copyCaptured(n.Body, r.loopIdents([]ast.Expr{n.Key, n.Value}))
		}
		return true
	})
}

// perIteration lowers a three-clause loop whose body assigns a loop
// variable that a closure captures, following the Go 1.22 rule: each
// iteration has its own variables, initialised from the previous
// iteration's at its end, before the post statement runs on them.
//
//	for i := 0; i < n; i++ { body }
//
// becomes
//
//	{
//		i := 0
//		_clP1 := &i
//		for _clF := true; ; _clF = false {
//			i := *_clP1
//			_clP1 = &i
//			if !_clF { i++ }
//			if !(i < n) { break }
//			body
//		}
//	}
//
// continue reaches the next iteration through the loop's post statement
// (_clF = false), so it sees the assignments of the body too.
func (r *rewriter) perIteration(fs *ast.ForStmt, init *ast.AssignStmt, vars []*ast.Ident, label *ast.Ident) ast.Stmt {
	pos := fs.For
	var ptrs, addrs, derefs, names, fresh []ast.Expr
	for _, v := range vars {
		p := r.fresh("P", pos)
		ptrs = append(ptrs, p)
		addrs = append(addrs, &ast.UnaryExpr{OpPos: pos, Op: token.AND, X: ident(v, pos)})
		derefs = append(derefs, &ast.StarExpr{Star: pos, X: ident(p, pos)})
		names = append(names, ident(v, v.Pos()))
		fresh = append(fresh, &ast.UnaryExpr{OpPos: pos, Op: token.AND, X: ident(v, pos)})
	}
	first := r.fresh("F", pos)
	var head []ast.Stmt
	head = append(head, define(pos, names, derefs...))
	pcopy := make([]ast.Expr, len(ptrs))
	for i, p := range ptrs {
		pcopy[i] = ident(p.(*ast.Ident), pos)
	}
	head = append(head, &ast.AssignStmt{Lhs: pcopy, TokPos: pos, Tok: token.ASSIGN, Rhs: fresh})
	if fs.Post != nil {
		head = append(head, &ast.IfStmt{If: pos,
			Cond: &ast.UnaryExpr{OpPos: pos, Op: token.NOT, X: ident(first, pos)},
			Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{fs.Post}, Rbrace: pos}})
	}
	if fs.Cond != nil {
		head = append(head, &ast.IfStmt{If: pos,
			Cond: &ast.UnaryExpr{OpPos: pos, Op: token.NOT, X: &ast.ParenExpr{Lparen: pos, X: fs.Cond, Rparen: pos}},
			Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{&ast.BranchStmt{TokPos: pos, Tok: token.BREAK}}, Rbrace: pos}})
	}
	loop := &ast.ForStmt{
		For:  pos,
		Init: define(pos, []ast.Expr{first}, &ast.Ident{NamePos: pos, Name: "true"}),
		Post: &ast.AssignStmt{Lhs: []ast.Expr{ident(first, pos)}, TokPos: pos, Tok: token.ASSIGN, Rhs: []ast.Expr{&ast.Ident{NamePos: pos, Name: "false"}}},
		Body: prepend(fs.Body, head...),
	}
	var stmt ast.Stmt = loop
	if label != nil {
		stmt = &ast.LabeledStmt{Label: label, Colon: pos, Stmt: loop}
	}
	return &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{
		init,
		define(pos, ptrs, addrs...),
		stmt,
	}, Rbrace: fs.Body.Rbrace}
}

// loopIdents returns the non-blank identifiers among exprs.
func (r *rewriter) loopIdents(exprs []ast.Expr) []*ast.Ident {
	var ids []*ast.Ident
	for _, e := range exprs {
		if id, ok := e.(*ast.Ident); ok && id.Name != "_" {
			ids = append(ids, id)
		}
	}
	return ids
}

// refersTo reports whether use names the variable declared by def. With
// type information for def it compares objects; without, names.
func (r *rewriter) refersTo(use, def *ast.Ident) bool {
	if use.Name != def.Name {
		return false
	}
	d, u := r.info.Defs[def], r.info.Uses[use]
	if d != nil {
		// Identifiers the rewrites made have no object; they never name
		// the user's loop variable inside a closure.
		return d == u
	}
	if u != nil {
		if _, ok := u.(*types.Var); !ok {
			return false
		}
	}
	return true
}

// copyCaptured returns body with `v := v` first for every loop variable v
// that a function literal in body refers to.
func (r *rewriter) copyCaptured(body *ast.BlockStmt, vars []*ast.Ident) *ast.BlockStmt {
	var captured []*ast.Ident
	for _, v := range vars {
		if r.capturedIn(body, v) {
			captured = append(captured, v)
		}
	}
	if len(captured) == 0 {
		return body
	}
	pos := body.Lbrace
	var lhs, rhs []ast.Expr
	for _, v := range captured {
		lhs = append(lhs, ident(v, v.Pos()))
		rhs = append(rhs, ident(v, v.Pos()))
	}
	return prepend(body, define(pos, lhs, rhs...))
}

// capturedIn reports whether a function literal inside n refers to v.
func (r *rewriter) capturedIn(n ast.Node, v *ast.Ident) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if found {
			return false
		}
		fl, ok := n.(*ast.FuncLit)
		if !ok {
			return true
		}
		found = r.uses(fl, v)
		return false
	})
	return found
}

// uses reports whether n refers to the variable v, ignoring selectors
// (x.v) and composite-literal keys ({v: 1}).
func (r *rewriter) uses(n ast.Node, v *ast.Ident) bool {
	found := false
	skip := make(map[*ast.Ident]bool)
	ast.Inspect(n, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.SelectorExpr:
			skip[n.Sel] = true
		case *ast.KeyValueExpr:
			if id, ok := n.Key.(*ast.Ident); ok && r.info.Uses[id] == nil {
				skip[id] = true
			}
		case *ast.Ident:
			if !skip[n] && r.refersTo(n, v) {
				found = true
			}
		}
		return true
	})
	return found
}

// assigns reports whether body assigns to one of vars outside function
// literals.
func assigns(body *ast.BlockStmt, vars []*ast.Ident) bool {
	names := make(map[string]bool)
	for _, v := range vars {
		names[v.Name] = true
	}
	hit := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && names[id.Name]
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE {
				for _, l := range n.Lhs {
					found = found || hit(l)
				}
			}
		case *ast.IncDecStmt:
			found = found || hit(n.X)
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				found = found || hit(n.X) // &i may be written through
			}
		}
		return !found
	})
	return found
}
