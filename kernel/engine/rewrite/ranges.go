package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
)

// rangeKind says how a range statement is lowered.
type rangeKind int

const (
	rangeOther     rangeKind = iota // left to yaegi (slices, maps, strings, channels)
	rangeInt                        // range over an integer: a counting loop
	rangeFunc0                      // range over func(yield func() bool)
	rangeFunc1                      // range over func(yield func(K) bool)
	rangeFunc2                      // range over func(yield func(K, V) bool)
	rangeChanSlice                  // range over a slice or array of channels: an index loop
)

// rangeInfo is what classifyRanges learnt about one range statement.
type rangeInfo struct {
	kind rangeKind
	typ  types.Type // the type of the range expression, if known
}

// classifyRanges records the kind of every range statement of the file,
// while the type information still matches the tree.
func (r *rewriter) classifyRanges() {
	r.ranges = make(map[*ast.RangeStmt]rangeInfo)
	ast.Inspect(r.file, func(n ast.Node) bool {
		if rs, ok := n.(*ast.RangeStmt); ok {
			r.ranges[rs] = r.classify(rs)
		}
		return true
	})
}

func (r *rewriter) classify(rs *ast.RangeStmt) rangeInfo {
	t := r.typeOf(rs.X)
	if t == nil {
		if lit, ok := ast.Unparen(rs.X).(*ast.BasicLit); ok && lit.Kind == token.INT {
			return rangeInfo{kind: rangeInt}
		}
		return rangeInfo{}
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		if u.Info()&types.IsInteger != 0 {
			return rangeInfo{kind: rangeInt, typ: t}
		}
	case *types.Signature:
		if k, ok := iterArity(u); ok {
			return rangeInfo{kind: rangeFunc0 + rangeKind(k), typ: t}
		}
	case *types.Slice:
		if isChan(u.Elem()) {
			return rangeInfo{kind: rangeChanSlice, typ: t}
		}
	case *types.Array:
		if isChan(u.Elem()) {
			return rangeInfo{kind: rangeChanSlice, typ: t}
		}
	case *types.Pointer:
		if a, ok := u.Elem().Underlying().(*types.Array); ok && isChan(a.Elem()) {
			return rangeInfo{kind: rangeChanSlice, typ: t}
		}
	}
	return rangeInfo{}
}

// iterArity returns the number of values a range-over-func iterator of
// signature sig yields, and whether sig is such an iterator.
func iterArity(sig *types.Signature) (int, bool) {
	if sig.Params().Len() != 1 || sig.Results().Len() != 0 {
		return 0, false
	}
	y, ok := sig.Params().At(0).Type().Underlying().(*types.Signature)
	if !ok || y.Params().Len() > 2 || y.Results().Len() != 1 {
		return 0, false
	}
	if b, ok := y.Results().At(0).Type().Underlying().(*types.Basic); !ok || b.Kind() != types.Bool {
		return 0, false
	}
	return y.Params().Len(), true
}

func isChan(t types.Type) bool {
	_, ok := t.Underlying().(*types.Chan)
	return ok
}

// lowerRanges lowers the range statements classified as integer, iterator
// or channel-slice loops. It works bottom-up, so a loop nested in the body
// of another is lowered first, and the control flow it leaves behind
// (return, labelled break and continue) is lowered again by the outer loop.
func (r *rewriter) lowerRanges() {
	var funcs []*ast.FuncType // enclosing functions, innermost last
	astutil.Apply(r.file, func(c *astutil.Cursor) bool {
		switch n := c.Node().(type) {
		case *ast.FuncDecl:
			funcs = append(funcs, n.Type)
		case *ast.FuncLit:
			funcs = append(funcs, n.Type)
		}
		return true
	}, func(c *astutil.Cursor) bool {
		var label *ast.Ident
		var rs *ast.RangeStmt
		switch n := c.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			funcs = funcs[:len(funcs)-1]
			return true
		case *ast.RangeStmt:
			if _, ok := c.Parent().(*ast.LabeledStmt); ok {
				return true // lowered with its label
			}
			rs = n
		case *ast.LabeledStmt:
			s, ok := n.Stmt.(*ast.RangeStmt)
			if !ok {
				return true
			}
			label, rs = n.Label, s
		default:
			return true
		}
		info := r.ranges[rs]
		var fs *ast.ForStmt
		switch info.kind {
		case rangeInt:
			fs = r.lowerRangeInt(rs, info)
		case rangeChanSlice:
			fs = r.lowerRangeIndex(rs)
		case rangeFunc0, rangeFunc1, rangeFunc2:
			var fn *ast.FuncType
			if len(funcs) > 0 {
				fn = funcs[len(funcs)-1]
			}
			if s := r.lowerRangeFunc(rs, info, label, fn); s != nil {
				c.Replace(s)
			}
		}
		if fs != nil {
			if l, ok := c.Node().(*ast.LabeledStmt); ok {
				l.Stmt = fs
			} else {
				c.Replace(fs)
			}
		}
		return true
	})
}

