// Package engine runs notebook cells in the yaegi Go interpreter.
//
// An Engine owns one interpreter. Execute takes a cell as the user wrote it
// (imports, declarations, statements and a trailing expression in any
// order, or a whole package main program), splits it into pieces yaegi can
// evaluate, rewrites them to yaegi-safe Go (package rewrite), evaluates them
// in order and returns the cell's result or error as an ipc.Result. Errors
// name the cell and line as the user wrote them.
//
// Notebook semantics are kept on top of yaegi: variables declared at the top
// level of a cell live on in later cells; re-running a cell that redefines a
// function, method, type or constant rebuilds the interpreter from the
// declarations of earlier cells, so that earlier callers see the new
// definition; an interrupt (cancelling Execute's context) stops the cell
// and leaves the interpreter usable; a cell blocked with every goroutine
// asleep ends with a deadlock error instead of hanging.
//
// Main is the entry point of the worker process that the kernel's
// supervisor starts: it speaks the protocol of package ipc (see
// kernel/README.md).
package engine

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"io"
	"os"
	"reflect"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/chanlab/chanlab/kernel/engine/rewrite"
	"github.com/chanlab/chanlab/kernel/engine/rt"
	"github.com/chanlab/chanlab/kernel/ipc"
	"github.com/chanlab/chanlab/snippets/display"
	"github.com/traefik/yaegi/interp"
)

// Options configure an Engine.
type Options struct {
	// Stdout and Stderr receive what interpreted code prints with fmt.Print*,
	// print, println and log. Code that writes to os.Stdout directly, and
	// compiled helpers, print to the process's real standard output: in the
	// worker both are the same pipe. Nil means io.Discard.
	Stdout, Stderr io.Writer
	// Symbols are the compiled packages cells can import, in the form
	// interp.Interpreter.Use takes. Nil means ChanLab's own tables
	// (package symbols).
	Symbols []interp.Exports
	// Sources are interpreted package main sources evaluated once in every
	// interpreter after the rewrite Prelude (for example generic helpers).
	Sources []string
	// OnPanic is called, on the panicking goroutine, when a goroutine
	// started by a cell panics. cell is the cell that started it; r has
	// Status "error", EName, EValue and Traceback. The engine lives on.
	OnPanic func(cell int, r ipc.Result)
	// DeadlockAfter is how long every goroutine of a running cell must stay
	// blocked before the cell ends with a deadlock error. Zero means 3
	// seconds; a negative value turns detection off.
	DeadlockAfter time.Duration
}

// Engine runs cells in one yaegi interpreter (rebuilt when a cell
// redefines something). Execute and Replay may be called from one
// goroutine at a time; Execute's context may be cancelled from any.
type Engine struct {
	opts Options
	mu   sync.Mutex // held while a cell runs

	in      *interp.Interpreter
	stop    func() // stops every goroutine of in
	sess    *rewrite.Session
	fset    *token.FileSet
	imports map[importKey]bool // made in in
	order   []importKey        // imports in the order they were made
	defs    map[string]*defn   // latest definition of each name
	ndefs   int

	// resultMu guards result, which the _clhook.Out hook sets.
	resultMu sync.Mutex
	result   *ipc.Result

	trace *panicTrace

	blockMu sync.Mutex
	block   chan struct{} // see stopper
	// timers is set once a cell mentions a timer, which makes the deadlock
	// detector more patient (a select may be waiting for one).
	timers bool
	// retyped lists variables a cell declared again with a new type.
	retyped []string
	// goBase is rt.Running after the last interrupt (see Execute).
	goBase int64
	// ran are the cells that ran (or started to), in order: the rebuild
	// note tells from their statements which variables may have changed.
	ran []ranCell
	// broken are functions and types whose declaration failed to
	// compile, with the cell: yaegi keeps a broken symbol for them.
	broken map[string]int
}

// ranCell is a cell that ran.
type ranCell struct {
	code  string
	count int
}

// defn is one declaration made at package level by a cell.
type defn struct {
	keys  []string
	src   string   // normalised source, to compare redefinitions
	orig  ast.Decl // a copy made before rewriting
	cell  int
	order int
	isVar bool
	decl  ast.Decl
}

