package rewrite

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strconv"

	"github.com/chanlab/chanlab/kernel/engine/symbols"
)

// A Session rewrites the cells of one interpreter, in the order they run.
// It remembers the package-level declarations of every cell it has
// rewritten, so that a later cell sees their types: a range over a variable
// declared in an earlier cell is lowered by its type, and a user function
// named min declared earlier keeps min from being taken for the builtin.
// Later declarations of a name replace earlier ones. The zero value is ready
// to use; a Session is not safe for concurrent use.
type Session struct {
	// Importer gives the types of imported packages, those the
	// interpreter runs; nil means symbols.Importer(), the tables the
	// engine loads by default. Packages it lacks, and the generic
	// packages yaegi serves as source (iter, cmp, maps, slices), come from
	// stubs (stubs.go) when there is one; any other import type-checks as
	// an empty package. Set it before the first Apply.
	Importer types.Importer

	prior   []*ast.File // earlier cells: imports and declarations, bodies dropped
	prelude *ast.File   // Prelude parsed into preludeFset
	pfset   *token.FileSet
	imp     *cellImporter
}

// Apply rewrites f in place like the package-level Apply, using the
// declarations of the cells this Session rewrote before. fset must be the
// FileSet f was parsed with, the same for every call.
func (s *Session) Apply(fset *token.FileSet, f *ast.File) error {
	info := s.check(fset, f)
	r := &rewriter{fset: fset, file: f, info: info, imports: s.importNames(f, info)}
	err := r.run()
	s.remember(f, r.aliases)
	return err
}

// check type-checks f together with the Prelude and earlier cells and
// returns what go/types could learn. Errors are expected (unknown imports,
// names from cells not seen) and ignored: unknown types stay unknown.
func (s *Session) check(fset *token.FileSet, f *ast.File) *types.Info {
	if s.imp == nil {
		real := s.Importer
		if real == nil {
			real = symbols.Importer()
		}
		s.imp = &cellImporter{stubs: newStubImporter(), real: real}
	}
	if s.prelude == nil || s.pfset != fset {
		p, err := parser.ParseFile(fset, "chanlab_prelude.go", Prelude, parser.SkipObjectResolution)
		if err != nil {
			panic("rewrite: Prelude does not parse: " + err.Error())
		}
		s.prelude, s.pfset = p, fset
	}
	files := []*ast.File{f}
	seen := declaredNames(f)
	for i := len(s.prior) - 1; i >= 0; i-- {
		if pf := withoutNames(s.prior[i], seen); pf != nil {
			files = append(files, pf)
		}
	}
	if pf := withoutNames(s.prelude, seen); pf != nil {
		files = append(files, pf)
	}
	info := &types.Info{
		Types:      make(map[ast.Expr]types.TypeAndValue),
		Defs:       make(map[*ast.Ident]types.Object),
		Uses:       make(map[*ast.Ident]types.Object),
		Instances:  make(map[*ast.Ident]types.Instance),
		Selections: make(map[*ast.SelectorExpr]*types.Selection),
		Implicits:  make(map[ast.Node]types.Object),
	}
	conf := types.Config{
		Importer:                 s.imp,
		Error:                    func(error) {},
		GoVersion:                "go1.26",
		DisableUnusedImportCheck: true,
	}
	conf.Check("main", fset, files, info) // errors are expected; see above
	return info
}

// remember keeps the imports and declarations of f for later cells,
// without function bodies, and the type declarations the rewrite removed
// from f (generic aliases), which later cells still use.
func (s *Session) remember(f *ast.File, removed []*ast.TypeSpec) {
	keep := &ast.File{Name: f.Name, FileStart: f.FileStart, FileEnd: f.FileEnd, Package: f.Package, Imports: f.Imports}
	if len(removed) > 0 {
		specs := make([]ast.Spec, len(removed))
		for i, ts := range removed {
			specs[i] = ts
		}
		keep.Decls = append(keep.Decls, &ast.GenDecl{TokPos: removed[0].Pos(), Tok: token.TYPE, Specs: specs})
	}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok {
			c := *fd
			c.Body = nil
			d = &c
		}
		keep.Decls = append(keep.Decls, d)
	}
	s.prior = append(s.prior, keep)
}

