package assist

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
)

// modulePath is the import path of the ChanLab module; its snippets/*
// packages are offered for import and completion.
const modulePath = "github.com/chanlab/chanlab"

// xsyncPath is the module of errgroup and semaphore.
const xsyncPath = "golang.org/x/sync"

// pkgScope is one package read from source: every top-level declaration
// (exported or not) and the methods of its types.
type pkgScope struct {
	path    string
	name    string
	fset    *token.FileSet
	doc     string
	members map[string]*symbol
	methods map[string]map[string]*symbol // receiver type name → method name → method
	imports map[string]string             // package name → import path, over all files
}

func (p *pkgScope) lookup(name string) *symbol { return p.members[name] }

func (p *pkgScope) importPath(name string) (string, bool) {
	ip, ok := p.imports[name]
	return ip, ok
}

func (p *pkgScope) typeMethods(typeName string) map[string]*symbol { return p.methods[typeName] }

func (p *pkgScope) pkgPath() string { return p.path }

// loader finds package sources and reads them on first use; it is safe for
// concurrent use and caches what it read.
type loader struct {
	goroot    string
	moduleDir string // root of the ChanLab module source, or ""
	xsyncDir  string // root of golang.org/x/sync in the module cache, or ""

	mu    sync.Mutex
	pkgs  map[string]*pkgEntry
	paths struct {
		once sync.Once
		list []string
	}
}

type pkgEntry struct {
	once sync.Once
	pkg  *pkgScope
	err  error
}

func newLoader(goroot, moduleDir, xsyncDir string) *loader {
	return &loader{goroot: goroot, moduleDir: moduleDir, xsyncDir: xsyncDir, pkgs: map[string]*pkgEntry{}}
}

// canonical maps the kernel's short aliases (chanlab/timing) to full paths.
func canonical(importPath string) string {
	if rest, ok := strings.CutPrefix(importPath, "chanlab/"); ok {
		return modulePath + "/snippets/" + rest
	}
	return importPath
}

// dir returns the source directory of an import path, or "".
func (l *loader) dir(importPath string) string {
	importPath = canonical(importPath)
	switch {
	case strings.HasPrefix(importPath, modulePath+"/"):
		if l.moduleDir == "" {
			return ""
		}
		return filepath.Join(l.moduleDir, filepath.FromSlash(strings.TrimPrefix(importPath, modulePath+"/")))
	case strings.HasPrefix(importPath, xsyncPath+"/"):
		if l.xsyncDir == "" {
			return ""
		}
		return filepath.Join(l.xsyncDir, filepath.FromSlash(strings.TrimPrefix(importPath, xsyncPath+"/")))
	case importPath == "builtin" || !strings.Contains(strings.SplitN(importPath, "/", 2)[0], "."):
		return filepath.Join(l.goroot, "src", filepath.FromSlash(importPath))
	}
	return ""
}

// load returns the package at importPath, reading it on first use.
func (l *loader) load(importPath string) (*pkgScope, error) {
	importPath = canonical(importPath)
	l.mu.Lock()
	e := l.pkgs[importPath]
	if e == nil {
		e = &pkgEntry{}
		l.pkgs[importPath] = e
	}
	l.mu.Unlock()
	e.once.Do(func() { e.pkg, e.err = l.read(importPath) })
	return e.pkg, e.err
}

