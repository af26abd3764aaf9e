package rewrite

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// minMax lowers min(a, b, c) to _clMin(_clMin(a, b), c), and max likewise.
// A call whose operands are all constant is a constant in Go, so it is
// replaced by its value, which also keeps it valid in constant
// declarations.
func (r *rewriter) minMax(ce *ast.CallExpr) ast.Expr {
	if len(ce.Args) == 0 || ce.Ellipsis.IsValid() {
		return nil // not valid Go; let yaegi report it
	}
	if lit := r.constLit(ce); lit != nil {
		return lit
	}
	if len(ce.Args) == 1 {
		return &ast.ParenExpr{Lparen: ce.Pos(), X: ce.Args[0], Rparen: ce.End() - 1}
	}
	name := "_clMin"
	if ce.Fun.(*ast.Ident).Name == "max" {
		name = "_clMax"
	}
	acc := ce.Args[0]
	for _, a := range ce.Args[1:] {
		acc = call(r.instantiateTypes(helper(name, ce.Fun.Pos()), r.typeOf(ce)), ce.Lparen, acc, a)
	}
	return acc
}

// constLit returns e's constant value as an expression, or nil if e is not
// a constant of a basic type.
func (r *rewriter) constLit(e ast.Expr) ast.Expr {
	tv, ok := r.info.Types[e]
	if !ok || tv.Value == nil {
		return nil
	}
	b, ok := tv.Type.(*types.Basic)
	if !ok {
		return nil
	}
	pos := e.Pos()
	var lit *ast.BasicLit
	switch v := tv.Value; v.Kind() {
	case constant.Int:
		lit = &ast.BasicLit{ValuePos: pos, Kind: token.INT, Value: v.ExactString()}
	case constant.Float:
		f, _ := constant.Float64Val(v)
		s := strconv.FormatFloat(f, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eEnN") {
			s += ".0"
		}
		lit = &ast.BasicLit{ValuePos: pos, Kind: token.FLOAT, Value: s}
	case constant.String:
		lit = &ast.BasicLit{ValuePos: pos, Kind: token.STRING, Value: strconv.Quote(constant.StringVal(v))}
	default:
		return nil
	}
	var out ast.Expr = lit
	if lit.Kind == token.INT && strings.HasPrefix(lit.Value, "-") || lit.Kind == token.FLOAT && strings.HasPrefix(lit.Value, "-") {
		out = &ast.ParenExpr{Lparen: pos, X: lit, Rparen: pos}
	}
	if b.Info()&types.IsUntyped == 0 {
		// A typed constant keeps its type: T(value).
		out = call(&ast.Ident{NamePos: pos, Name: b.Name()}, pos, lit)
	}
	return out
}

// clear lowers the builtin clear(x) to _clClear(x), which clears a map or
// zeroes a slice through reflection.
func (r *rewriter) clear(ce *ast.CallExpr) ast.Expr {
	if len(ce.Args) != 1 {
		return nil
	}
	return call(helper("_clClear", ce.Fun.Pos()), ce.Lparen, ce.Args[0])
}