// New returns an Engine with a fresh interpreter.
func New(opts Options) (*Engine, error) {
	if opts.Stdout == nil {
		opts.Stdout = io.Discard
	}
	if opts.Stderr == nil {
		opts.Stderr = io.Discard
	}
	if opts.DeadlockAfter == 0 {
		opts.DeadlockAfter = 3 * time.Second
	}
	e := &Engine{opts: opts, trace: &panicTrace{}, goBase: rt.Running()}
	if err := e.reset(); err != nil {
		return nil, err
	}
	rt.SetPanicHandler(e.goroutinePanic)
	return e, nil
}

// reset replaces the interpreter by a fresh one with the symbols and
// preludes, and forgets every import and definition.
func (e *Engine) reset() error {
	if e.stop != nil {
		e.stop()
	}
	in, err := newInterp(e.opts, interp.Options{
		Stdout: e.opts.Stdout,
		Stderr: &panicFilter{w: e.opts.Stderr, t: e.trace},
		Env:    os.Environ(),
	})
	if err != nil {
		return err
	}
	if err := in.Use(rt.Symbols); err != nil {
		return fmt.Errorf("engine: load runtime symbols: %w", err)
	}
	if err := in.Use(e.hookSymbols()); err != nil {
		return fmt.Errorf("engine: load hook symbols: %w", err)
	}
	srcs := append([]string{rewrite.Prelude, enginePrelude}, e.opts.Sources...)
	for _, src := range srcs {
		if _, err := in.Eval(src); err != nil {
			return fmt.Errorf("engine: evaluate prelude: %w", err)
		}
	}
	e.in = in
	e.stop = e.stopper(in)
	e.sess = new(rewrite.Session)
	if e.fset == nil {
		// Kept across rebuilds: saved declarations carry its positions.
		e.fset = token.NewFileSet()
	}
	e.imports = make(map[importKey]bool)
	e.order = nil
	e.defs = make(map[string]*defn)
	return nil
}

// runFunc is the name of the function a unit of statements becomes (plus
// the unit's index). It must not start a name the rewrite Prelude declares:
// "_clRun" did, and a cell's second unit replaced the Prelude's _clRun1,
// the helper of range-over-func loops.
const runFunc = "_clCell"

// hookPath is the import path of the compiled hooks generated code calls.
const hookPath = "chanlab.internal/hook"

// enginePrelude imports the hooks into every interpreter.
const enginePrelude = `package main

import _clhook "` + hookPath + `"

var _ = _clhook.Out
` + deferPrelude

// hookSymbols returns the compiled hooks of this engine: Out receives the
// value of a cell's trailing expression, Block blocks until its channel
// is closed (see stopper).
func (e *Engine) hookSymbols() interp.Exports {
	out := reflect.ValueOf(func(v ...any) { e.setResult(v) })
	return interp.Exports{
		hookPath + "/hook": {
			"Out":   out,
			"Block": reflect.ValueOf(e.blockHook),
			"Print": reflect.ValueOf(func(v ...any) { runtimePrint(e.opts.Stderr, false, v) }),
			"Println": reflect.ValueOf(func(v ...any) {
				runtimePrint(e.opts.Stderr, true, v)
			}),
		},
		".": {"MapTypes": reflect.ValueOf(map[reflect.Value][]reflect.Type{
			out: {rendererType, stringerType, errorType},
		})},
	}
}

// stopper returns a function that stops every goroutine running
// interpreted code of in. yaegi does that when the context of a running
// EvalWithContext is cancelled, so the function runs one that blocks in the
// Block hook, cancels it, and releases the hook once yaegi has stopped.
func (e *Engine) stopper(in *interp.Interpreter) func() {
	return func() {
		ctx, cancel := context.WithCancel(context.Background())
		c := make(chan struct{})
		e.blockMu.Lock()
		e.block = c
		e.blockMu.Unlock()
		returned := make(chan struct{})
		go func() {
			defer close(returned)
			in.EvalWithContext(ctx, "_clhook.Block()")
		}()
		cancel()
		<-returned
		close(c)
		// Goroutines blocked in rt.Select or rt.Sleep stop too.
		rt.Cancel()
	}
}

// blockHook is the Block hook: it waits until the channel of the running
// stopper is closed.
func (e *Engine) blockHook() {
	e.blockMu.Lock()
	c := e.block
	e.blockMu.Unlock()
	if c != nil {
		<-c
	}
}

