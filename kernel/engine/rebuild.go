package engine

import (
	"context"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/chanlab/chanlab/kernel/engine/rewrite"
	"github.com/chanlab/chanlab/kernel/engine/rt"
	"github.com/chanlab/chanlab/kernel/ipc"
	"github.com/traefik/yaegi/interp"
)

// Rebuilding the interpreter.
//
// yaegi cannot redefine in place: callers compiled earlier keep an old
// function, a redefined type or method is ignored. When a cell redefines a
// function, method, type or constant, the engine starts a fresh interpreter
// and declares in it, in one file, the latest version of every declaration
// made so far plus the cell's own. Variables keep their values when their
// type is a compiled one (int, string, []float64, map[string]int,
// *sync.Mutex, ...): the value is handed over through a symbol table.
// Others are declared again from their initialiser when it has no side
// effects (see safeExpr), or with their zero value; the cell's result
// carries one Note naming them. Goroutines of the old interpreter stop.

// carryPrefix starts the import paths of the symbol tables that hand
// values over to a rebuilt interpreter.
const carryPrefix = "chanlab.internal/carry"

// rebuild replaces the interpreter as described above for cell pc, which
// redefines something.
func (e *Engine) rebuild(ctx context.Context, pc *parsedCell) (string, error) {
	var redefined []string
	var cellDecls []ast.Decl
	for _, it := range pc.items {
		if it.decl == nil || isVarDecl(it.decl) {
			continue
		}
		src := declSource(e.fset, it.decl)
		for _, k := range declKeys(it.decl) {
			if old := e.defs[k]; old != nil && old.src != src {
				redefined = append(redefined, k)
			}
		}
		cellDecls = append(cellDecls, it.decl)
	}
	// The cell's statements have not run yet.
	return e.rebuildWith(ctx, "this cell redefines "+strings.Join(dedupe(redefined), ", "), cellDecls, pc.count, len(e.ran)-1)
}

// rebuildWith rebuilds the interpreter from the saved declarations plus
// cellDecls, declarations of cell count that the cell itself will evaluate
// again. reason ends "Rebuilt the interpreter because ...". The first ran
// cells of e.ran are those whose statements may have changed variables.
func (e *Engine) rebuildWith(ctx context.Context, reason string, cellDecls []ast.Decl, count, ran int) (string, error) {
	cellKeys := map[string]bool{}
	for _, d := range cellDecls {
		for _, k := range declKeys(d) {
			cellKeys[k] = true
		}
	}
	olds := e.definitions()
	globals := e.in.Globals()
	imports := e.order
	stopped := rt.Running() - e.goBase

	// Copies of the cell's declarations: the originals run with the cell.
	var extra []*defn
	for _, d := range cellDecls {
		extra = append(extra, &defn{keys: declKeys(d), src: declSource(e.fset, d), orig: cloneDecl(d), cell: count})
	}
	if err := e.reset(); err != nil {
		return "", err
	}
	for _, k := range imports {
		if strings.HasPrefix(k.path, carryPrefix) {
			continue
		}
		if err := e.importOnce(ctx, k); err != nil {
			return "", err
		}
	}
	st := e.restore(ctx, append(olds, extra...), globals, cellKeys)
	// A variable declared again from its initialiser (or as zero) has
	// its old value unless a cell may have changed it.
	parsed := e.ranCells(ran)
	st.reinit = keepChanged(st.reinit, parsed, st)
	st.zeroed = keepChanged(st.zeroed, parsed, st)
	e.goBase = rt.Running()
	note := "Rebuilt the interpreter because " + strings.ReplaceAll(reason, userMain, "main") + st.summary()
	if stopped > 0 {
		note += fmt.Sprintf("; stopped %d goroutine(s) of earlier cells", stopped)
	}
	return note + ".", nil
}