// FuncKey names what a function declaration declares: "name" for a
// function, "Recv.name" for a method (pointer receivers and type parameters
// left out), so that a later cell's declaration with the same key replaces
// it.
func FuncKey(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	t := fd.Recv.List[0].Type
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
			continue
		case *ast.IndexExpr:
			t = x.X
			continue
		case *ast.IndexListExpr:
			t = x.X
			continue
		case *ast.ParenExpr:
			t = x.X
			continue
		}
		break
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name + "." + fd.Name.Name
	}
	return fd.Name.Name
}

// declaredNames returns the keys of every package-level name f declares.
func declaredNames(f *ast.File) map[string]bool {
	names := make(map[string]bool)
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			names[FuncKey(d)] = true
		case *ast.GenDecl:
			for _, sp := range d.Specs {
				switch sp := sp.(type) {
				case *ast.ValueSpec:
					for _, n := range sp.Names {
						names[n.Name] = true
					}
				case *ast.TypeSpec:
					names[sp.Name.Name] = true
				}
			}
		}
	}
	return names
}

// withoutNames returns a copy of f without the declarations whose names are
// in seen, and adds the names f keeps to seen. It returns nil if nothing is
// left. Imports are always kept: they are scoped to the file.
func withoutNames(f *ast.File, seen map[string]bool) *ast.File {
	out := &ast.File{Name: f.Name, FileStart: f.FileStart, FileEnd: f.FileEnd, Package: f.Package}
	var added []string
	decls := 0
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			k := FuncKey(d)
			if seen[k] {
				continue
			}
			added = append(added, k)
			out.Decls = append(out.Decls, d)
			decls++
		case *ast.GenDecl:
			if d.Tok == token.IMPORT {
				out.Decls = append(out.Decls, d)
				continue
			}
			g := *d
			g.Specs = nil
			for _, sp := range d.Specs {
				switch sp := sp.(type) {
				case *ast.ValueSpec:
					vs := *sp
					vs.Names = nil
					for _, n := range sp.Names {
						if seen[n.Name] {
							vs.Names = append(vs.Names, &ast.Ident{NamePos: n.NamePos, Name: "_"})
							continue
						}
						vs.Names = append(vs.Names, n)
						added = append(added, n.Name)
					}
					g.Specs = append(g.Specs, &vs)
				case *ast.TypeSpec:
					if seen[sp.Name.Name] {
						continue
					}
					added = append(added, sp.Name.Name)
					g.Specs = append(g.Specs, sp)
				}
			}
			if len(g.Specs) > 0 {
				out.Decls = append(out.Decls, &g)
				decls++
			}
		}
	}
	for _, k := range added {
		seen[k] = true
	}
	if decls == 0 {
		return nil
	}
	return out
}

// importNames maps the import paths of f and of earlier cells to the names
// they were imported under (yaegi keeps imports for the whole package).
// A package imported by a second path (chanlab/timing) is also entered
// under the path of the package go/types resolved it to, the one type
// names carry.
func (s *Session) importNames(f *ast.File, info *types.Info) map[string]string {
	m := make(map[string]string)
	add := func(f *ast.File) {
		for _, is := range f.Imports {
			path, err := strconv.Unquote(is.Path.Value)
			if err != nil {
				continue
			}
			name := path[lastSlash(path)+1:]
			if is.Name != nil {
				name = is.Name.Name
			}
			if name != "_" && name != "." {
				m[path] = name
			}
		}
	}
	for _, p := range s.prior {
		add(p)
	}
	add(f)
	alias := func(obj types.Object) {
		if pn, ok := obj.(*types.PkgName); ok && pn.Name() != "_" && pn.Name() != "." {
			if p := pn.Imported().Path(); m[p] == "" {
				m[p] = pn.Name()
			}
		}
	}
	for _, obj := range info.Defs {
		alias(obj)
	}
	for _, obj := range info.Implicits {
		alias(obj)
	}
	return m
}