// Execute runs one cell. count is its execution count, used in positions
// ("cell [count], line 3"). Cancelling ctx interrupts the cell: it stops
// with status "error" and ename "Interrupted", and the engine stays
// usable. The result holds the trailing expression's value (Data) or the
// error, and Notes for the user.
func (e *Engine) Execute(ctx context.Context, code string, count int) ipc.Result {
	e.mu.Lock()
	defer e.mu.Unlock()
	rt.SetCell(count)
	if mentionsTimer(code) {
		e.timers = true
	}

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	// On cancel, count the goroutines still running, then stop those
	// blocked in the runtime (rt.Select, rt.Sleep).
	var atCancel int64
	cancelled := make(chan struct{})
	stopRT := context.AfterFunc(ctx, func() {
		atCancel = rt.Running()
		rt.Cancel()
		close(cancelled)
	})
	defer stopRT()
	if e.opts.DeadlockAfter > 0 {
		w := newWatchdog(e.opts.DeadlockAfter, e.timers)
		go w.run(ctx, func() { cancel(errDeadlock) })
	}

	var notes []string
	res := e.run(ctx, code, count, &notes)
	if res.Status == "" {
		res.Status = "ok"
	}
	if ctx.Err() != nil {
		<-cancelled
		// yaegi stops goroutines without running their deferred calls,
		// so rt.Running keeps counting them: count from a new baseline.
		if n := atCancel - e.goBase; n > 0 {
			notes = append(notes, fmt.Sprintf("Also stopped %d goroutine(s) started by this or earlier cells.", n))
		}
		e.goBase = rt.Running()
	}
	res.Notes = append(res.Notes, notes...)
	return res
}

// run is Execute without the bookkeeping.
func (e *Engine) run(ctx context.Context, code string, count int, notes *[]string) (res ipc.Result) {
	pc, err := parseCell(e.fset, code, count)
	if err != nil {
		return e.errorResult(ctx, err)
	}
	e.ran = append(e.ran, ranCell{code: code, count: count})
	// The cell's imports first: a rebuild declares its definitions.
	for _, s := range pc.imports {
		if err := e.importOnce(ctx, keyOf(s)); err != nil {
			return e.errorResult(ctx, err)
		}
	}
	if err := e.missingImport(pc); err != nil {
		return e.errorResult(ctx, err)
	}
	if err := e.usesBroken(pc); err != nil {
		return e.errorResult(ctx, err)
	}
	if e.redefines(pc) {
		note, err := e.rebuild(ctx, pc)
		if err != nil {
			return e.errorResult(ctx, err)
		}
		*notes = append(*notes, note)
	}
	e.setResultValue(nil)
	units := e.plan(pc)
	if err := e.prepare(ctx, pc, units); err != nil {
		return e.errorResult(ctx, err)
	}
	if pc.defers {
		defer func() {
			if err := e.runCellDefers(ctx); err != nil && res.Status != "error" {
				res = e.errorResult(ctx, err)
			}
		}()
	}
	for _, u := range units {
		if err := e.runUnit(ctx, pc, u); err != nil {
			return e.errorResult(ctx, e.clearerError(pc, err))
		}
		if len(e.retyped) > 0 {
			// Functions compiled earlier still use the old variables.
			reason := strings.Join(e.retyped, ", ") + " changed type"
			e.retyped = nil
			note, err := e.rebuildWith(ctx, reason, nil, count, len(e.ran))
			if err != nil {
				return e.errorResult(ctx, err)
			}
			*notes = append(*notes, note)
		}
	}
	if r := e.takeResult(); r != nil {
		return *r
	}
	return ipc.Result{Status: "ok"}
}

// importOnce imports k unless it was imported already.
func (e *Engine) importOnce(ctx context.Context, k importKey) error {
	if e.imports[k] {
		return nil
	}
	if _, err := e.in.EvalWithContext(ctx, k.source()); err != nil {
		return fmt.Errorf("import %q: %w", k.path, err)
	}
	e.imports[k] = true
	e.order = append(e.order, k)
	return nil
}

// unit is a piece of a cell evaluated by one Eval: a run of type, const
// and func declarations (one file), a run of var declarations (evaluated
// as statements: see runDecls), or a run of statements put into a
// generated function that is then called.
type unit struct {
	decls []ast.Decl
	vars  bool // decls are var declarations
	stmts []ast.Stmt
	// trailing is set if stmts ends with the cell's trailing expression.
	trailing bool

	// Set by prepare:
	fn      *ast.FuncDecl // the generated function of stmts
	srcs    []string      // declSource of decls, before rewriting
	origs   []ast.Decl    // copies of decls, before rewriting
	rebinds []rebind      // existing variables declared under temporary names
	// typed are var specs declared with their type and then assigned
	// (see vartypes.go): the type of each name.
	typed map[*ast.ValueSpec][]string
}

