package engine

import (
	"go/ast"
	"go/importer"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"sync"

	"github.com/chanlab/chanlab/kernel/engine/symbols"
)

// Variables initialised by generic calls.
//
// yaegi fails a package-level variable whose initialiser calls a generic
// function (`zs := slices.Clone(ys)` dies with a nil dereference,
// `get := sync.OnceValue(f)` with a nil reflect.Type, an explicit
// instantiation with "constant definition loop", and `var zs []int =
// slices.Clone(ys)` silently yields an empty slice), but declaring the
// variable with its type and assigning it in a second statement works. So
// the engine type-checks such declarations with go/types and evaluates
// them as `var zs []int; zs = slices.Clone(ys)`.

// genericPkgs are the standard packages with generic functions cells use.
// go/types reads them from the Go installation's source: the symbol tables
// carry no generic functions.
var genericPkgs = map[string]bool{"slices": true, "maps": true, "iter": true, "cmp": true, "sync": true}

// srcImporter imports packages from the Go installation's source. It is
// created on first use and shared by every Engine of the process (a cache
// of immutable packages); srcMu serialises its use.
var (
	srcMu       sync.Mutex
	srcImporter types.Importer
)

// typesImporter imports genericPkgs (and packages the symbol tables lack)
// from source, the others from the symbol tables.
type typesImporter struct{}

func (typesImporter) Import(path string) (*types.Package, error) {
	if !genericPkgs[path] {
		if p, err := symbols.Importer().Import(path); err == nil {
			return p, nil
		}
	}
	srcMu.Lock()
	defer srcMu.Unlock()
	if srcImporter == nil {
		srcImporter = importer.ForCompiler(token.NewFileSet(), "source", nil)
	}
	return srcImporter.Import(path)
}

// cellImports returns the imports made so far, by local name.
func (e *Engine) cellImports() map[string]string {
	imports := map[string]string{} // local name -> path
	for _, k := range e.order {
		if k.name == "_" || k.name == "." || strings.HasPrefix(k.path, carryPrefix) || k.path == hookPath {
			continue
		}
		name := k.name
		if name == "" {
			name = k.path[strings.LastIndexByte(k.path, '/')+1:]
		}
		imports[name] = k.path
	}
	return imports
}

// cellTypes is what go/types learnt about a cell.
type cellTypes struct {
	pkg       *types.Package
	info      *types.Info
	localName map[string]string // import path -> local name
	errs      []error           // go/types' errors, in order
}

// typedVars returns, for the var specs of units that may call a generic
// function, the type of each name as Go source in this cell's scope. It
// must run before the units are rewritten. Specs whose types are unknown,
// or can't be written in the cell, are left out: they are declared as
// before. ct, if not nil, is the cell's type-check.
func (e *Engine) typedVars(pc *parsedCell, units []unit, ct *cellTypes) map[*ast.ValueSpec][]string {
	imports := e.cellImports()
	generic := map[string]bool{}
	addGeneric := func(d ast.Decl) {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Type.TypeParams != nil {
			generic[fd.Name.Name] = true
		}
	}
	for _, df := range e.defs {
		addGeneric(df.orig)
	}
	for _, it := range pc.items {
		if it.decl != nil {
			addGeneric(it.decl)
		}
	}
	out := map[*ast.ValueSpec][]string{}
	var specs []*ast.ValueSpec
	for _, u := range units {
		if !u.vars {
			continue
		}
		for _, d := range u.decls {
			for _, s := range d.(*ast.GenDecl).Specs {
				vs := s.(*ast.ValueSpec)
				if len(vs.Values) == 0 || !callsGeneric(vs.Values, imports, generic) && !commaOK(vs) {
					continue
				}
				if vs.Type == nil {
					specs = append(specs, vs)
					continue
				}
				// `var zs []int = slices.Clone(ys)` gives an empty slice
				// in yaegi: assign it too.
				if t, err := printNode(e.fset, vs.Type, false); err == nil {
					for range vs.Names {
						out[vs] = append(out[vs], t)
					}
				}
			}
		}
	}
	if len(specs) == 0 {
		return out
	}
	if ct == nil {
		ct = e.checkCell(pc)
	}
	for _, vs := range specs {
		var ts []string
		for _, n := range vs.Names {
			obj := ct.info.Defs[n]
			if obj == nil {
				ts = nil
				break
			}
			s, ok := typeSource(obj.Type(), ct.pkg, ct.localName)
			if !ok {
				ts = nil
				break
			}
			ts = append(ts, s)
		}
		if len(ts) == len(vs.Names) {
			out[vs] = ts
		}
	}
	return out
}

// commaOK reports whether vs is a comma-ok form, `v, ok := m[k]`,
// `x, ok := <-ch` or `s, ok := i.(string)`, which yaegi fails at package
// level ("nil type"): it too is declared with its types and then assigned.
func commaOK(vs *ast.ValueSpec) bool {
	if len(vs.Names) != 2 || len(vs.Values) != 1 || vs.Type != nil {
		return false
	}
	switch v := ast.Unparen(vs.Values[0]).(type) {
	case *ast.IndexExpr, *ast.TypeAssertExpr:
		return true
	case *ast.UnaryExpr:
		return v.Op == token.ARROW
	}
	return false
}

