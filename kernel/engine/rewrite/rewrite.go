// Package rewrite turns a parsed notebook cell into Go that the yaegi
// interpreter (v0.16.0) runs with the semantics of Go 1.26.
//
// # Interface
//
// A Session (zero value ready) rewrites the cells of one interpreter in
// order: (*Session).Apply(fset, f) rewrites f, a package main file holding
// the cell's imports and declarations (the engine wraps the cell's
// statements in a function of its choosing), in place, and remembers its
// declarations so that later cells see their types. Rewritten code keeps
// the positions of the user's nodes; new nodes take the position of what
// they replace, so printing with go/printer's SourcePos mode maps yaegi's
// error positions back to the cell. Before the first cell, the interpreter
// must Use stdlib symbols and rt.Symbols, then Eval Prelude, which declares
// the _cl helpers and imports package rt as _clrt (yaegi keeps imports in
// the package scope, so cells use _clrt without importing it). The engine
// drives package rt: rt.SetCell(n) before a cell, rt.SetPanicHandler for
// goroutine panics, and rt.Cancel() together with cancelling the context
// of EvalWithContext on interrupt.
//
// # Rewrites
//
// Each lives in its own file with its own table-driven test (source in,
// source out) and a test that runs the output in yaegi and compares with
// what `go run` prints for the original:
//
//   - ranges.go: range over an integer (any integer type) becomes a
//     counting loop; range over a slice or array of channels, which yaegi
//     can't run, an index loop.
//   - rangefunc.go: range over func(yield func(K, V) bool) becomes a call
//     of a Prelude helper with the body as a function literal; break,
//     continue, return from the enclosing function, labelled break and
//     continue to outer loops and defer keep their meaning.
//   - itertypes.go: iter.Seq and iter.Seq2 become their function types.
//   - builtins.go, newexpr.go, shims.go: min, max, clear, new(expr) and the
//     generic functions of maps, slices and cmp that cells use most become
//     Prelude generics, with the type arguments go/types inferred written
//     out (yaegi fails to infer them from untyped constants).
//   - loopvars.go, factory.go, defers.go: Go 1.22 per-iteration loop
//     variables. Closures in go statements get an `i := i` copy; closures
//     handed on as values (wg.Go, errgroup.Go, a pool's Submit) are built by
//     a factory, because yaegi's closures called from compiled code read the
//     loop's single slot; deferred calls get their arguments (and the loop
//     variables a deferred literal captures) evaluated into temporaries,
//     because yaegi evaluates them when the deferred call runs.
//   - selects.go: every select becomes rt.Select (reflect.Select), with
//     channels and send values evaluated once in source order, so that
//     goroutines running the same select statement don't share a case list
//     and interrupts stop blocked selects and select {}.
//   - gostmt.go: every go statement recovers its goroutine's panic and
//     reports it through rt (cell and file:line of the go statement).
//   - sleep.go: time.Sleep becomes rt.Sleep, which an interrupt ends.
//   - typeswitch.go: `switch v.(type)` gets a binding, without which yaegi
//     never matches a case naming an interpreted type.
//   - params.go: unnamed parameters of functions become _, which yaegi
//     otherwise gives no frame slot (compiled code calling such a literal
//     overwrote a local variable).
//   - returns.go: `return f()` of several values becomes temporaries and a
//     return of them, where yaegi loses values converted to other result
//     types (an error returned through (any, error) became nil).
//   - genericstd.go: atomic.Pointer[T] and errors.AsType[E], generic and
//     so missing from the symbol tables, become Prelude versions; so does
//     errors.As with a pointer to an interpreted error type, which the
//     compiled errors.As rejects.
//   - exprs.go, shims.go: calls of the cell's generic functions and of the
//     generic functions of the interpreted slices, maps and cmp get the
//     type arguments go/types inferred written out (yaegi fails to infer
//     from receive-only channels, several type parameters, variadics).
//   - genericalias.go: instances of generic type aliases (Go 1.24) become
//     the types they stand for; the alias declarations are dropped.
//   - methodexpr.go: method expressions (*T).M and T.M become function
//     literals calling the method, which yaegi calls wrongly.
//   - multiassign.go: a parallel assignment of nil (p, err = nil, e), which
//     yaegi fails on, becomes single assignments.
//   - fmtargs.go: an argument of a fmt or log print call (not Errorf)
//     whose type the cells declare, or a pointer to one, with an Error or
//     String method that fmt would call, becomes _clFmtE((x)) or
//     _clFmtS((x)): the method runs in the interpreter and fmt gets an
//     rt.Text with its result. yaegi hides Error methods and the methods
//     of pointers from compiled fmt, which printed the fields.
//
// Some rewrites need types. Apply type-checks the file with go/types,
// tolerating errors: imported packages come from Session.Importer (by
// default symbols.Importer, which converts the reflect types of the
// symbol tables the interpreter runs, one package on first use: about
// 1 ms for fmt, sync, time, context, errgroup and pools together, 3 ms for
// net/http); the generic packages yaegi runs from source (iter, cmp, maps,
// slices) from stubs (stubs.go) completed by the extension files of
// package symbols; names from earlier cells from the Session. Where a type
// stays unknown, the statement is left as written.
//
// # What still differs from Go
//
// Measured with yaegi v0.16.0; none of it is fixed by a rewrite:
//
//   - yaegi represents an interpreted named type by its underlying type
//     once it is stored in an interface (any, error). Types with the same
//     underlying type can't be told apart there: a type switch or assertion
//     takes the first of them (struct{} types Cat and Dog are both Cat;
//     x.(B) succeeds on an A{1} when A and B have the same fields; a named
//     string type matches any string), any(A{1}) == any(B{1}) is true, and
//     %T and %v print the underlying struct type.
//   - A value of an interpreted type with an Error or String method
//     stored in an interface by a variable declaration or assignment (var
//     err error = E{}, x := any(S{})) loses its methods in the interpreter
//     too (err.Error() panics: "reflect: Method index out of range"), so
//     fmt prints its fields; one returned as error or fmt.Stringer by a
//     function keeps them. Slices, maps and struct fields of such types,
//     and verbs other than %v %s %q %x %X (%d of a Stringer int prints the
//     wrapper yaegi passes), print as yaegi passes them.
//   - A bound type switch on an error value holding an interpreted pointer
//     type misses its case (the comma-ok assertion err.(*MyErr) works).
//     errors.As with a target of an interpreted value type still panics
//     ("errors: *target must be interface or implement error"), and
//     errors.AsType finds no interpreted value type behind a compiled
//     wrapper (fmt.Errorf("%w")): yaegi's wrapper keeps a one-field struct
//     as its field alone. errors.Is never calls an interpreted Is method.
//   - Closures handed to compiled code are built by factories only when
//     the loop-scoped variables they capture are never assigned after
//     their declaration (directly, through a field of a struct value, or
//     by a pointer method such as wg.Add); otherwise compiled code calling
//     them sees the last iteration's value.
//   - recover does not work in a call deferred inside a range-over-func
//     body; goto out of such a body is refused with an error.
//   - A goroutine's own deferred calls (wg.Done) run before rt reports its
//     panic, so the report can arrive after wg.Wait returned.
//   - After an interrupt yaegi skips the interpreted deferred calls of the
//     goroutines it stops.
//   - Runtime panic messages come from reflect ("reflect: slice index out
//     of range"), and yaegi prints a "line:col: panic: main.f(...)" line to
//     Stderr for each interpreted frame a panic passes through.
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

	aliases []*ast.TypeSpec // generic alias declarations removed from the file
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
	r.wrapPrintArgs()
	r.nameParams()
	r.splitReturns()
	r.lowerMethodExprs()
	r.replaceGenericStd()
	r.expandGenericAliases()
	r.rewriteExprs()
	r.rewriteIterTypes()
	r.bindTypeSwitches()
	r.splitNilAssigns()
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