// rebind is a variable declared again, first under a temporary name.
type rebind struct{ name, tmp string }

// prepare builds the generated functions of the units, renames variables
// declared again, and rewrites all units of the cell with one
// rewrite.Session.Apply (type-checking is most of a cell's cost).
func (e *Engine) prepare(ctx context.Context, pc *parsedCell, units []unit) error {
	kind, ct := e.renderKind(pc)
	if kind != "" && kind != "error" {
		imp := displayImport
		if kind == "Stringer" {
			imp = fmtImport
		}
		if err := e.importOnce(ctx, imp); err != nil {
			kind = ""
		}
	}
	typed := e.typedVars(pc, units, ct)
	var all []ast.Decl
	for i := range units {
		u := &units[i]
		if u.stmts == nil {
			u.typed = typed
			for _, d := range u.decls {
				u.origs = append(u.origs, cloneDecl(d))
				u.srcs = append(u.srcs, declSource(e.fset, d))
			}
			if u.vars {
				u.rebinds = e.renameExisting(u.decls)
			}
			all = append(all, u.decls...)
			continue
		}
		if i < len(units)-1 && liftDefers(u.stmts) {
			pc.defers = true
		}
		body := u.stmts
		if u.trailing {
			last := body[len(body)-1].(*ast.ExprStmt)
			body = body[: len(body)-1 : len(body)-1]
			arg := last.X
			if kind != "" {
				// var _clShown _cldisplay.Renderer = x: see renderKind.
				r := &ast.Ident{NamePos: last.Pos(), Name: "_clShown"}
				var typ ast.Expr = &ast.SelectorExpr{X: ast.NewIdent(displayImport.name), Sel: ast.NewIdent(kind)}
				switch kind {
				case "Stringer":
					typ = &ast.SelectorExpr{X: ast.NewIdent(fmtImport.name), Sel: ast.NewIdent(kind)}
				case "error":
					typ = ast.NewIdent("error")
				}
				body = append(body, &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: last.Pos(), Tok: token.VAR, Specs: []ast.Spec{&ast.ValueSpec{
					Names:  []*ast.Ident{r},
					Type:   typ,
					Values: []ast.Expr{last.X},
				}}}})
				arg = &ast.Ident{NamePos: last.Pos(), Name: r.Name}
			}
			args := []ast.Expr{arg}
			if l, ok := arg.(*ast.CallExpr); ok && isIdent(l.Fun, listFunc) {
				args = l.Args // v, ok: see trailingList
			}
			body = append(body, &ast.ExprStmt{X: &ast.CallExpr{
				Fun:    &ast.SelectorExpr{X: &ast.Ident{NamePos: last.Pos(), Name: "_clhook"}, Sel: ast.NewIdent("Out")},
				Lparen: last.Pos(),
				Args:   args,
				Rparen: last.End(),
			}})
		}
		// The same few names in every cell: the rewrite session then
		// remembers a few declarations, not some per cell, and yaegi
		// replaces them.
		u.fn = &ast.FuncDecl{
			Name: ast.NewIdent(fmt.Sprintf("%s%d", runFunc, i)),
			Type: &ast.FuncType{Params: &ast.FieldList{}},
			Body: &ast.BlockStmt{List: body},
		}
		all = append(all, u.fn)
	}
	if len(all) == 0 {
		return nil
	}
	_, err := e.rewriteFile(ctx, all)
	return err
}

// renameExisting gives the variables of decls that exist already
// temporary names (see runDecls) and returns the renames.
func (e *Engine) renameExisting(decls []ast.Decl) []rebind {
	var rebinds []rebind
	for _, d := range decls {
		for _, s := range d.(*ast.GenDecl).Specs {
			for _, n := range s.(*ast.ValueSpec).Names {
				if old := e.defs[n.Name]; old != nil && old.isVar {
					e.ndefs++
					tmp := fmt.Sprintf("_clv%d", e.ndefs)
					rebinds = append(rebinds, rebind{n.Name, tmp})
					n.Name = tmp
				}
			}
		}
	}
	return rebinds
}

