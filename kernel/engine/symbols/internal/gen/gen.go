// Package gen writes the yaegi symbol tables of package symbols: one
// generated file per extracted package, made by the yaegi extract library.
// It is shared by the gensymbols command (run by go generate) and by the
// test that checks the tables are up to date.
package gen

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/traefik/yaegi/extract"
)

// Module is the import path of the ChanLab module.
const Module = "github.com/chanlab/chanlab"

// SnippetsPrefix is the import path prefix of the cell-facing packages.
const SnippetsPrefix = Module + "/snippets/"

// AliasPrefix is the short import path prefix under which the cell-facing
// packages are registered too: "chanlab/timing" for snippets/timing.
const AliasPrefix = "chanlab/"

// FilePrefix starts the name of every generated file.
const FilePrefix = "gen_"

// excludedStd lists the public standard-library packages left out of the
// tables: the ones yaegi leaves out of its sandbox (os/exec, plugin,
// syscall, unsafe, runtime internals), test-only helpers, and packages
// whose API is all generic (nothing to extract). iter is served as
// interpreted source instead (see package symbols).
var excludedStd = map[string]bool{
	"crypto/mlkem/mlkemtest": true,
	"embed":                  true,
	"iter":                   true,
	"os/exec":                true,
	"plugin":                 true,
	"runtime/cgo":            true,
	"runtime/coverage":       true,
	"runtime/race":           true,
	"syscall":                true,
	"testing/cryptotest":     true,
	"time/tzdata":            true,
	"unique":                 true,
	"unsafe":                 true,
	"weak":                   true,
}

// XSync lists the golang.org/x/sync packages in the tables.
var XSync = []string{
	"golang.org/x/sync/errgroup",
	"golang.org/x/sync/semaphore",
	"golang.org/x/sync/singleflight",
}

// Packages returns the sorted import paths to extract: the public standard
// library of the running toolchain (minus excludedStd), XSync, and every
// package under snippets/ that has Go files now. dir is a directory inside
// the module, where go list runs.
func Packages(dir string) ([]string, error) {
	std, err := goList(dir, "std")
	if err != nil {
		return nil, err
	}
	var pkgs []string
	for _, p := range std {
		if strings.HasPrefix(p, "cmd/") || strings.Contains(p, "internal") ||
			strings.HasPrefix(p, "vendor/") || excludedStd[p] {
			continue
		}
		pkgs = append(pkgs, p)
	}
	pkgs = append(pkgs, XSync...)
	snip, err := snippets(dir)
	if err != nil {
		return nil, err
	}
	pkgs = append(pkgs, snip...)
	slices.Sort(pkgs)
	return pkgs, nil
}

// SnippetsFilePrefix is the file-name prefix (after FilePrefix) of the
// tables of snippets packages.
var SnippetsFilePrefix = strings.TrimSuffix(strings.TrimPrefix(FileName(SnippetsPrefix+"x"), FilePrefix), "x.go")

// Snippets lists the snippets packages to extract (see Packages).
func Snippets(dir string) ([]string, error) { return snippets(dir) }

// snippets lists the non-main packages under snippets/ with Go files.
// Packages that don't compile yet are still listed: Generate reports them.
func snippets(dir string) ([]string, error) {
	cmd := exec.Command("go", "list", "-e", "-f", "{{if and .GoFiles (ne .Name \"main\")}}{{.ImportPath}}{{end}}", SnippetsPrefix+"...")
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if strings.Contains(stderr.String(), "matched no packages") {
			return nil, nil
		}
		return nil, fmt.Errorf("go list snippets: %w: %s", err, stderr.String())
	}
	var pkgs []string
	for _, p := range strings.Fields(string(out)) {
		if !strings.Contains(p, "/internal") {
			pkgs = append(pkgs, p)
		}
	}
	return pkgs, nil
}

func goList(dir string, args ...string) ([]string, error) {
	cmd := exec.Command("go", append([]string{"list"}, args...)...)
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list %s: %w", strings.Join(args, " "), err)
	}
	return strings.Fields(string(out)), nil
}

// FileName returns the name of the generated file for an import path.
func FileName(importPath string) string {
	r := strings.NewReplacer("/", "_", ".", "_", "-", "_", "~", "_")
	return FilePrefix + r.Replace(importPath) + ".go"
}

// Alias returns the short import path of a snippets package ("chanlab/timing"),
// or "" if importPath is not a snippets package.
func Alias(importPath string) string {
	rest, ok := strings.CutPrefix(importPath, SnippetsPrefix)
	if !ok {
		return ""
	}
	return AliasPrefix + rest
}

// Extract returns the generated source of the table of one package, in
// package dest. For a snippets package it also registers the table under
// the package's short alias. dir is a directory inside the module: the
// source importer resolves module packages from there.
func Extract(dir, dest, importPath string) ([]byte, error) {
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	if dir != wd {
		// The source importer resolves module imports from the working directory.
		if err := os.Chdir(dir); err != nil {
			return nil, err
		}
		defer os.Chdir(wd)
	}
	ext := extract.Extractor{Dest: dest}
	var buf bytes.Buffer
	if _, err := ext.Extract(importPath, "", &buf); err != nil {
		return nil, fmt.Errorf("extract %s: %w", importPath, err)
	}
	if a := Alias(importPath); a != "" {
		key := importPath + "/" + path.Base(importPath)
		fmt.Fprintf(&buf, "\nfunc init() {\n\t// The short import path of %s.\n\tSymbols[%q] = Symbols[%q]\n}\n",
			importPath, a+"/"+path.Base(importPath), key)
	}
	return buf.Bytes(), nil
}

// Generate writes the tables of pkgs into outDir as package dest, removing
// generated files whose names start with FileName-prefix prune (all
// generated files for "") of packages no longer listed. A package that fails to
// extract (a snippets package mid-edit) is skipped and its error returned
// in skipped; other errors abort.
func Generate(dir, outDir, dest string, pkgs []string, prune string) (skipped []error, err error) {
	old, err := filepath.Glob(filepath.Join(outDir, FilePrefix+prune+"*.go"))
	if err != nil {
		return nil, err
	}
	keep := map[string]bool{}
	for _, p := range pkgs {
		src, err := Extract(dir, dest, p)
		if err != nil {
			if strings.HasPrefix(p, SnippetsPrefix) {
				skipped = append(skipped, err)
				continue
			}
			return skipped, err
		}
		name := filepath.Join(outDir, FileName(p))
		keep[name] = true
		if err := os.WriteFile(name, src, 0o644); err != nil {
			return skipped, fmt.Errorf("write table: %w", err)
		}
	}
	for _, f := range old {
		if !keep[f] {
			if err := os.Remove(f); err != nil {
				return skipped, fmt.Errorf("remove stale table: %w", err)
			}
		}
	}
	return skipped, nil
}
