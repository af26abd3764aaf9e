package engine

import (
	"go/ast"
	"go/importer"
	"go/token"
	"go/types"
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

// typedVars returns, for the var specs of units that may call a generic
// function, the type of each name as Go source in this cell's scope. It
// must run before the units are rewritten. Specs whose types are unknown,
// or can't be written in the cell, are left out: they are declared as
// before.
func (e *Engine) typedVars(pc *parsedCell, units []unit) map[*ast.ValueSpec][]string {
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
	var specs []*ast.ValueSpec
	for _, u := range units {
		if !u.vars {
			continue
		}
		for _, d := range u.decls {
			for _, s := range d.(*ast.GenDecl).Specs {
				vs := s.(*ast.ValueSpec)
				if vs.Type == nil && callsGeneric(vs.Values, imports, generic) {
					specs = append(specs, vs)
				}
			}
		}
	}
	if len(specs) == 0 {
		return nil
	}
	return e.checkVarTypes(pc, specs, imports)
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

// checkVarTypes type-checks the cell's declarations with those of earlier
// cells and returns the types of specs' names.
func (e *Engine) checkVarTypes(pc *parsedCell, specs []*ast.ValueSpec, imports map[string]string) map[*ast.ValueSpec][]string {
	imp := &ast.GenDecl{Tok: token.IMPORT, Lparen: 1}
	for name, path := range imports {
		imp.Specs = append(imp.Specs, importKey{name: name, path: path}.spec())
	}
	f := &ast.File{Name: ast.NewIdent("main"), Decls: []ast.Decl{imp}}
	mine := map[string]bool{}
	for _, it := range pc.items {
		if it.decl != nil {
			for _, k := range declKeys(it.decl) {
				mine[k] = true
			}
			f.Decls = append(f.Decls, it.decl)
		}
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
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}}
	conf := types.Config{
		Importer:                 typesImporter{},
		Error:                    func(error) {}, // unknown names stay unknown
		DisableUnusedImportCheck: true,
		GoVersion:                "go1.26",
	}
	pkg, _ := conf.Check("main", e.fset, []*ast.File{f}, info)
	if pkg == nil {
		return nil
	}
	localName := map[string]string{} // path -> local name
	for name, path := range imports {
		localName[path] = name
	}
	out := map[*ast.ValueSpec][]string{}
	for _, vs := range specs {
		var ts []string
		for _, n := range vs.Names {
			obj := info.Defs[n]
			if obj == nil {
				ts = nil
				break
			}
			s, ok := typeSource(obj.Type(), pkg, localName)
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