// read parses the non-test Go files of a package that build on this
// platform and indexes their declarations.
func (l *loader) read(importPath string) (*pkgScope, error) {
	dir := l.dir(importPath)
	if dir == "" {
		return nil, fmt.Errorf("assist: no source for package %q", importPath)
	}
	var names []string
	if importPath == "builtin" {
		names = []string{"builtin.go"}
	} else {
		bp, err := build.Default.ImportDir(dir, 0)
		if err != nil {
			return nil, fmt.Errorf("assist: reading package %q: %w", importPath, err)
		}
		names = append(append(names, bp.GoFiles...), bp.CgoFiles...)
		if len(names) > largePackage {
			names = exportingFiles(dir, names)
		}
	}
	p := &pkgScope{
		path:    importPath,
		fset:    token.NewFileSet(),
		members: map[string]*symbol{},
		methods: map[string]map[string]*symbol{},
		imports: map[string]string{},
	}
	for _, name := range names {
		f, err := parser.ParseFile(p.fset, filepath.Join(dir, name), nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("assist: parsing package %q: %w", importPath, err)
		}
		p.name = f.Name.Name
		if f.Doc != nil && (p.doc == "" || name == "doc.go") {
			p.doc = f.Doc.Text()
		}
		for _, is := range f.Imports {
			ip := strings.Trim(is.Path.Value, "`\"")
			n := defaultName(ip)
			if is.Name != nil {
				n = is.Name.Name
			}
			p.imports[n] = ip
		}
		src := &source{fset: p.fset, file: f}
		for _, d := range f.Decls {
			declare(p, src, d, p.members, p.methods)
		}
	}
	return p, nil
}

// largePackage is the file count above which only files that declare
// exported names are read (runtime has over 200 files).
const largePackage = 40

// exportedDecl matches a line that starts an exported top-level declaration,
// or names an exported member of a declaration group.
var exportedDecl = regexp.MustCompile(`(?m)^(func (\([^)]*\) )?[A-Z]|(type|var|const) [A-Z]|\t[A-Z]\w*( |,|$))`)

// exportingFiles keeps the files that may declare exported names.
func exportingFiles(dir string, names []string) []string {
	var keep []string
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(dir, n))
		if err == nil && exportedDecl.Match(data) {
			keep = append(keep, n)
		}
	}
	return keep
}

// defaultName guesses a package's name from its import path: the last
// element, without a major-version suffix.
func defaultName(importPath string) string {
	base := path.Base(importPath)
	if len(base) >= 2 && base[0] == 'v' && strings.Trim(base[1:], "0123456789") == "" {
		if d := path.Dir(importPath); d != "." {
			base = path.Base(d)
		}
	}
	return strings.TrimPrefix(strings.TrimSuffix(base, ".go"), "go-")
}

// importPaths lists every package a cell may import: the standard library
// (without internal, vendor and cmd), golang.org/x/sync and the ChanLab
// snippets packages. It walks the sources once.
func (l *loader) importPaths() []string {
	l.paths.once.Do(func() {
		var list []string
		walk := func(root, prefix string) {
			if root == "" {
				return
			}
			filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					return nil
				}
				if !d.IsDir() {
					return nil
				}
				n := d.Name()
				if p != root && (n == "internal" || n == "vendor" || n == "testdata" || n == "cmd" || strings.HasPrefix(n, ".") || strings.HasPrefix(n, "_")) {
					return filepath.SkipDir
				}
				if p != root && hasGoFiles(p) {
					rel, _ := filepath.Rel(root, p)
					list = append(list, path.Join(prefix, filepath.ToSlash(rel)))
				}
				return nil
			})
		}
		walk(filepath.Join(l.goroot, "src"), "")
		walk(l.xsyncDir, xsyncPath)
		if l.moduleDir != "" {
			walk(filepath.Join(l.moduleDir, "snippets"), modulePath+"/snippets")
		}
		sort.Strings(list)
		l.paths.list = list
	})
	return l.paths.list
}

// hasGoFiles reports whether dir holds a non-test Go file.
func hasGoFiles(dir string) bool {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range ents {
		n := e.Name()
		if !e.IsDir() && strings.HasSuffix(n, ".go") && !strings.HasSuffix(n, "_test.go") {
			return true
		}
	}
	return false
}

// findModuleDir looks for the ChanLab module's source: the directory this
// package was built from, then the working directory and its parents.
func findModuleDir() string {
	var starts []string
	if _, file, _, ok := runtime.Caller(0); ok {
		starts = append(starts, filepath.Dir(file))
	}
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	if exe, err := os.Executable(); err == nil {
		starts = append(starts, filepath.Dir(exe))
	}
	for _, d := range starts {
		for {
			if moduleName(filepath.Join(d, "go.mod")) == modulePath {
				return d
			}
			parent := filepath.Dir(d)
			if parent == d {
				break
			}
			d = parent
		}
	}
	return ""
}