// definitions returns every declaration still in effect, in the order
// they were made.
func (e *Engine) definitions() []*defn {
	seen := map[*defn]bool{}
	var ds []*defn
	for _, d := range e.defs {
		if !seen[d] {
			seen[d] = true
			ds = append(ds, d)
		}
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i].order < ds[j].order })
	return ds
}

// restoreState collects what restore did to variables.
type restoreState struct {
	kept, reinit, zeroed, lost, failed []string
	// cleared are variables declared with their zero value instead of
	// their initialiser's (var t T = load()).
	cleared []string
}

// ranCells parses again the first n cells that ran (all if n is larger),
// for mayChange.
func (e *Engine) ranCells(n int) []*parsedCell {
	var pcs []*parsedCell
	for i, c := range e.ran {
		if i >= n {
			break
		}
		if pc, err := parseCell(e.fset, c.code, c.count); err == nil {
			pcs = append(pcs, pc)
		}
	}
	return pcs
}

func (s *restoreState) summary() string {
	var parts []string
	failed := map[string]bool{}
	for _, f := range s.failed {
		for _, k := range strings.Split(f, ", ") {
			failed[k] = true
		}
	}
	var reset []string
	for _, v := range slices.Concat(s.reinit, s.zeroed, s.cleared) {
		if !failed[v] {
			reset = append(reset, v)
		}
	}
	if len(reset) > 0 {
		sort.Strings(reset)
		parts = append(parts, "variables reset: "+strings.Join(reset, ", "))
	}
	if len(s.lost) > 0 {
		parts = append(parts, "variables not restored (their initialisers have side effects; run their cells again): "+strings.Join(s.lost, ", "))
	}
	if len(s.failed) > 0 {
		parts = append(parts, "declarations that no longer compile: "+strings.Join(s.failed, ", "))
	}
	if len(s.kept) > 0 && len(parts) == 0 {
		parts = append(parts, "variables kept their values")
	}
	if len(parts) == 0 {
		return ""
	}
	return "; " + strings.Join(parts, "; ")
}

// restore declares ds in the (fresh) interpreter: the latest definition of
// each name, skipping names in skip that a later definition in ds covers.
// Variables take their value from globals (the old interpreter's) when it
// can be handed over.
func (e *Engine) restore(ctx context.Context, ds []*defn, globals map[string]reflect.Value, skip map[string]bool) *restoreState {
	st := &restoreState{}
	latest := map[string]*defn{}
	for _, d := range ds {
		for _, k := range d.keys {
			latest[k] = d
		}
	}
	imports := slices.Clone(e.order)
	carry := map[string]reflect.Value{}
	type piece struct {
		d, pristine ast.Decl
		from        *defn
	}
	var pieces []piece
	for _, df := range ds {
		d := e.keepLatest(cloneDecl(df.orig), df, latest, globals, carry, st)
		if d != nil {
			pieces = append(pieces, piece{d, cloneDecl(d), df})
		}
	}
	var carryExports interp.Exports
	var carryKey importKey
	if len(carry) > 0 {
		e.ndefs++
		path := fmt.Sprintf("%s%d", carryPrefix, e.ndefs)
		syms := map[string]reflect.Value{}
		for name, v := range carry {
			syms[name] = v
		}
		carryExports = interp.Exports{path + "/carry": syms}
		carryKey = importKey{name: "_clcarry", path: path}
		err := e.in.Use(carryExports)
		if err == nil {
			err = e.importOnce(ctx, carryKey)
		}
		if err != nil {
			st.failed = append(st.failed, fmt.Sprintf("(handing over values: %v)", err))
		}
	}
	// One file first; if it fails, each declaration alone, until no more
	// succeed.
	decls := make([]ast.Decl, len(pieces))
	srcs := make([]string, len(pieces))
	for i, p := range pieces {
		decls[i] = p.d
		srcs[i] = declSource(e.fset, p.d)
	}
	if err := e.evalDecls(ctx, decls); err == nil {
		for i, p := range pieces {
			e.defineFrom(p.from, p.d, srcs[i])
		}
		return st
	}
	// yaegi keeps what a failed file half declared (a method of a
	// redefined type then returned ""): leave out the declarations
	// go/types rejects (a literal of a struct that lost a field), start a
	// fresh interpreter and try one file again.
	origs := make([]ast.Decl, len(pieces))
	for i, p := range pieces {
		origs[i] = p.from.orig
	}
	if bad := e.rejected(origs); len(bad) > 0 && e.refresh(ctx, imports, carryExports, carryKey) == nil {
		var kept []piece
		for i, p := range pieces {
			if bad[i] {
				st.failed = append(st.failed, strings.Join(declKeys(p.d), ", "))
			} else {
				kept = append(kept, p)
			}
		}
		pieces = kept
		decls, srcs = make([]ast.Decl, len(pieces)), make([]string, len(pieces))
		for i, p := range pieces {
			decls[i] = cloneDecl(p.pristine)
			srcs[i] = declSource(e.fset, p.pristine)
		}
		if err := e.evalDecls(ctx, decls); err == nil {
			for i, p := range pieces {
				e.defineFrom(p.from, decls[i], srcs[i])
			}
			return st
		}
	}
	pending := make([]int, len(pieces))
	for i := range pending {
		pending[i] = i
	}
	for {
		var next []int
		for _, i := range pending {
			d := cloneDecl(pieces[i].pristine)
			if err := e.evalDecls(ctx, []ast.Decl{d}); err != nil {
				next = append(next, i)
				continue
			}
			e.defineFrom(pieces[i].from, d, srcs[i])
		}
		if len(next) == len(pending) || len(next) == 0 {
			for _, i := range next {
				st.failed = append(st.failed, strings.Join(declKeys(pieces[i].d), ", "))
			}
			return st
		}
		pending = next
	}
}

