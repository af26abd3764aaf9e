package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
)

// lowerRangeFunc turns a range over a function iterator into a call of
// the Prelude's _clRun helpers with the loop body as a function literal:
//
//	for k, v := range seq { body }
//
// becomes
//
//	{
//		_clQ := seq
//		_clK, _clV := _clZero2(_clQ)
//		var _clX int // how the body left the loop
//		_clRun2(_clQ, &_clK, &_clV, func() bool {
//			k, v := _clK, _clV
//			body // continue → return true; break → return false
//			return true
//		})
//		switch _clX { case 1: return …; case 2: break L; … }
//	}
//
// A return inside body stores the results (in the named results of fn,
// or in new variables of fn's result types), sets _clX and stops the
// iterator; the switch after the call then returns from fn. Labelled break
// and continue aimed at loops outside body are carried out the same way.
// fn is the innermost function around rs. It returns nil, after recording
// an error, for what it can't lower.
func (r *rewriter) lowerRangeFunc(rs *ast.RangeStmt, info rangeInfo, label *ast.Ident, fn *ast.FuncType) ast.Stmt {
	pos := rs.For
	arity := int(info.kind - rangeFunc0)
	q := r.fresh("Q", pos)
	x := r.fresh("X", pos)
	var out []ast.Stmt
	out = append(out, define(pos, []ast.Expr{q}, rs.X))

	// Slots for the yielded values and the per-iteration copies.
	var slots []ast.Expr
	var lhs, rhs []ast.Expr
	vars := []ast.Expr{rs.Key, rs.Value}
	for k := 0; k < arity; k++ {
		s := r.fresh([]string{"K", "V"}[k], pos)
		slots = append(slots, s)
		if k < len(vars) && !isBlank(vars[k]) {
			lhs, rhs = append(lhs, vars[k]), append(rhs, ident(s, pos))
		} else if k == 0 && arity == 2 && !isBlank(rs.Value) {
			lhs, rhs = append(lhs, &ast.Ident{NamePos: pos, Name: "_"}), append(rhs, ident(s, pos))
		}
	}
	// The yielded types, spelled out for yaegi when they can be.
	var elems []types.Type
	if sig, ok := info.typ.Underlying().(*types.Signature); ok {
		y := sig.Params().At(0).Type().Underlying().(*types.Signature)
		for k := 0; k < y.Params().Len(); k++ {
			elems = append(elems, y.Params().At(k).Type())
		}
	}
	if arity > 0 {
		zero := r.instantiateTypes(helper("_clZero"+strconv.Itoa(arity), pos), elems...)
		out = append(out, define(pos, slots, call(zero, pos, ident(q, pos))))
	}

	// The body, with its control flow redirected.
	lw := &loopExit{r: r, label: label, exit: x, fn: fn, pos: pos}
	body := lw.block(rs.Body)
	if lw.failed {
		return nil
	}
	var head []ast.Stmt
	if len(lhs) > 0 {
		tok := rs.Tok
		if tok == token.ILLEGAL {
			tok = token.DEFINE
		}
		head = append(head, &ast.AssignStmt{Lhs: lhs, TokPos: rs.TokPos, Tok: tok, Rhs: rhs})
	}
	list := append(head, body.List...)
	list = append(list, &ast.ReturnStmt{Return: body.Rbrace, Results: []ast.Expr{&ast.Ident{NamePos: body.Rbrace, Name: "true"}}})
	bodyFn := &ast.FuncLit{
		Type: &ast.FuncType{Func: pos, Params: &ast.FieldList{Opening: pos, Closing: pos},
			Results: &ast.FieldList{List: []*ast.Field{{Type: &ast.Ident{NamePos: pos, Name: "bool"}}}}},
		Body: &ast.BlockStmt{Lbrace: body.Lbrace, List: list, Rbrace: body.Rbrace},
	}

	if len(lw.exits) > 0 || lw.returns {
		out = append(out, &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: pos, Tok: token.VAR, Specs: []ast.Spec{
			&ast.ValueSpec{Names: []*ast.Ident{x}, Type: &ast.Ident{NamePos: pos, Name: "int"}},
		}}})
	}
	out = append(out, lw.decls...)
	if lw.defers != nil {
		// _clDs := new([]func()); defer _clRunDefers(_clDs)
		out = append(out,
			define(pos, []ast.Expr{lw.defers}, call(&ast.Ident{NamePos: pos, Name: "new"}, pos,
				&ast.ArrayType{Lbrack: pos, Elt: &ast.FuncType{Func: pos, Params: &ast.FieldList{Opening: pos, Closing: pos}}})),
			&ast.DeferStmt{Defer: pos, Call: call(helper("_clRunDefers", pos), pos, ident(lw.defers, pos))},
		)
	}
	args := []ast.Expr{ident(q, pos)}
	for _, s := range slots {
		args = append(args, &ast.UnaryExpr{OpPos: pos, Op: token.AND, X: ident(s.(*ast.Ident), pos)})
	}
	args = append(args, bodyFn)
	run := r.instantiateTypes(helper("_clRun"+strconv.Itoa(arity), pos), elems...)
	out = append(out, &ast.ExprStmt{X: call(run, pos, args...)})
	if sw := lw.dispatch(); sw != nil {
		out = append(out, sw)
	}
	return &ast.BlockStmt{Lbrace: pos, List: out, Rbrace: rs.Body.Rbrace}
}