// plan groups a cell's items into units. Type, const and func declarations
// that don't mention a variable of the cell come first (they may be used
// anywhere in the cell, as in a Go file); the other items follow in order,
// except that a declaration using a variable of the cell waits until the
// variable is declared.
func (e *Engine) plan(pc *parsedCell) []unit {
	cellVars := map[string]bool{}
	for _, it := range pc.items {
		if it.decl != nil && isVarDecl(it.decl) {
			for _, k := range declKeys(it.decl) {
				cellVars[k] = true
			}
		}
	}
	var first unit
	var rest []item
	for _, it := range pc.items {
		if it.decl != nil && !isVarDecl(it.decl) {
			if e.unchanged(it.decl) {
				continue
			}
			if !usesAny(it.decl, cellVars) {
				first.decls = append(first.decls, it.decl)
				continue
			}
		}
		rest = append(rest, it)
	}
	// Order: a declaration that uses variables of the cell goes after the
	// last of them.
	declared := map[string]bool{}
	var ordered []item
	var pending []item
	ready := func(it item) bool {
		for name := range freeNames(it.decl) {
			if cellVars[name] && !declared[name] {
				return false
			}
		}
		return true
	}
	for _, it := range rest {
		if it.decl != nil && !isVarDecl(it.decl) && !ready(it) {
			pending = append(pending, it)
			continue
		}
		ordered = append(ordered, it)
		if it.decl != nil && isVarDecl(it.decl) {
			for _, k := range declKeys(it.decl) {
				declared[k] = true
			}
			var still []item
			for _, p := range pending {
				if ready(p) {
					ordered = append(ordered, p)
				} else {
					still = append(still, p)
				}
			}
			pending = still
		}
	}
	ordered = append(ordered, pending...)

	var units []unit
	if len(first.decls) > 0 {
		units = append(units, first)
	}
	for _, it := range ordered {
		last := len(units) - 1
		switch {
		case it.decl != nil:
			v := isVarDecl(it.decl)
			if last < 0 || units[last].stmts != nil || units[last].vars != v {
				units = append(units, unit{vars: v})
				last++
			}
			units[last].decls = append(units[last].decls, it.decl)
		default:
			if last < 0 || units[last].decls != nil {
				units = append(units, unit{})
				last++
			}
			units[last].stmts = append(units[last].stmts, it.stmt)
		}
	}
	if pc.trailing != nil && len(units) > 0 {
		units[len(units)-1].trailing = units[len(units)-1].stmts != nil
	}
	return units
}

// unchanged reports whether every name d declares is already defined by an
// identical declaration, so evaluating d again would change nothing.
func (e *Engine) unchanged(d ast.Decl) bool {
	keys := declKeys(d)
	if len(keys) == 0 {
		return false
	}
	src := declSource(e.fset, d)
	for _, k := range keys {
		if old := e.defs[k]; old == nil || old.src != src {
			return false
		}
	}
	return true
}

// redefines reports whether the cell declares a function, method, type or
// constant that is defined already with different source: yaegi keeps old
// definitions in earlier callers, so the interpreter must be rebuilt.
func (e *Engine) redefines(pc *parsedCell) bool {
	for _, it := range pc.items {
		if it.decl == nil || isVarDecl(it.decl) {
			continue
		}
		src := declSource(e.fset, it.decl)
		for _, k := range declKeys(it.decl) {
			if old := e.defs[k]; old != nil && !old.isVar && old.src != src {
				return true
			}
		}
	}
	return false
}

// runUnit rewrites, evaluates and (for statements) runs one unit.
func (e *Engine) runUnit(ctx context.Context, pc *parsedCell, u unit) error {
	if u.stmts == nil {
		return e.runDecls(ctx, pc.count, u)
	}
	f := &ast.File{Name: ast.NewIdent("main"), Decls: []ast.Decl{u.fn}}
	src, err := printNode(e.fset, f, true)
	if err != nil {
		return err
	}
	if _, err := e.in.EvalWithContext(ctx, src); err != nil {
		if !u.trailing || ctx.Err() != nil {
			return err
		}
		// The trailing expression has no value (a call of a function
		// without results): run it as a plain statement.
		if !unwrapOut(u.fn.Body) {
			return err
		}
		src, perr := printNode(e.fset, f, true)
		if perr != nil {
			return perr
		}
		if _, err2 := e.in.EvalWithContext(ctx, src); err2 != nil {
			return err2
		}
	}
	e.trace.reset()
	_, err = e.in.EvalWithContext(ctx, u.fn.Name.Name+"()")
	return err
}