// refresh replaces the interpreter by a fresh one with imports and the
// symbols that hand values over (carry, imported as carryKey, if any).
func (e *Engine) refresh(ctx context.Context, imports []importKey, carry interp.Exports, carryKey importKey) error {
	if err := e.reset(); err != nil {
		return err
	}
	for _, k := range imports {
		if strings.HasPrefix(k.path, carryPrefix) {
			continue
		}
		if err := e.importOnce(ctx, k); err != nil {
			return err
		}
	}
	if carry == nil {
		return nil
	}
	if err := e.in.Use(carry); err != nil {
		return fmt.Errorf("engine: hand values over: %w", err)
	}
	return e.importOnce(ctx, carryKey)
}

// rejected returns the indexes of decls that go/types rejects, taken
// together with the imports made, and of those that fail once the
// rejected ones are left out. Soft errors (unused variables) and
// redeclarations (a var spec whose other name was declared again) don't
// count.
func (e *Engine) rejected(decls []ast.Decl) map[int]bool {
	imp := &ast.GenDecl{Tok: token.IMPORT, Lparen: 1}
	for name, path := range e.cellImports() {
		imp.Specs = append(imp.Specs, importKey{name: name, path: path}.spec())
	}
	bad := map[int]bool{}
	for range 5 {
		f := &ast.File{Name: ast.NewIdent("main"), Decls: []ast.Decl{imp}}
		for i, d := range decls {
			if !bad[i] {
				f.Decls = append(f.Decls, cloneDecl(d))
			}
		}
		var errs []types.Error
		conf := types.Config{
			Importer:                 typesImporter{},
			Error:                    func(err error) { errs = append(errs, err.(types.Error)) },
			DisableUnusedImportCheck: true,
			GoVersion:                "go1.26",
		}
		func() {
			defer func() { recover() }() // go/types must never end the worker
			conf.Check("main", e.fset, []*ast.File{f}, nil)
		}()
		more := false
		for _, te := range errs {
			if te.Soft || strings.Contains(te.Msg, "redeclared") || strings.Contains(te.Msg, "other declaration") {
				continue
			}
			for i, d := range decls {
				if !bad[i] && d.Pos() <= te.Pos && te.Pos < d.End() {
					bad[i], more = true, true
				}
			}
		}
		if !more {
			break
		}
	}
	return bad
}

