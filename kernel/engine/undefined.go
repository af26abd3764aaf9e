package engine

import (
	"errors"
	"fmt"
	"go/ast"
	"go/types"
	"sort"
	"strings"
	"sync"

	"github.com/chanlab/chanlab/kernel/engine/symbols"
)

// A cell that uses a package it did not import (`var mu sync.Mutex`
// without `import "sync"`) fails in yaegi with a misleading message
// ("constant definition loop", or a nil pointer dereference for a struct
// field), and leaves a broken symbol for the name behind: the same code
// kept failing after the import was added. So before a cell runs, a
// selector x.Name whose x is the name of a package the cells can import,
// not imported and not declared, is looked up with go/types; if it is
// undefined the cell stops with "undefined: sync (missing import
// "sync"?)" and yaegi never sees it.

var (
	pkgNamesOnce sync.Once
	pkgNames     map[string]string // package name -> an import path
)

// knownPackages returns the names of the packages of the symbol tables,
// each with its import path (the shortest path, for names several share).
func knownPackages() map[string]string {
	pkgNamesOnce.Do(func() {
		pkgNames = map[string]string{}
		keys := make([]string, 0, len(symbols.Symbols))
		for k := range symbols.Symbols {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			if len(keys[i]) != len(keys[j]) {
				return len(keys[i]) < len(keys[j])
			}
			return keys[i] < keys[j]
		})
		for _, k := range keys {
			i := strings.LastIndexByte(k, '/')
			if i < 0 {
				continue
			}
			path, name := k[:i], k[i+1:]
			if _, ok := pkgNames[name]; !ok && name != "" && !strings.Contains(path, "internal") {
				pkgNames[name] = path
			}
		}
	})
	return pkgNames
}

// missingImport returns a compile error if the cell uses a package name
// that is neither imported nor declared (see above), else nil.
func (e *Engine) missingImport(pc *parsedCell) error {
	imports := e.cellImports()
	for _, k := range e.order {
		if k.name == "." {
			return nil // names may come from anywhere
		}
	}
	known := knownPackages()
	declared := map[string]bool{}
	for _, it := range pc.items {
		if it.decl != nil {
			for _, k := range declKeys(it.decl) {
				declared[k] = true
			}
		}
	}
	suspects := map[*ast.Ident]string{}
	for _, it := range pc.items {
		ast.Inspect(it.node(), func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			id, ok := sel.X.(*ast.Ident)
			if !ok {
				return true
			}
			path, isPkg := known[id.Name]
			if _, imported := imports[id.Name]; isPkg && !imported && e.defs[id.Name] == nil && !declared[id.Name] {
				suspects[id] = path
			}
			return true
		})
	}
	if len(suspects) == 0 {
		return nil
	}
	ct := e.checkCell(pc)
	var lines []string
	for _, err := range ct.errs {
		var te types.Error
		if !errors.As(err, &te) {
			continue
		}
		for id, path := range suspects {
			if id.Pos() == te.Pos && te.Msg == "undefined: "+id.Name {
				lines = append(lines, fmt.Sprintf("%s: undefined: %s (missing import %q?)", e.fset.Position(te.Pos), id.Name, path))
			}
		}
	}
	if len(lines) == 0 {
		return nil
	}
	return errors.New(strings.Join(lines, "\n"))
}

// clearerError replaces yaegi's "constant definition loop" (what it says
// for `y := zz` when zz is undefined) by the "undefined: zz" errors
// go/types finds in the cell, if any.
func (e *Engine) clearerError(pc *parsedCell, err error) error {
	if err == nil || !strings.Contains(err.Error(), "definition loop") {
		return err
	}
	var lines []string
	for _, te := range e.checkCell(pc).errs {
		var t types.Error
		if errors.As(te, &t) && strings.HasPrefix(t.Msg, "undefined: ") {
			lines = append(lines, fmt.Sprintf("%s: %s", e.fset.Position(t.Pos), t.Msg))
		}
	}
	if len(lines) == 0 {
		return err
	}
	return errors.New(strings.Join(lines, "\n"))
}

// usesBroken returns an error if the cell uses a function or type whose
// declaration failed to compile in an earlier cell and that this cell does
// not declare again: yaegi keeps a broken symbol for it, and calling it
// failed with "index out of range [0] with length 0".
func (e *Engine) usesBroken(pc *parsedCell) error {
	if len(e.broken) == 0 {
		return nil
	}
	declared := map[string]bool{}
	for _, it := range pc.items {
		if it.decl != nil {
			for _, k := range declKeys(it.decl) {
				declared[k] = true
			}
		}
	}
	var lines []string
	for _, it := range pc.items {
		for name := range freeNames(it.node()) {
			if c, ok := e.broken[name]; ok && !declared[name] {
				lines = append(lines, fmt.Sprintf("%s did not compile in cell [%d]: run a corrected version of that cell first", name, c))
				declared[name] = true // once
			}
		}
	}
	if len(lines) == 0 {
		return nil
	}
	sort.Strings(lines)
	return errors.New(strings.Join(lines, "\n"))
}