// unwrapOut replaces the last _clhook.Out(x) statement in body by x. It
// reports whether it found one.
func unwrapOut(body *ast.BlockStmt) bool {
	for i := len(body.List) - 1; i >= 0; i-- {
		es, ok := body.List[i].(*ast.ExprStmt)
		if !ok {
			continue
		}
		c, ok := es.X.(*ast.CallExpr)
		if !ok || len(c.Args) != 1 {
			continue
		}
		if sel, ok := c.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Out" {
			if id, ok := sel.X.(*ast.Ident); ok && id.Name == "_clhook" {
				body.List[i] = &ast.ExprStmt{X: c.Args[0]}
				return true
			}
		}
	}
	return false
}

// rewriteFile builds a package main file of decls, rewrites it with the
// session (which sees every import made so far), makes the imports the
// rewrite added and returns the file without import declarations.
func (e *Engine) rewriteFile(ctx context.Context, decls []ast.Decl) (*ast.File, error) {
	imp := &ast.GenDecl{Tok: token.IMPORT, Lparen: 1}
	for _, k := range e.order {
		imp.Specs = append(imp.Specs, k.spec())
	}
	f := &ast.File{Name: ast.NewIdent("main"), Decls: append([]ast.Decl{imp}, decls...)}
	if err := e.sess.Apply(e.fset, f); err != nil {
		return nil, fmt.Errorf("rewrite: %w", err)
	}
	var out []ast.Decl
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			for _, s := range g.Specs {
				if err := e.importOnce(ctx, keyOf(s.(*ast.ImportSpec))); err != nil {
					return nil, err
				}
			}
			continue
		}
		out = append(out, d)
	}
	f.Decls = out
	f.Imports = nil
	return f, nil
}

// runDecls evaluates a run of declarations. Variables that exist already
// get the new value in place when its type is the same, so functions
// defined earlier see it (yaegi binds them to the old variable otherwise).
func (e *Engine) runDecls(ctx context.Context, count int, u unit) error {
	decls, vars, rebinds := u.decls, u.vars, u.rebinds
	f := &ast.File{Name: ast.NewIdent("main"), Decls: decls}
	src, err := printNode(e.fset, f, true)
	if err != nil {
		return err
	}
	if vars {
		// yaegi fails a package-level var whose initialiser reads a
		// variable declared by an earlier Eval ("variable definition
		// loop"), but its REPL declares variables from statements just
		// as well: evaluate the declarations as statements.
		var b strings.Builder
		b.WriteString(";")
		for _, d := range f.Decls {
			ds, err := e.printVarDecl(d.(*ast.GenDecl), u.typed)
			if err != nil {
				return err
			}
			b.WriteString("\n")
			b.WriteString(ds)
		}
		src = b.String()
	}
	e.trace.reset()
	if _, err := e.in.EvalWithContext(ctx, src); err != nil {
		if !vars && ctx.Err() == nil {
			if e.broken == nil {
				e.broken = map[string]int{}
			}
			for _, d := range decls {
				for _, k := range declKeys(d) {
					if !strings.Contains(k, ".") {
						e.broken[k] = count
					}
				}
			}
		}
		return err
	}
	if len(rebinds) > 0 {
		g := e.in.Globals()
		for _, r := range rebinds {
			nv, ov := g[r.tmp], g[r.name]
			if nv.IsValid() && ov.IsValid() && nv.Type() == ov.Type() && ov.CanSet() {
				ov.Set(nv)
				nv.SetZero()
				continue
			}
			// A new type: declare the variable again. yaegi refuses
			// `var x = tmp` here ("variable definition loop") but
			// takes the REPL form.
			if _, err := e.in.EvalWithContext(ctx, fmt.Sprintf("%s := %s", r.name, r.tmp)); err != nil {
				return err
			}
			if nv.CanSet() {
				nv.SetZero()
			}
			e.retyped = append(e.retyped, r.name)
		}
		for _, r := range rebinds {
			renameIdent(decls, r.tmp, r.name)
		}
	}
	for i, d := range decls {
		e.define(count, d, u.srcs[i], u.origs[i])
	}
	return nil
}

