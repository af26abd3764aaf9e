package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
)

// Closures over loop variables that are handed on as values (to wg.Go,
// errgroup.Go, a pool's Submit, a slice of funcs) are built by a factory
// that takes the captured loop variables as parameters:
//
//	g.Go(func() error { return work(i) })
//
// becomes
//
//	g.Go(func(i int) func() error { return func() error { return work(i) } }(i))
//
// yaegi v0.16.0 gets the `i := i` copy of copyLoopVars right for go
// statements and for closures the interpreter calls itself, but a closure
// called from compiled code reads the loop's single slot: every call sees
// the last value (FACTS: 39800 instead of 19900). A closure made by a
// factory reads the factory's own frame, which is fresh per call. Deferred
// literals get their captured variables as parameters instead (see
// fixDefers), which keeps recover working in them.
//
// The factory copies the value, so an assignment to the variable after the
// closure is made, in the same iteration, is not seen by the closure (nor
// the reverse). A captured variable whose type can't be written in the
// cell (its package is not imported) is copied inside the factory instead,
// `e := e`, which yaegi also runs correctly:
//
//	wg.Go(func() func() { e := e; return func() { use(e) } }())

// findLoopClosures records, before any rewrite, the function literals to
// be built by factories and the variables each captures: loop variables
// and variables declared inside a loop body, which the program never
// assigns after declaring them (a factory would hide such assignments).
func (r *rewriter) findLoopClosures() {
	loopVars := make(map[types.Object]bool)
	addVar := func(e ast.Expr) {
		if id, ok := e.(*ast.Ident); ok && id.Name != "_" {
			if obj := r.info.Defs[id]; obj != nil {
				loopVars[obj] = true
			}
		}
	}
	addBody := func(b *ast.BlockStmt) {
		ast.Inspect(b, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.Ident:
				if _, ok := r.info.Defs[n].(*types.Var); ok {
					addVar(n)
				}
			}
			return true
		})
	}
	mutated := make(map[types.Object]bool)
	// mutate marks the variable that writing to e changes: x for x, x.f
	// and x[i] when x is a struct or an array, not when the write goes
	// through a pointer, a slice or a map.
	var mutate func(e ast.Expr)
	mutate = func(e ast.Expr) {
		switch e := ast.Unparen(e).(type) {
		case *ast.Ident:
			if obj := r.info.Uses[e]; obj != nil {
				mutated[obj] = true
			}
		case *ast.SelectorExpr:
			if !r.indirect(e.X) {
				mutate(e.X)
			}
		case *ast.IndexExpr:
			if t := r.typeOf(e.X); t != nil {
				if _, ok := t.Underlying().(*types.Array); ok {
					mutate(e.X)
				}
			}
		}
	}
	direct := make(map[*ast.FuncLit]bool)   // called at once, or by a go statement
	deferred := make(map[*ast.FuncLit]bool) // called by a defer statement
	posts := make(map[ast.Stmt]bool)        // a loop's post statement works on the next iteration's copy
	ast.Inspect(r.file, func(n ast.Node) bool {
		if s, ok := n.(ast.Stmt); ok && posts[s] {
			return false
		}
		switch n := n.(type) {
		case *ast.ForStmt:
			if n.Post != nil {
				posts[n.Post] = true
			}
			if as, ok := n.Init.(*ast.AssignStmt); ok && as.Tok == token.DEFINE {
				for _, l := range as.Lhs {
					addVar(l)
				}
			}
			addBody(n.Body)
		case *ast.RangeStmt:
			if n.Tok == token.DEFINE {
				addVar(n.Key)
				addVar(n.Value)
			}
			addBody(n.Body)
		case *ast.DeferStmt:
			if fl, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok {
				deferred[fl] = true
			}
		case *ast.CallExpr:
			if fl, ok := ast.Unparen(n.Fun).(*ast.FuncLit); ok && !deferred[fl] {
				direct[fl] = true
			}
			// x.M() with a pointer receiver takes &x: wg.Add, mu.Lock.
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && r.pointerMethod(sel) && !r.indirect(sel.X) {
				mutate(sel.X)
			}
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				mutate(l)
			}
		case *ast.IncDecStmt:
			mutate(n.X)
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				mutate(n.X)
			}
		}
		return true
	})
	for obj := range mutated {
		delete(loopVars, obj)
	}
	if len(loopVars) == 0 {
		return
	}
	r.factories = make(map[*ast.FuncLit][]*types.Var)
	r.deferCaptures = make(map[*ast.FuncLit][]*types.Var)
	ast.Inspect(r.file, func(n ast.Node) bool {
		fl, ok := n.(*ast.FuncLit)
		if !ok || direct[fl] {
			return true
		}
		var captured []*types.Var
		seen := make(map[types.Object]bool)
		ast.Inspect(fl.Body, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			obj := r.info.Uses[id]
			if !loopVars[obj] || seen[obj] || obj.Pos() >= fl.Pos() && obj.Pos() < fl.End() {
				return true
			}
			seen[obj] = true
			captured = append(captured, obj.(*types.Var))
			return true
		})
		if len(captured) == 0 {
			return true
		}
		if !deferred[fl] {
			r.factories[fl] = captured
			return true
		}
		for _, v := range captured {
			if r.typeName(v.Type()) == "" {
				return true
			}
		}
		r.deferCaptures[fl] = captured
		return true
	})
}

