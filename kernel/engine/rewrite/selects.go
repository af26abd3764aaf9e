package rewrite

import (
	"go/ast"
	"go/token"
	"strconv"

	"golang.org/x/tools/go/ast/astutil"
)

// rtName is the name under which Prelude imports package rt. yaegi keeps
// imports in the package scope, so every later cell can use it.
const rtName = "_clrt"

// lowerSelects turns every select statement into a call of rt.Select.
// yaegi v0.16.0 keeps one case list per select statement, shared by every
// goroutine running it, so workers selecting on their own channels hang or
// receive another worker's value; and a send case with a nested value
// expression sends the wrong value. The lowering evaluates channels and
// send values once, in source order, as Go does, and gives each execution
// its own cases:
//
//	select {
//	case v, ok := <-in:
//		A
//	case out <- f(x):
//		B
//	default:
//		C
//	}
//
// becomes
//
//	{
//		_clC1 := in
//		_clC2 := out
//		_clB2 := _clC2
//		_clrt.Buffer(&_clB2) // a channel of out's element type, buffer 1
//		_clB2 <- f(x)        // the value, converted as the send would
//		switch _clI, _clV, _clOK := _clrt.Select(true, _clrt.Recv(_clC1), _clrt.Send(_clC2, _clB2)); _clI {
//		case 0:
//			_clrt.Deliver(&_clC1, _clV, _clOK) // _clC1 now holds what was received
//			v, ok := <-_clC1
//			A
//		case 1:
//			B
//		default:
//			C
//		}
//	}
//
// A label on the select moves to the switch, so break L still works.
// rt.Select also stops the goroutine (runtime.Goexit) when the engine calls
// rt.Cancel, which makes interrupts reach blocked selects and `select {}`.
func (r *rewriter) lowerSelects() {
	astutil.Apply(r.file, nil, func(c *astutil.Cursor) bool {
		switch n := c.Node().(type) {
		case *ast.SelectStmt:
			if _, ok := c.Parent().(*ast.LabeledStmt); ok {
				return true
			}
			c.Replace(r.lowerSelect(n, nil))
		case *ast.LabeledStmt:
			if s, ok := n.Stmt.(*ast.SelectStmt); ok {
				c.Replace(r.lowerSelect(s, n))
			}
		}
		return true
	})
}

func (r *rewriter) lowerSelect(s *ast.SelectStmt, label *ast.LabeledStmt) ast.Stmt {
	pos := s.Select
	rtSel := func(name string) ast.Expr {
		return &ast.SelectorExpr{X: &ast.Ident{NamePos: pos, Name: rtName}, Sel: &ast.Ident{NamePos: pos, Name: name}}
	}
	var pre []ast.Stmt
	var cases []ast.Expr
	var clauses []ast.Stmt
	hasDefault := false
	v, ok := r.fresh("V", pos), r.fresh("OK", pos)
	delivers := false
	for _, cs := range s.Body.List {
		cc := cs.(*ast.CommClause)
		if cc.Comm == nil {
			hasDefault = true
			clauses = append(clauses, &ast.CaseClause{Case: cc.Case, Colon: cc.Colon, Body: cc.Body})
			continue
		}
		idx := &ast.BasicLit{ValuePos: cc.Case, Kind: token.INT, Value: strconv.Itoa(len(cases))}
		var body []ast.Stmt
		switch comm := cc.Comm.(type) {
		case *ast.SendStmt:
			ch, buf := r.fresh("C", comm.Pos()), r.fresh("B", comm.Pos())
			pre = append(pre,
				define(comm.Pos(), []ast.Expr{ch}, comm.Chan),
				define(comm.Pos(), []ast.Expr{buf}, ident(ch, comm.Pos())),
				&ast.ExprStmt{X: call(rtSel("Buffer"), comm.Pos(), &ast.UnaryExpr{OpPos: comm.Pos(), Op: token.AND, X: ident(buf, comm.Pos())})},
				&ast.SendStmt{Chan: ident(buf, comm.Pos()), Arrow: comm.Arrow, Value: comm.Value},
			)
			cases = append(cases, call(rtSel("Send"), comm.Pos(), ident(ch, comm.Pos()), ident(buf, comm.Pos())))
		case *ast.ExprStmt: // case <-c:
			recv := recvExpr(comm.X)
			ch := r.fresh("C", comm.Pos())
			pre = append(pre, define(comm.Pos(), []ast.Expr{ch}, recv.X))
			cases = append(cases, call(rtSel("Recv"), comm.Pos(), ident(ch, comm.Pos())))
		case *ast.AssignStmt: // case v, ok := <-c: or case v = <-c:
			recv := recvExpr(comm.Rhs[0])
			p := comm.Pos()
			ch := r.fresh("C", p)
			pre = append(pre, define(p, []ast.Expr{ch}, recv.X))
			cases = append(cases, call(rtSel("Recv"), p, ident(ch, p)))
			delivers = true
			body = append(body,
				&ast.ExprStmt{X: call(rtSel("Deliver"), p, &ast.UnaryExpr{OpPos: p, Op: token.AND, X: ident(ch, p)}, ident(v, p), ident(ok, p))},
				&ast.AssignStmt{Lhs: comm.Lhs, TokPos: comm.TokPos, Tok: comm.Tok,
					Rhs: []ast.Expr{&ast.UnaryExpr{OpPos: recv.OpPos, Op: token.ARROW, X: ident(ch, p)}}},
			)
		}
		clauses = append(clauses, &ast.CaseClause{Case: cc.Case, List: []ast.Expr{idx}, Colon: cc.Colon, Body: append(body, cc.Body...)})
	}
	args := append([]ast.Expr{&ast.Ident{NamePos: pos, Name: strconv.FormatBool(hasDefault)}}, cases...)
	sel := call(rtSel("Select"), pos, args...)
	if len(clauses) == 0 { // select {}
		return &ast.ExprStmt{X: sel}
	}
	idx := r.fresh("I", pos)
	lhs := []ast.Expr{idx, &ast.Ident{NamePos: pos, Name: "_"}, &ast.Ident{NamePos: pos, Name: "_"}}
	if delivers {
		lhs[1], lhs[2] = v, ok
	}
	var sw ast.Stmt = &ast.SwitchStmt{
		Switch: pos,
		Init:   define(pos, lhs, sel),
		Tag:    ident(idx, pos),
		Body:   &ast.BlockStmt{Lbrace: s.Body.Lbrace, List: clauses, Rbrace: s.Body.Rbrace},
	}
	if label != nil {
		label.Stmt = sw
		sw = label
	}
	if len(pre) == 0 {
		return sw
	}
	return &ast.BlockStmt{Lbrace: pos, List: append(pre, sw), Rbrace: s.Body.Rbrace}
}

// recvExpr returns the receive operation <-c of a select case.
func recvExpr(e ast.Expr) *ast.UnaryExpr {
	return ast.Unparen(e).(*ast.UnaryExpr)
}