// moduleName returns the module path declared in a go.mod file, or "".
func moduleName(gomod string) string {
	f, err := os.Open(gomod)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`)
		}
	}
	return ""
}

// findXSyncDir locates golang.org/x/sync in the module cache, at the
// version this binary was built with (or the one go.mod requires).
func findXSyncDir(moduleDir string) string {
	version := ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == xsyncPath {
				version = d.Version
			}
		}
	}
	if version == "" && moduleDir != "" {
		if data, err := os.ReadFile(filepath.Join(moduleDir, "go.mod")); err == nil {
			for _, line := range strings.Split(string(data), "\n") {
				fields := strings.Fields(line)
				for i, f := range fields {
					if f == xsyncPath && i+1 < len(fields) {
						version = fields[i+1]
					}
				}
			}
		}
	}
	cache := os.Getenv("GOMODCACHE")
	if cache == "" {
		gopath := build.Default.GOPATH
		if i := strings.IndexByte(gopath, os.PathListSeparator); i >= 0 {
			gopath = gopath[:i]
		}
		cache = filepath.Join(gopath, "pkg", "mod")
	}
	if version != "" {
		d := filepath.Join(cache, "golang.org", "x", "sync@"+version)
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d
		}
	}
	matches, _ := filepath.Glob(filepath.Join(cache, "golang.org", "x", "sync@v*"))
	if len(matches) == 0 {
		return ""
	}
	sort.Strings(matches)
	return matches[len(matches)-1]
}

// declare indexes one top-level declaration into members and methods.
func declare(sc scope, src *source, d ast.Decl, members map[string]*symbol, methods map[string]map[string]*symbol) {
	switch d := d.(type) {
	case *ast.FuncDecl:
		s := &symbol{name: d.Name.Name, kind: kindFunc, scope: sc, src: src, node: d, typ: d.Type, doc: d.Doc}
		if d.Recv == nil || len(d.Recv.List) == 0 {
			members[s.name] = s
			return
		}
		s.kind = kindMethod
		recv := receiverName(d.Recv.List[0].Type)
		if recv == "" {
			return
		}
		if methods[recv] == nil {
			methods[recv] = map[string]*symbol{}
		}
		methods[recv][s.name] = s
	case *ast.GenDecl:
		var prevType ast.Expr // implicit repetition in const groups
		for _, spec := range d.Specs {
			doc := d.Doc
			switch spec := spec.(type) {
			case *ast.TypeSpec:
				if spec.Doc != nil {
					doc = spec.Doc
				}
				members[spec.Name.Name] = &symbol{name: spec.Name.Name, kind: kindType, scope: sc, src: src, node: spec, decl: d, doc: doc}
			case *ast.ValueSpec:
				if spec.Doc != nil {
					doc = spec.Doc
				}
				k := kindVar
				if d.Tok == token.CONST {
					k = kindConst
				}
				typ := spec.Type
				if d.Tok == token.CONST {
					if typ == nil && len(spec.Values) == 0 {
						typ = prevType
					}
					prevType = typ
				}
				for i, n := range spec.Names {
					s := &symbol{name: n.Name, kind: k, scope: sc, src: src, node: spec, decl: d, doc: doc, typ: typ, index: -1}
					if typ == nil && len(spec.Values) == len(spec.Names) {
						s.value = spec.Values[i]
					} else if typ == nil && len(spec.Values) == 1 {
						s.value, s.index = spec.Values[0], i
					}
					members[n.Name] = s
				}
			}
		}
	}
}

// receiverName returns the type name of a method receiver expression.
func receiverName(e ast.Expr) string {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.ParenExpr:
			e = t.X
		case *ast.IndexExpr:
			e = t.X
		case *ast.IndexListExpr:
			e = t.X
		case *ast.Ident:
			return t.Name
		default:
			return ""
		}
	}
}
