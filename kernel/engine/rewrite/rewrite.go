// Package rewrite turns a parsed notebook cell into Go that the yaegi
// interpreter (v0.16.0) runs with the semantics of Go 1.26.
//
// yaegi lags the language: it has no range over integers or functions, no
// min, max or clear builtins, no new(expr), and it keeps the pre-Go 1.22
// rule that a loop variable is shared by every iteration. Apply lowers each
// of these to older Go that yaegi handles, using a small set of interpreted
// helpers that must be declared once per interpreter (see Prelude).
//
// Some rewrites need types (is the operand of range an int, a func or a
// slice?). Apply type-checks the file with go/types, tolerating errors:
// packages other than a few stubbed standard ones, and names declared in
// earlier cells, have unknown types. A Session remembers the declarations
// of earlier cells so that later cells see their types. Where a type stays
// unknown, Apply leaves the statement as written.
package rewrite

import (
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
)

// Apply rewrites f in place so that yaegi runs it with Go 1.26 semantics.
// Positions of rewritten nodes are kept where possible; new nodes take the
// position of the node they replace. The helpers named in Prelude must have
// been declared in the interpreter before the result runs. Apply returns an
// error for constructs it can't lower (such as goto out of the body of a
// range-over-func loop); f may then be partly rewritten.
func Apply(fset *token.FileSet, f *ast.File) error {
	return new(Session).Apply(fset, f)
}

// rewriter holds the state of one Apply call.
type rewriter struct {
	fset *token.FileSet
	file *ast.File
	info *types.Info
	n    int
	errs []error

	imports map[string]string // import path → name, this cell and earlier ones
	ranges  map[*ast.RangeStmt]rangeInfo

	factories     map[*ast.FuncLit][]*types.Var // closures to build by factories
	deferCaptures map[*ast.FuncLit][]*types.Var // deferred closures: variables to pass as arguments
}

// fresh returns a new identifier, unique within the file, at pos.
func (r *rewriter) fresh(base string, pos token.Pos) *ast.Ident {
	r.n++
	return &ast.Ident{NamePos: pos, Name: fmt.Sprintf("_cl%s%d", base, r.n)}
}

func (r *rewriter) errorf(pos token.Pos, format string, args ...any) {
	r.errs = append(r.errs, fmt.Errorf("%s: %s", r.fset.Position(pos), fmt.Sprintf(format, args...)))
}

// run applies every pass to r.file. The order matters: range statements
// are classified on the original tree, before expression rewrites replace
// nodes that carry type information; loop variables are copied last, so
// that loops produced by earlier passes are covered too.
func (r *rewriter) run() error {
	r.classifyRanges()
	r.findLoopClosures()
	r.rewriteExprs()
	r.rewriteIterTypes()
	r.bindTypeSwitches()
	r.redirectSleep()
	r.guardGo()
	r.fixDefers()
	r.lowerSelects()
	r.lowerRanges()
	r.buildFactories()
	r.copyLoopVars()
	return errors.Join(r.errs...)
}

// importName returns the name under which the cell can use the package
// with the given import path, or "".
func (r *rewriter) importName(path string) string {
	return r.imports[path]
}

// helper returns an identifier for the Prelude helper name at pos.
func helper(name string, pos token.Pos) *ast.Ident {
	return &ast.Ident{NamePos: pos, Name: name}
}

// call builds fun(args...) at pos.
func call(fun ast.Expr, pos token.Pos, args ...ast.Expr) *ast.CallExpr {
	return &ast.CallExpr{Fun: fun, Lparen: pos, Args: args, Rparen: pos}
}

// define builds lhs := rhs.
func define(pos token.Pos, lhs []ast.Expr, rhs ...ast.Expr) *ast.AssignStmt {
	return &ast.AssignStmt{Lhs: lhs, TokPos: pos, Tok: token.DEFINE, Rhs: rhs}
}

// ident makes a copy of id at pos, so one name can appear in several places.
func ident(id *ast.Ident, pos token.Pos) *ast.Ident {
	return &ast.Ident{NamePos: pos, Name: id.Name}
}

// isBlank reports whether e is nil or the blank identifier.
func isBlank(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return e == nil || ok && id.Name == "_"
}