// lowerRangeInt turns `for i := range n { body }` into
//
//	for _clI, _clN := T(0), n; _clI < _clN; _clI++ { i := _clI; body }
//
// in place (so a label on the loop still applies). n is evaluated once and
// i is a new variable in each iteration, as in Go 1.22.
func (r *rewriter) lowerRangeInt(rs *ast.RangeStmt, info rangeInfo) *ast.ForStmt {
	pos := rs.For
	i, n := r.fresh("I", pos), r.fresh("N", pos)
	var zero ast.Expr = &ast.BasicLit{ValuePos: pos, Kind: token.INT, Value: "0"}
	var limit = rs.X
	if name := r.typeName(info.typ); name != "" && name != "int" {
		zero = call(&ast.Ident{NamePos: pos, Name: name}, pos, zero)
		if _, conv := ast.Unparen(rs.X).(*ast.CallExpr); !conv && r.isConst(rs.X) {
			limit = call(&ast.Ident{NamePos: pos, Name: name}, pos, rs.X)
		}
	}
	init := define(pos, []ast.Expr{i, n}, zero, limit)
	cond := &ast.BinaryExpr{X: ident(i, pos), OpPos: pos, Op: token.LSS, Y: ident(n, pos)}
	post := &ast.IncDecStmt{X: ident(i, pos), TokPos: pos, Tok: token.INC}
	var head []ast.Stmt
	if !isBlank(rs.Key) {
		head = append(head, &ast.AssignStmt{Lhs: []ast.Expr{rs.Key}, TokPos: rs.TokPos, Tok: rs.Tok, Rhs: []ast.Expr{ident(i, pos)}})
	}
	return &ast.ForStmt{For: pos, Init: init, Cond: cond, Post: post, Body: prepend(rs.Body, head...)}
}

// lowerRangeIndex turns a range over a slice or array of channels, which
// yaegi v0.16.0 can't run, into an index loop:
//
//	for _clI, _clS := 0, s; _clI < len(_clS); _clI++ { k, v := _clI, _clS[_clI]; body }
func (r *rewriter) lowerRangeIndex(rs *ast.RangeStmt) *ast.ForStmt {
	pos := rs.For
	i, s := r.fresh("I", pos), r.fresh("S", pos)
	init := define(pos, []ast.Expr{i, s}, &ast.BasicLit{ValuePos: pos, Kind: token.INT, Value: "0"}, rs.X)
	cond := &ast.BinaryExpr{X: ident(i, pos), OpPos: pos, Op: token.LSS, Y: call(&ast.Ident{NamePos: pos, Name: "len"}, pos, ident(s, pos))}
	post := &ast.IncDecStmt{X: ident(i, pos), TokPos: pos, Tok: token.INC}
	var lhs, rhs []ast.Expr
	if !isBlank(rs.Key) || !isBlank(rs.Value) {
		k := rs.Key
		if k == nil {
			k = &ast.Ident{NamePos: pos, Name: "_"}
		}
		lhs, rhs = append(lhs, k), append(rhs, ident(i, pos))
	}
	if !isBlank(rs.Value) {
		lhs = append(lhs, rs.Value)
		rhs = append(rhs, &ast.IndexExpr{X: ident(s, pos), Lbrack: pos, Index: ident(i, pos), Rbrack: pos})
	}
	var head []ast.Stmt
	if len(lhs) > 0 {
		head = append(head, &ast.AssignStmt{Lhs: lhs, TokPos: rs.TokPos, Tok: rs.Tok, Rhs: rhs})
	}
	return &ast.ForStmt{For: pos, Init: init, Cond: cond, Post: post, Body: prepend(rs.Body, head...)}
}

// typeName returns how t is written in the cell, or "" if it is unknown or
// can't be written there.
func (r *rewriter) typeName(t types.Type) string {
	if t == nil {
		return ""
	}
	if b, ok := t.(*types.Basic); ok {
		if b.Info()&types.IsUntyped != 0 || b.Kind() == types.Invalid {
			return ""
		}
		return b.Name()
	}
	ok := true
	s := types.TypeString(t, func(p *types.Package) string {
		if p.Path() == "main" {
			return ""
		}
		name := r.importName(p.Path())
		if name == "" {
			ok = false
		}
		return name
	})
	if !ok || strings.Contains(s, "invalid type") {
		return ""
	}
	return s
}

// prepend returns body with stmts inserted at its start.
func prepend(body *ast.BlockStmt, stmts ...ast.Stmt) *ast.BlockStmt {
	if len(stmts) == 0 {
		return body
	}
	list := make([]ast.Stmt, 0, len(stmts)+len(body.List))
	list = append(append(list, stmts...), body.List...)
	return &ast.BlockStmt{Lbrace: body.Lbrace, List: list, Rbrace: body.Rbrace}
}