// callsGeneric reports whether es may call a generic function: a function
// of genericPkgs, a generic function of the cells, or an explicit
// instantiation.
func callsGeneric(es []ast.Expr, imports map[string]string, generic map[string]bool) bool {
	found := false
	for _, x := range es {
		ast.Inspect(x, func(n ast.Node) bool {
			c, ok := n.(*ast.CallExpr)
			if !ok || found {
				return !found
			}
			switch f := c.Fun.(type) {
			case *ast.Ident:
				found = generic[f.Name]
			case *ast.SelectorExpr:
				if p, ok := f.X.(*ast.Ident); ok {
					found = genericPkgs[imports[p.Name]]
				}
			case *ast.IndexExpr, *ast.IndexListExpr:
				found = true
			}
			return !found
		})
	}
	return found
}

// checkCell type-checks the cell's declarations and statements with the
// declarations of earlier cells. Errors are collected in errs but
// otherwise ignored: what go/types can't tell stays unknown.
func (e *Engine) checkCell(pc *parsedCell) *cellTypes {
	imports := e.cellImports()
	imp := &ast.GenDecl{Tok: token.IMPORT, Lparen: 1}
	for name, path := range imports {
		imp.Specs = append(imp.Specs, importKey{name: name, path: path}.spec())
	}
	f := &ast.File{Name: ast.NewIdent("main"), Decls: []ast.Decl{imp}}
	mine := map[string]bool{}
	body := &ast.BlockStmt{}
	for _, it := range pc.items {
		if it.decl != nil {
			for _, k := range declKeys(it.decl) {
				mine[k] = true
			}
			f.Decls = append(f.Decls, it.decl)
		} else {
			body.List = append(body.List, it.stmt)
		}
	}
	if len(body.List) > 0 {
		f.Decls = append(f.Decls, &ast.FuncDecl{Name: ast.NewIdent("_"), Type: &ast.FuncType{Params: &ast.FieldList{}}, Body: body})
	}
	for _, df := range e.definitions() {
		redeclared := false
		for _, k := range df.keys {
			redeclared = redeclared || mine[k]
		}
		if redeclared {
			continue
		}
		d := df.orig
		if fd, ok := d.(*ast.FuncDecl); ok {
			c := *fd
			c.Body = nil
			d = &c
		}
		f.Decls = append(f.Decls, d)
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}, Types: map[ast.Expr]types.TypeAndValue{}}
	var errs []error
	conf := types.Config{
		Importer:                 typesImporter{},
		Error:                    func(err error) { errs = append(errs, err) },
		DisableUnusedImportCheck: true,
		GoVersion:                "go1.26",
	}
	pkg := func() (pkg *types.Package) {
		// go/types only refines what the engine generates:
		// never let it end the worker.
		defer func() {
			if recover() != nil {
				pkg = nil
			}
		}()
		pkg, _ = conf.Check("main", e.fset, []*ast.File{f}, info)
		return pkg
	}()
	if pkg == nil {
		pkg = types.NewPackage("main", "main")
		info = &types.Info{Defs: map[*ast.Ident]types.Object{}, Types: map[ast.Expr]types.TypeAndValue{}}
	}
	localName := map[string]string{} // path -> local name
	for name, path := range imports {
		localName[path] = name
	}
	return &cellTypes{pkg: pkg, info: info, localName: localName, errs: errs}
}

// typeSource writes t as Go source in the cell's scope: types of the cells
// unqualified, others with the name their package is imported under. It
// reports false if t is invalid or names something a cell can't write.
func typeSource(t types.Type, main *types.Package, localName map[string]string) (string, bool) {
	ok := true
	qual := func(p *types.Package) string {
		if p == main {
			return ""
		}
		if n, found := localName[p.Path()]; found {
			return n
		}
		for _, n := range localName {
			if n == p.Name() {
				return n
			}
		}
		ok = false
		return p.Name()
	}
	if !writable(t, main, 0) {
		return "", false
	}
	s := types.TypeString(t, qual)
	if !ok {
		// A type of a package the cell did not import (maps.Keys gives
		// an iter.Seq[K]): its underlying type is assignable from it.
		if _, named := t.(*types.Named); !named {
			return "", false
		}
		u := t.Underlying()
		if _, isIface := u.(*types.Interface); isIface || !writable(u, main, 0) {
			return "", false
		}
		ok = true
		s = types.TypeString(u, qual)
	}
	return s, ok
}