// loopExit rewrites the control flow of a range-over-func body that is
// moving into a function literal.
type loopExit struct {
	r     *rewriter
	label *ast.Ident    // the loop's own label, or nil
	exit  *ast.Ident    // the variable saying how the body left
	fn    *ast.FuncType // the function a return leaves
	pos   token.Pos

	returns bool       // some return leaves fn
	results []ast.Expr // variables holding fn's results (unnamed results)
	decls   []ast.Stmt // their declarations
	exits   []ast.Stmt // branch statements to replay after the loop: exit code len(exits)+1 ...
	codes   map[string]int
	defers  *ast.Ident // the list deferred calls of the body go to, or nil
	failed  bool
}

// deferStmt turns a defer statement of the body, which must run when the
// enclosing function returns and not when the body does, into an append to
// a list of deferred calls that the enclosing function runs (in reverse)
// through a defer statement placed before the loop. fixDefers has already
// evaluated the arguments into temporaries, which the appended closure
// captures; the body's frame is new in each iteration, so each closure
// keeps its own. recover does not work in such a deferred call.
func (lw *loopExit) deferStmt(s *ast.DeferStmt) []ast.Stmt {
	pos := s.Defer
	if lw.defers == nil {
		lw.defers = lw.r.fresh("Ds", lw.pos)
	}
	var fn ast.Expr
	if fl, ok := ast.Unparen(s.Call.Fun).(*ast.FuncLit); ok && len(s.Call.Args) == 0 {
		fn = fl
	} else {
		fn = &ast.FuncLit{
			Type: &ast.FuncType{Func: pos, Params: &ast.FieldList{Opening: pos, Closing: pos}},
			Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{&ast.ExprStmt{X: s.Call}}, Rbrace: s.Call.Rparen},
		}
	}
	list := &ast.StarExpr{Star: pos, X: ident(lw.defers, pos)}
	app := call(&ast.Ident{NamePos: pos, Name: "append"}, pos, &ast.StarExpr{Star: pos, X: ident(lw.defers, pos)}, fn)
	return []ast.Stmt{&ast.AssignStmt{Lhs: []ast.Expr{list}, TokPos: pos, Tok: token.ASSIGN, Rhs: []ast.Expr{app}}}
}

// block rewrites a copy of b.
func (lw *loopExit) block(b *ast.BlockStmt) *ast.BlockStmt {
	return &ast.BlockStmt{Lbrace: b.Lbrace, List: lw.stmts(b.List, 0, 0, labelsIn(b)), Rbrace: b.Rbrace}
}

// labelsIn returns the labels declared inside n, which branch statements
// inside the body may use freely.
func labelsIn(n ast.Node) map[string]bool {
	m := make(map[string]bool)
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.LabeledStmt:
			m[n.Label.Name] = true
		}
		return true
	})
	return m
}

// stmts rewrites a statement list. loops counts the for and range
// statements between the body and the statements (an unlabelled continue
// aims at them), breaks those plus switch and select statements (an
// unlabelled break aims at them).
func (lw *loopExit) stmts(list []ast.Stmt, loops, breaks int, inner map[string]bool) []ast.Stmt {
	out := make([]ast.Stmt, 0, len(list))
	for _, s := range list {
		out = append(out, lw.stmt(s, loops, breaks, inner)...)
	}
	return out
}