// evalDecls rewrites and evaluates decls as one file.
func (e *Engine) evalDecls(ctx context.Context, decls []ast.Decl) error {
	f, err := e.rewriteFile(ctx, decls)
	if err != nil {
		return err
	}
	src, err := printNode(e.fset, f, true)
	if err != nil {
		return err
	}
	_, err = e.in.EvalWithContext(ctx, src)
	return err
}

// defineFrom records a restored declaration, keeping its original cell.
func (e *Engine) defineFrom(from *defn, d ast.Decl, src string) {
	e.ndefs++
	df := &defn{keys: declKeys(d), src: src, orig: from.orig, cell: from.cell, order: e.ndefs, isVar: isVarDecl(d), decl: d}
	if !df.isVar {
		df.src = from.src
	}
	for _, k := range df.keys {
		e.defs[k] = df
	}
}

// keepLatest trims d (declared by df) to the names df is the latest
// definition of, and decides how each variable gets its value. It returns
// nil if nothing is left.
func (e *Engine) keepLatest(d ast.Decl, df *defn, latest map[string]*defn, globals map[string]reflect.Value, carry map[string]reflect.Value, st *restoreState) ast.Decl {
	isLatest := func(k string) bool { return latest[k] == df }
	switch d := d.(type) {
	case *ast.FuncDecl:
		if !isLatest(rewrite.FuncKey(d)) {
			return nil
		}
		return d
	case *ast.GenDecl:
		var specs []ast.Spec
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				if isLatest(s.Name.Name) {
					specs = append(specs, s)
				}
			case *ast.ValueSpec:
				if d.Tok == token.CONST {
					if anyLatest(s.Names, isLatest) {
						blankOthers(s.Names, isLatest)
						specs = append(specs, s)
					}
					continue
				}
				specs = append(specs, e.restoreVars(s, isLatest, globals, carry, st)...)
			}
		}
		if len(specs) == 0 {
			return nil
		}
		d.Specs = specs
		if len(specs) > 1 && d.Lparen == token.NoPos {
			d.Lparen = d.TokPos
			d.Rparen = d.TokPos
		}
		return d
	}
	return d
}

func anyLatest(names []*ast.Ident, isLatest func(string) bool) bool {
	for _, n := range names {
		if n.Name != "_" && isLatest(n.Name) {
			return true
		}
	}
	return false
}

func blankOthers(names []*ast.Ident, isLatest func(string) bool) {
	for _, n := range names {
		if !isLatest(n.Name) {
			n.Name = "_"
		}
	}
}