// writable reports whether every type in t is valid and, outside package
// main, exported.
func writable(t types.Type, main *types.Package, depth int) bool {
	if depth > 10 {
		return false
	}
	switch t := t.(type) {
	case *types.Basic:
		return t.Kind() != types.Invalid && t.Info()&types.IsUntyped == 0
	case *types.Named:
		o := t.Obj()
		if o.Pkg() != nil && o.Pkg() != main && !o.Exported() {
			return false
		}
		if o.Parent() != nil && o.Pkg() != nil && o.Parent() != o.Pkg().Scope() {
			return false // declared inside a function
		}
		for i := range t.TypeArgs().Len() {
			if !writable(t.TypeArgs().At(i), main, depth+1) {
				return false
			}
		}
		return true
	case *types.Alias:
		return writable(types.Unalias(t), main, depth+1)
	case *types.Pointer:
		return writable(t.Elem(), main, depth+1)
	case *types.Slice:
		return writable(t.Elem(), main, depth+1)
	case *types.Array:
		return writable(t.Elem(), main, depth+1)
	case *types.Chan:
		return writable(t.Elem(), main, depth+1)
	case *types.Map:
		return writable(t.Key(), main, depth+1) && writable(t.Elem(), main, depth+1)
	case *types.Signature:
		return tupleWritable(t.Params(), main, depth) && tupleWritable(t.Results(), main, depth)
	case *types.Struct:
		for i := range t.NumFields() {
			if !writable(t.Field(i).Type(), main, depth+1) {
				return false
			}
		}
		return true
	case *types.Interface:
		return true
	}
	return false
}

func tupleWritable(tu *types.Tuple, main *types.Package, depth int) bool {
	for i := range tu.Len() {
		if !writable(tu.At(i).Type(), main, depth+1) {
			return false
		}
	}
	return true
}

// displayImport is how the engine imports package display for the
// conversions of renderKind.
var displayImport = importKey{name: "_cldisplay", path: "github.com/chanlab/chanlab/snippets/display"}

// fmtImport is how the engine imports package fmt for the conversions of
// renderKind.
var fmtImport = importKey{name: "_clfmt", path: "fmt"}

// renderKind returns the interface that the cell's trailing expression
// must be assigned to before it is shown, or "": "Renderer" or
// "MetadataRenderer" of package display, "Stringer" of package fmt, or
// "error". yaegi drops the methods of a value of an interpreted type when
// it becomes an any (the result of a call, such as p.Add(q), shows as
// {4 6} instead of its String()), but keeps them in a variable of a
// compiled interface type; so a value whose type, declared in a cell, has
// RenderMIME() display.MIME, String() string or Error() string goes
// through such a variable. The cell's type-check is returned when one was
// made.
func (e *Engine) renderKind(pc *parsedCell) (string, *cellTypes) {
	if pc.trailing == nil || !e.declaresMethod(pc, "RenderMIME", "String", "Error") {
		return "", nil
	}
	ct := e.checkCell(pc)
	tv, ok := ct.info.Types[pc.trailing]
	if !ok || tv.Type == nil || !tv.IsValue() {
		return "", ct
	}
	t := tv.Type
	base := t
	if p, ok := t.(*types.Pointer); ok {
		base = p.Elem()
	}
	if n, ok := types.Unalias(base).(*types.Named); !ok || n.Obj().Pkg() != ct.pkg {
		return "", ct // compiled types keep their methods
	}
	ms := types.NewMethodSet(t)
	if !hasMethod(ms, "RenderMIME", func(r types.Type) bool {
		n, ok := types.Unalias(r).(*types.Named)
		return ok && n.Obj().Name() == "MIME" && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == displayImport.path
	}) {
		isString := func(r types.Type) bool { return types.Identical(r, types.Typ[types.String]) }
		switch {
		case hasMethod(ms, "Error", isString):
			return "error", ct
		case hasMethod(ms, "String", isString):
			return "Stringer", ct
		}
		return "", ct
	}
	if hasMethod(ms, "RenderMetadata", func(r types.Type) bool {
		return types.Identical(r, types.NewMap(types.Typ[types.String], types.Universe.Lookup("any").Type()))
	}) {
		return "MetadataRenderer", ct
	}
	return "Renderer", ct
}

// hasMethod reports whether ms has a method name without parameters and
// with one result for which result returns true.
func hasMethod(ms *types.MethodSet, name string, result func(types.Type) bool) bool {
	sel := ms.Lookup(nil, name)
	if sel == nil {
		return false
	}
	sig, ok := sel.Type().(*types.Signature)
	return ok && sig.Params().Len() == 0 && sig.Results().Len() == 1 && result(sig.Results().At(0).Type())
}

// declaresMethod reports whether this cell or an earlier one declares a
// method with one of names.
func (e *Engine) declaresMethod(pc *parsedCell, names ...string) bool {
	for k := range e.defs {
		if i := strings.LastIndexByte(k, '.'); i >= 0 && slices.Contains(names, k[i+1:]) {
			return true
		}
	}
	for _, it := range pc.items {
		if fd, ok := it.decl.(*ast.FuncDecl); ok && fd.Recv != nil && slices.Contains(names, fd.Name.Name) {
			return true
		}
	}
	return false
}