// buildFactories replaces the literals found by findLoopClosures by
// factory calls. It runs bottom-up, so a closure inside another is wrapped
// first and the outer factory then holds it.
func (r *rewriter) buildFactories() {
	if len(r.factories) == 0 {
		return
	}
	astutil.Apply(r.file, nil, func(c *astutil.Cursor) bool {
		fl, ok := c.Node().(*ast.FuncLit)
		if !ok {
			return true
		}
		vars, ok := r.factories[fl]
		if !ok {
			return true
		}
		pos := fl.Pos()
		var params []*ast.Field
		var args, copies []ast.Expr
		for _, v := range vars {
			name := r.typeName(v.Type())
			if name == "" {
				copies = append(copies, &ast.Ident{NamePos: pos, Name: v.Name()})
				continue
			}
			params = append(params, &ast.Field{
				Names: []*ast.Ident{{NamePos: pos, Name: v.Name()}},
				Type:  &ast.Ident{NamePos: pos, Name: name},
			})
			args = append(args, &ast.Ident{NamePos: pos, Name: v.Name()})
		}
		var body []ast.Stmt
		if len(copies) > 0 {
			rhs := make([]ast.Expr, len(copies))
			for i, c := range copies {
				rhs[i] = ident(c.(*ast.Ident), pos)
			}
			body = append(body, define(pos, copies, rhs...))
		}
		body = append(body, &ast.ReturnStmt{Return: pos, Results: []ast.Expr{fl}})
		factory := &ast.FuncLit{
			Type: &ast.FuncType{Func: pos,
				Params:  &ast.FieldList{Opening: pos, List: params, Closing: pos},
				Results: &ast.FieldList{List: []*ast.Field{{Type: fl.Type}}}},
			Body: &ast.BlockStmt{Lbrace: pos, List: body, Rbrace: fl.End() - 1},
		}
		c.Replace(call(factory, fl.End()-1, args...))
		return true
	})
}

// indirect reports whether x is a pointer, so that x.f and x.M() don't
// change the variable x. An unknown type counts as not a pointer.
func (r *rewriter) indirect(x ast.Expr) bool {
	t := r.typeOf(x)
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}

// pointerMethod reports whether sel selects a method with a pointer
// receiver.
func (r *rewriter) pointerMethod(sel *ast.SelectorExpr) bool {
	s, ok := r.info.Selections[sel]
	if !ok || s.Kind() != types.MethodVal {
		return false
	}
	sig, ok := s.Obj().Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return false
	}
	_, ptr := sig.Recv().Type().(*types.Pointer)
	return ptr
}