// restoreVars returns the specs that declare the variables of s again.
func (e *Engine) restoreVars(s *ast.ValueSpec, isLatest func(string) bool, globals map[string]reflect.Value, carry map[string]reflect.Value, st *restoreState) []ast.Spec {
	if !anyLatest(s.Names, isLatest) {
		return nil
	}
	// Hand over values of compiled types.
	var rest []*ast.Ident
	var specs []ast.Spec
	for _, n := range s.Names {
		if n.Name == "_" || !isLatest(n.Name) {
			continue
		}
		v, ok := globals[n.Name]
		if ok && transferable(v) && v.CanInterface() {
			// A function returning the value: yaegi's type analysis
			// handles calls of compiled functions, not all symbols
			// that are plain values. Maps, slices and pointers still
			// share their data.
			val := reflect.ValueOf(v.Interface())
			p := reflect.MakeFunc(reflect.FuncOf(nil, []reflect.Type{v.Type()}, false),
				func([]reflect.Value) []reflect.Value { return []reflect.Value{val} })
			sym := fmt.Sprintf("V%d", len(carry)+1)
			carry[sym] = p
			specs = append(specs, &ast.ValueSpec{
				Names:  []*ast.Ident{{NamePos: n.NamePos, Name: n.Name}},
				Values: []ast.Expr{&ast.CallExpr{Fun: &ast.SelectorExpr{X: &ast.Ident{NamePos: n.NamePos, Name: "_clcarry"}, Sel: ast.NewIdent(sym)}}},
			})
			st.kept = append(st.kept, n.Name)
			continue
		}
		rest = append(rest, n)
	}
	if len(rest) == 0 {
		return specs
	}
	restSet := map[string]bool{}
	for _, n := range rest {
		restSet[n.Name] = true
	}
	keep := func(k string) bool { return restSet[k] }
	names := make([]*ast.Ident, len(s.Names))
	for i, n := range s.Names {
		c := *n
		if !keep(n.Name) {
			c.Name = "_"
		}
		names[i] = &c
	}
	ns := &ast.ValueSpec{Names: names, Type: s.Type, Values: s.Values}
	switch {
	case len(s.Values) == 0:
		st.zeroed = append(st.zeroed, idNames(rest)...)
	case safeExprs(s.Values):
		st.reinit = append(st.reinit, idNames(rest)...)
	case s.Type != nil:
		ns.Values = nil
		ns.Names = rest
		st.cleared = append(st.cleared, idNames(rest)...)
	default:
		st.lost = append(st.lost, idNames(rest)...)
		return specs
	}
	return append(specs, ns)
}

func idNames(ids []*ast.Ident) []string {
	var s []string
	for _, id := range ids {
		s = append(s, id.Name)
	}
	return s
}

// transferable reports whether v's type is a compiled one that the new
// interpreter shares: no interpreted struct types, functions or
// interfaces (which could hold interpreted values) inside.
func transferable(v reflect.Value) bool {
	if !v.IsValid() {
		return false
	}
	return compiledType(v.Type(), 0)
}

func compiledType(t reflect.Type, depth int) bool {
	if depth > 8 {
		return false
	}
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128, reflect.String:
		return true
	case reflect.Slice, reflect.Array, reflect.Pointer, reflect.Chan:
		return compiledType(t.Elem(), depth+1)
	case reflect.Map:
		return compiledType(t.Key(), depth+1) && compiledType(t.Elem(), depth+1)
	case reflect.Struct:
		// Named structs of compiled packages (sync.Mutex, time.Time);
		// yaegi's own struct types have no package path.
		return t.PkgPath() != "" && t.Name() != ""
	}
	return false
}

// safeCalls are functions an initialiser may call and still be run again:
// they have no side effects.
var safeCalls = map[string]bool{
	"make": true, "new": true, "len": true, "cap": true, "append": true, "min": true, "max": true,
	"complex": true, "real": true, "imag": true,
	"int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true, "uintptr": true,
	"float32": true, "float64": true, "string": true, "byte": true, "rune": true, "bool": true,
	"errors.New": true, "fmt.Sprint": true, "fmt.Sprintf": true, "fmt.Sprintln": true, "fmt.Errorf": true,
	"strings.Repeat": true, "strings.Split": true, "strings.Fields": true, "strings.ToUpper": true,
	"strings.ToLower": true, "strings.Join": true, "strings.NewReader": true, "strings.NewReplacer": true,
	"strconv.Itoa": true, "strconv.Quote": true, "regexp.MustCompile": true,
	"time.Duration": true, "math.Sqrt": true, "math.Pow": true, "math.Inf": true,
	"context.Background": true, "context.TODO": true,
}

// safeExprs reports whether evaluating es again has no side effects and
// gives the same value: literals, composite literals, conversions, function
// literals and calls of safeCalls only.
func safeExprs(es []ast.Expr) bool {
	for _, x := range es {
		if !safeExpr(x) {
			return false
		}
	}
	return true
}