func (lw *loopExit) stmt(s ast.Stmt, loops, breaks int, inner map[string]bool) []ast.Stmt {
	switch s := s.(type) {
	case *ast.ReturnStmt:
		return lw.ret(s)
	case *ast.DeferStmt:
		return lw.deferStmt(s)
	case *ast.BranchStmt:
		return lw.branch(s, loops, breaks, inner)
	case *ast.BlockStmt:
		s.List = lw.stmts(s.List, loops, breaks, inner)
	case *ast.LabeledStmt:
		s.Stmt = lw.one(s.Stmt, loops, breaks, inner)
	case *ast.IfStmt:
		s.Body.List = lw.stmts(s.Body.List, loops, breaks, inner)
		if s.Else != nil {
			s.Else = lw.one(s.Else, loops, breaks, inner)
		}
	case *ast.ForStmt:
		s.Body.List = lw.stmts(s.Body.List, loops+1, breaks+1, inner)
	case *ast.RangeStmt:
		s.Body.List = lw.stmts(s.Body.List, loops+1, breaks+1, inner)
	case *ast.SwitchStmt:
		lw.clauses(s.Body, loops, breaks+1, inner)
	case *ast.TypeSwitchStmt:
		lw.clauses(s.Body, loops, breaks+1, inner)
	case *ast.SelectStmt:
		lw.clauses(s.Body, loops, breaks+1, inner)
	}
	return []ast.Stmt{s}
}

// one rewrites a single statement that must stay a single statement.
func (lw *loopExit) one(s ast.Stmt, loops, breaks int, inner map[string]bool) ast.Stmt {
	out := lw.stmt(s, loops, breaks, inner)
	if len(out) == 1 {
		return out[0]
	}
	return &ast.BlockStmt{Lbrace: s.Pos(), List: out, Rbrace: s.End()}
}

func (lw *loopExit) clauses(b *ast.BlockStmt, loops, breaks int, inner map[string]bool) {
	for _, c := range b.List {
		switch c := c.(type) {
		case *ast.CaseClause:
			c.Body = lw.stmts(c.Body, loops, breaks, inner)
		case *ast.CommClause:
			c.Body = lw.stmts(c.Body, loops, breaks, inner)
		}
	}
}

// ret rewrites a return from the enclosing function.
func (lw *loopExit) ret(s *ast.ReturnStmt) []ast.Stmt {
	pos := s.Return
	if lw.fn == nil {
		lw.r.errorf(pos, "return inside a range-over-func loop outside any function")
		lw.failed = true
		return []ast.Stmt{s}
	}
	if !lw.returns {
		lw.returns = true
		lw.prepareResults()
	}
	var out []ast.Stmt
	if len(s.Results) > 0 {
		lhs := make([]ast.Expr, len(lw.results))
		for i, e := range lw.results {
			lhs[i] = ident(e.(*ast.Ident), pos)
		}
		out = append(out, &ast.AssignStmt{Lhs: lhs, TokPos: pos, Tok: token.ASSIGN, Rhs: s.Results})
	}
	return append(out, lw.leave(pos, 1)...)
}

// prepareResults finds or declares the variables that carry the results of
// a return out of the body.
func (lw *loopExit) prepareResults() {
	if lw.fn.Results == nil {
		return
	}
	for _, f := range lw.fn.Results.List {
		if len(f.Names) > 0 {
			for _, n := range f.Names {
				if n.Name == "_" {
					v := lw.r.fresh("R", lw.pos)
					lw.decls = append(lw.decls, varDecl(lw.pos, v, f.Type))
					lw.results = append(lw.results, v)
					continue
				}
				lw.results = append(lw.results, n)
			}
			continue
		}
		v := lw.r.fresh("R", lw.pos)
		lw.decls = append(lw.decls, varDecl(lw.pos, v, f.Type))
		lw.results = append(lw.results, v)
	}
}

func varDecl(pos token.Pos, name *ast.Ident, typ ast.Expr) ast.Stmt {
	return &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: pos, Tok: token.VAR, Specs: []ast.Spec{
		&ast.ValueSpec{Names: []*ast.Ident{name}, Type: typ},
	}}}
}

