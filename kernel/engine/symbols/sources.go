package symbols

import (
	"embed"
	"fmt"
	"go/parser"
	"io/fs"
	"path"
	"reflect"

	"github.com/traefik/yaegi/interp"
)

// gopath holds the interpreted sources: _gopath/src is a GOPATH source
// tree of packages yaegi imports from source (iter, and sync: see
// wrapped), _gopath/ext the files
// compiled into yaegi's own interpreted slices, maps and cmp packages.
//
//go:embed all:_gopath
var gopath embed.FS

// Sources is the GOPATH tree of interpreted standard-library packages
// (src/iter, src/sync). Set interp.Options{GoPath: GoPath,
// SourcecodeFilesystem: Sources}; Options does both.
var Sources fs.FS = mustSub(gopath, "_gopath")

// GoPath is the GOPATH that goes with Sources.
const GoPath = "."

func mustSub(f fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		panic(err)
	}
	return sub
}

// wrapped lists the standard packages whose compiled table Install
// registers under InternalPrefix+path instead: Sources has an interpreted
// package of the same path that re-exports the table (type aliases and
// small wrapper functions) and adds the generic functions a table can't carry
// (sync.OnceValue, sync.OnceValues). errors is not wrapped: an
// interpreted errors.AsType fails in yaegi v0.16.0 (a cross-package call
// with explicit type arguments and two results crashes its compiler).
var wrapped = []string{"sync"}

// InternalPrefix starts the import paths of the compiled tables of the
// wrapped packages.
const InternalPrefix = "chanlab.internal/"

// tables returns Symbols as Install loads them, with the wrapped packages
// moved under InternalPrefix.
func tables() map[string]map[string]reflect.Value {
	t := make(map[string]map[string]reflect.Value, len(Symbols))
	for k, v := range Symbols {
		t[k] = v
	}
	for _, p := range wrapped {
		key := p + "/" + path.Base(p)
		if v, ok := t[key]; ok {
			delete(t, key)
			t[InternalPrefix+key] = v
		}
	}
	return t
}

// Options sets the fields of opts that make Sources importable.
func Options(opts *interp.Options) {
	opts.GoPath = GoPath
	opts.SourcecodeFilesystem = Sources
}

// Install loads everything into a new interpreter made with Options: the
// symbol tables (interp.Use, which also redirects fmt.Print* to the
// interpreter's Stdout and loads yaegi's Go 1.22 interpreted slices, maps
// and cmp), then the extension files that bring those packages up to
// Go 1.23 (iterators, Sort, Max, ...) in forms yaegi can infer. Call it
// once, before the first cell.
func Install(i *interp.Interpreter) error {
	if err := i.Use(tables()); err != nil {
		return fmt.Errorf("symbols: use tables: %w", err)
	}
	entries, err := fs.ReadDir(Sources, "ext")
	if err != nil {
		return fmt.Errorf("symbols: %w", err)
	}
	for _, e := range entries {
		name := path.Join("ext", e.Name())
		src, err := fs.ReadFile(Sources, name)
		if err != nil {
			return fmt.Errorf("symbols: %w", err)
		}
		// Parse under the file's own name: yaegi keys imports by file, so
		// the extension doesn't clash with the package's other files.
		f, err := parser.ParseFile(i.FileSet(), "chanlab_ext_"+e.Name(), src, parser.ParseComments)
		if err != nil {
			return fmt.Errorf("symbols: parse %s: %w", name, err)
		}
		if _, err := i.CompileAST(f); err != nil {
			return fmt.Errorf("symbols: compile %s: %w", name, err)
		}
	}
	return nil
}