func safeExpr(x ast.Expr) bool {
	ok := true
	ast.Inspect(x, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // a value; its body does not run
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				ok = false
			}
		case *ast.CallExpr:
			switch f := n.Fun.(type) {
			case *ast.Ident:
				ok = safeCalls[f.Name]
			case *ast.SelectorExpr:
				if p, isID := f.X.(*ast.Ident); isID {
					ok = safeCalls[p.Name+"."+f.Sel.Name]
				} else {
					ok = false
				}
			case *ast.ArrayType, *ast.MapType, *ast.ChanType, *ast.ParenExpr, *ast.StarExpr:
				// A conversion.
			default:
				ok = false
			}
		}
		return ok
	})
	return ok
}

func dedupe(s []string) []string {
	sort.Strings(s)
	var out []string
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// Replay declares again, in a fresh interpreter, the imports, types,
// functions, methods and constants of cells (the sources of the cells that
// ran successfully before the worker was restarted), and their variables
// whose initialisers have no side effects. Statements do not run. The
// result is "ok" with one Note saying what was restored and which
// variables were reset.
func (e *Engine) Replay(cells []string) ipc.Result { return e.replay(cells, nil) }

// replay is Replay; counts, if it has one entry per cell, are the cells'
// execution counts (else cells are numbered from 1).
func (e *Engine) replay(cells []string, counts []int) ipc.Result {
	e.mu.Lock()
	defer e.mu.Unlock()
	ctx := context.Background()
	var ds []*defn
	var failed []string
	var parsed []*parsedCell
	for i, code := range cells {
		count := i + 1
		if len(counts) == len(cells) {
			count = counts[i]
		}
		pc, err := parseCell(e.fset, code, count)
		if err != nil {
			failed = append(failed, fmt.Sprintf("cell [%d]", count))
			continue
		}
		parsed = append(parsed, pc)
		e.ran = append(e.ran, ranCell{code: code, count: count})
		for _, s := range pc.imports {
			if err := e.importOnce(ctx, keyOf(s)); err != nil {
				failed = append(failed, fmt.Sprintf("import %q", keyOf(s).path))
			}
		}
		for _, it := range pc.items {
			if it.decl == nil {
				continue
			}
			ds = append(ds, &defn{keys: declKeys(it.decl), src: declSource(e.fset, it.decl), orig: it.decl, cell: count, isVar: isVarDecl(it.decl)})
		}
	}
	st := e.restore(ctx, ds, nil, nil)
	st.failed = append(failed, st.failed...)
	// A variable declared again from its initialiser (or as zero) has
	// its old value unless a cell may have changed it.
	st.reinit = keepChanged(st.reinit, parsed, st)
	st.zeroed = keepChanged(st.zeroed, parsed, st)
	note := fmt.Sprintf("restored the declarations of %d earlier cell(s) (statements did not run again)", len(cells))
	return ipc.Result{Status: "ok", Notes: []string{note + st.summary() + "."}}
}

// keepChanged returns the names of vars that the cells may have changed
// after declaring them; the others go to st.kept.
func keepChanged(vars []string, cells []*parsedCell, st *restoreState) []string {
	var changed []string
	for _, name := range vars {
		if mayChange(name, cells) {
			changed = append(changed, name)
		} else {
			st.kept = append(st.kept, name)
		}
	}
	return changed
}

// mayChange reports whether code in cells may change the variable name
// after its declaration: an assignment to it (or to an element or field
// of it), ++/--, taking its address, and, unless its latest declaration
// gives it a value of a basic type (a number, string or bool literal, or
// no value with a basic type), a method call on it, a send or receive on
// it, or passing it to a function (which may change what a slice, map or
// pointer refers to; print calls, len, cap and append don't count, nor an
// element x[i] as an argument). Mentions in any function count: it can't tell
// whether the function ran.
func mayChange(name string, cells []*parsedCell) bool {
	basic := false
	var decl *ast.ValueSpec
	for _, pc := range cells {
		for _, it := range pc.items {
			if it.decl == nil || !isVarDecl(it.decl) {
				continue
			}
			for _, s := range it.decl.(*ast.GenDecl).Specs {
				vs := s.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if n.Name != name {
						continue
					}
					decl = vs
					basic = basicValue(vs, i)
				}
			}
		}
	}
	is := func(x ast.Expr) bool { return rootIdent(x) == name }
	changed := false
	for _, pc := range cells {
		for _, it := range pc.items {
			ast.Inspect(it.node(), func(n ast.Node) bool {
				if changed {
					return false
				}
				switch n := n.(type) {
				case *ast.ValueSpec:
					if n == decl {
						// Only its values can mention name.
						for _, v := range n.Values {
							ast.Inspect(v, func(m ast.Node) bool {
								changed = changed || mentionChanges(m, name, basic, is)
								return !changed
							})
						}
						return false
					}
				}
				changed = mentionChanges(n, name, basic, is)
				return !changed
			})
			if changed {
				return true
			}
		}
	}
	return false
}