// printVarDecl prints a var declaration for runDecls. A spec in typed is
// printed as a declaration with its type followed by an assignment:
// `var a T1; var b T2; a, b = x, y`.
func (e *Engine) printVarDecl(d *ast.GenDecl, typed map[*ast.ValueSpec][]string) (string, error) {
	split := false
	for _, s := range d.Specs {
		if typed[s.(*ast.ValueSpec)] != nil {
			split = true
		}
	}
	if !split {
		return printNode(e.fset, d, true)
	}
	var b strings.Builder
	for _, s := range d.Specs {
		vs := s.(*ast.ValueSpec)
		ts := typed[vs]
		if ts == nil || len(vs.Values) == 0 {
			one := &ast.GenDecl{TokPos: vs.Pos(), Tok: token.VAR, Specs: []ast.Spec{vs}}
			src, err := printNode(e.fset, one, true)
			if err != nil {
				return "", err
			}
			b.WriteString(src + "\n")
			continue
		}
		lhs := make([]ast.Expr, len(vs.Names))
		for i, n := range vs.Names {
			if n.Name != "_" {
				fmt.Fprintf(&b, "var %s %s\n", n.Name, ts[i])
			}
			lhs[i] = n
		}
		src, err := printNode(e.fset, &ast.AssignStmt{Lhs: lhs, TokPos: vs.Names[len(vs.Names)-1].End(), Tok: token.ASSIGN, Rhs: vs.Values}, true)
		if err != nil {
			return "", err
		}
		b.WriteString(src + "\n")
	}
	return b.String(), nil
}

// renameIdent renames identifiers from to to in decls.
func renameIdent(decls []ast.Decl, from, to string) {
	for _, d := range decls {
		ast.Inspect(d, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && id.Name == from {
				id.Name = to
			}
			return true
		})
	}
}

// define records that cell count made declaration d.
func (e *Engine) define(count int, d ast.Decl, src string, orig ast.Decl) {
	e.ndefs++
	df := &defn{keys: declKeys(d), src: src, orig: orig, cell: count, order: e.ndefs, isVar: isVarDecl(d), decl: d}
	for _, k := range df.keys {
		e.defs[k] = df
		delete(e.broken, k)
	}
}

// setResult is the Out hook: it records the value(s) of the trailing
// expression as the cell's result.
func (e *Engine) setResult(v []any) {
	r := &ipc.Result{Status: "ok", Data: formatResult(v)}
	if len(v) == 1 {
		// Charts want their PNG shown at its logical size.
		r.Metadata = display.MetadataOf(v[0])
	}
	e.setResultValue(r)
}

func (e *Engine) setResultValue(r *ipc.Result) {
	e.resultMu.Lock()
	defer e.resultMu.Unlock()
	e.result = r
}

func (e *Engine) takeResult() *ipc.Result {
	e.resultMu.Lock()
	defer e.resultMu.Unlock()
	r := e.result
	e.result = nil
	return r
}

// goroutinePanic is the rt panic handler: it reports a panic in a goroutine
// started by a cell through Options.OnPanic.
func (e *Engine) goroutinePanic(p rt.Panic) {
	r := panicResult(p.Value, e.trace.take(), fmt.Sprintf("goroutine started at %s", mapText(p.Where)))
	if e.opts.OnPanic != nil {
		e.opts.OnPanic(p.Cell, r)
		return
	}
	fmt.Fprintln(e.opts.Stderr, strings.Join(r.Traceback, "\n"))
}

// StopBackground stops every goroutine that cells started and that still
// runs interpreted code while no cell runs (a ticker printing forever), as
// an interrupt does while a cell runs, and returns how many it stopped.
// The interpreter stays usable.
func (e *Engine) StopBackground() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	n := rt.Running() - e.goBase
	e.stop()
	// yaegi stops goroutines without running their deferred calls, so
	// rt.Running keeps counting them: count from a new baseline.
	e.goBase = rt.Running()
	return int(max(n, 0))
}

// Close stops the goroutines of the interpreter. The Engine must not be
// used afterwards.
func (e *Engine) Close() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.stop != nil {
		e.stop()
		e.stop = nil
	}
	rt.SetPanicHandler(nil)
}

// sortedKeys returns the keys of m in order.
func sortedKeys(m map[string]bool) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

var errDeadlock = errors.New("all goroutines are asleep - deadlock!")