// leave returns the statements that end the body with exit code code.
func (lw *loopExit) leave(pos token.Pos, code int) []ast.Stmt {
	set := &ast.AssignStmt{Lhs: []ast.Expr{ident(lw.exit, pos)}, TokPos: pos, Tok: token.ASSIGN,
		Rhs: []ast.Expr{&ast.BasicLit{ValuePos: pos, Kind: token.INT, Value: strconv.Itoa(code)}}}
	return []ast.Stmt{set, boolReturn(pos, false)}
}

func boolReturn(pos token.Pos, v bool) *ast.ReturnStmt {
	return &ast.ReturnStmt{Return: pos, Results: []ast.Expr{&ast.Ident{NamePos: pos, Name: strconv.FormatBool(v)}}}
}

// branch rewrites break, continue and goto.
func (lw *loopExit) branch(s *ast.BranchStmt, loops, breaks int, inner map[string]bool) []ast.Stmt {
	pos := s.TokPos
	if s.Label != nil && inner[s.Label.Name] {
		return []ast.Stmt{s}
	}
	own := s.Label == nil || lw.label != nil && s.Label.Name == lw.label.Name
	switch s.Tok {
	case token.BREAK:
		if s.Label == nil && breaks > 0 {
			return []ast.Stmt{s}
		}
		if own {
			return []ast.Stmt{boolReturn(pos, false)}
		}
	case token.CONTINUE:
		if s.Label == nil && loops > 0 {
			return []ast.Stmt{s}
		}
		if own {
			return []ast.Stmt{boolReturn(pos, true)}
		}
	case token.GOTO:
		lw.r.errorf(pos, "goto %s out of the body of a range-over-func loop is not supported", s.Label.Name)
		lw.failed = true
		return []ast.Stmt{s}
	default: // fallthrough stays inside its switch
		return []ast.Stmt{s}
	}
	// A labelled break or continue aimed at a statement outside the loop.
	key := s.Tok.String() + " " + s.Label.Name
	if lw.codes == nil {
		lw.codes = make(map[string]int)
	}
	code, ok := lw.codes[key]
	if !ok {
		code = len(lw.exits) + 2
		lw.codes[key] = code
		lw.exits = append(lw.exits, &ast.BranchStmt{TokPos: pos, Tok: s.Tok, Label: ident(s.Label, pos)})
	}
	return lw.leave(pos, code)
}

// dispatch returns the statement that replays, after the loop, how the
// body left it, or nil if the body only breaks and continues.
func (lw *loopExit) dispatch() ast.Stmt {
	if !lw.returns && len(lw.exits) == 0 {
		return nil
	}
	pos := lw.pos
	var clauses []ast.Stmt
	lit := func(n int) ast.Expr { return &ast.BasicLit{ValuePos: pos, Kind: token.INT, Value: strconv.Itoa(n)} }
	if lw.returns {
		ret := &ast.ReturnStmt{Return: pos}
		if lw.fn.Results != nil && len(lw.fn.Results.List) > 0 && len(lw.fn.Results.List[0].Names) == 0 || hasBlankResult(lw.fn) {
			for _, e := range lw.results {
				ret.Results = append(ret.Results, ident(e.(*ast.Ident), pos))
			}
		}
		clauses = append(clauses, &ast.CaseClause{Case: pos, List: []ast.Expr{lit(1)}, Colon: pos, Body: []ast.Stmt{ret}})
	}
	for i, b := range lw.exits {
		clauses = append(clauses, &ast.CaseClause{Case: pos, List: []ast.Expr{lit(i + 2)}, Colon: pos, Body: []ast.Stmt{b}})
	}
	return &ast.SwitchStmt{Switch: pos, Tag: ident(lw.exit, pos), Body: &ast.BlockStmt{Lbrace: pos, List: clauses, Rbrace: pos}}
}

// hasBlankResult reports whether fn names a result _, which a bare return
// can't carry: the results are then returned explicitly.
func hasBlankResult(fn *ast.FuncType) bool {
	if fn.Results == nil {
		return false
	}
	for _, f := range fn.Results.List {
		for _, n := range f.Names {
			if n.Name == "_" {
				return true
			}
		}
	}
	return false
}