// mentionChanges reports whether node n may change variable name (see
// mayChange).
func mentionChanges(n ast.Node, name string, basic bool, is func(ast.Expr) bool) bool {
	switch n := n.(type) {
	case *ast.AssignStmt:
		return slices.ContainsFunc(n.Lhs, is)
	case *ast.IncDecStmt:
		return is(n.X)
	case *ast.RangeStmt:
		return n.Tok == token.ASSIGN && (n.Key != nil && is(n.Key) || n.Value != nil && is(n.Value))
	case *ast.UnaryExpr:
		return n.Op == token.AND && is(n.X) || !basic && n.Op == token.ARROW && is(n.X)
	case *ast.SendStmt:
		return !basic && is(n.Chan)
	case *ast.CallExpr:
		if basic {
			return false
		}
		if sel, ok := n.Fun.(*ast.SelectorExpr); ok && is(sel.X) {
			return true
		}
		if id, ok := n.Fun.(*ast.Ident); isPrintCall(n) || ok && readOnly[id.Name] {
			return false
		}
		return slices.ContainsFunc(n.Args, func(a ast.Expr) bool {
			_, elem := a.(*ast.IndexExpr) // an element is passed by value
			return !elem && is(a)
		})
	}
	return false
}

// rootIdent returns the variable an expression such as x, x[i], x.f, *x,
// x[1:] or (x) is rooted in, or "".
func rootIdent(x ast.Expr) string {
	for {
		switch y := x.(type) {
		case *ast.Ident:
			return y.Name
		case *ast.IndexExpr:
			x = y.X
		case *ast.SliceExpr:
			x = y.X
		case *ast.SelectorExpr:
			x = y.X
		case *ast.StarExpr:
			x = y.X
		case *ast.ParenExpr:
			x = y.X
		default:
			return ""
		}
	}
}

// basicValue reports whether name i of vs gets a value of a basic type: a
// literal (possibly negated), true or false, or no value with a basic type.
func basicValue(vs *ast.ValueSpec, i int) bool {
	if len(vs.Values) == 0 {
		id, ok := vs.Type.(*ast.Ident)
		return ok && basicTypes[id.Name]
	}
	if len(vs.Values) != len(vs.Names) {
		return false
	}
	v := vs.Values[i]
	if u, ok := v.(*ast.UnaryExpr); ok && (u.Op == token.SUB || u.Op == token.ADD) {
		v = u.X
	}
	switch v := v.(type) {
	case *ast.BasicLit:
		return true
	case *ast.Ident:
		return v.Name == "true" || v.Name == "false"
	}
	return false
}

// readOnly are builtins that don't change their arguments.
var readOnly = map[string]bool{"len": true, "cap": true, "append": true, "string": true, "print": true, "println": true}

var basicTypes = map[string]bool{
	"bool": true, "string": true, "int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true, "uintptr": true,
	"float32": true, "float64": true, "complex64": true, "complex128": true, "byte": true, "rune": true,
}
