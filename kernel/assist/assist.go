// Package assist answers the requests that help while typing in a ChanLab
// notebook: completion, inspection (Shift+Tab help) and is_complete.
//
// It runs in the kernel's protocol process and never talks to the engine:
// it reads Go source instead. Package members and their documentation come
// from the standard library sources in GOROOT, from golang.org/x/sync in
// the module cache and from the ChanLab snippets packages, parsed on first
// use and cached. Names declared by earlier cells come from AddCell, which
// the kernel calls after each cell that ran successfully; types of
// variables are inferred from their declarations (var x T, x := f(),
// x := &T{}, range clauses, ...), without type-checking.
//
// In a magic cell (one starting with %), it completes and describes magic
// names (package magic) and, after %snippet, snippet names (package
// catalog); Shift+Tab on a snippet name shows its code.
//
// Cursor positions are in UTF-16 code units, as JupyterLab sends them.
// All methods are safe for concurrent use and never block on a running
// cell.
package assist

import (
	"go/build"
	"os"
	"sync"
	"sync/atomic"
)

// Options configure an Assistant. Zero values are found automatically.
type Options struct {
	// GOROOT holds the standard library sources (GOROOT/src).
	GOROOT string
	// ModuleDir is the root of the ChanLab module source.
	ModuleDir string
	// XSyncDir is the root of golang.org/x/sync's source.
	XSyncDir string
}

// Assistant implements completion, inspection and is_complete for Go cells.
type Assistant struct {
	l    *loader
	sess atomic.Pointer[session]
	mu   sync.Mutex // serializes AddCell

	fallbackOnce sync.Once
	fallback     map[string]string // package name → path, for names not imported
}

// New returns an Assistant reading sources where opts says, or where it
// finds them.
func New(opts Options) *Assistant {
	if opts.GOROOT == "" {
		opts.GOROOT = os.Getenv("GOROOT")
	}
	if opts.GOROOT == "" {
		opts.GOROOT = build.Default.GOROOT
	}
	if opts.ModuleDir == "" {
		opts.ModuleDir = os.Getenv("CHANLAB_SRC")
	}
	if opts.ModuleDir == "" {
		opts.ModuleDir = findModuleDir()
	}
	if opts.XSyncDir == "" {
		opts.XSyncDir = findXSyncDir(opts.ModuleDir)
	}
	a := &Assistant{l: newLoader(opts.GOROOT, opts.ModuleDir, opts.XSyncDir)}
	a.sess.Store(&session{})
	return a
}

// warmPackages are read by Warm: what notebook cells use most.
var warmPackages = []string{
	"builtin", "fmt", "sync", "sync/atomic", "time", "context", "errors", "strings",
	"math/rand", "os", "sort", "strconv", "runtime", "math",
	"golang.org/x/sync/errgroup", "golang.org/x/sync/semaphore",
}

// Warm reads the import path list and the most used packages, so the
// first completion is fast. It returns at once; the work runs in a
// goroutine and done (if not nil) is closed when it is finished.
func (a *Assistant) Warm(done chan<- struct{}) {
	go func() {
		a.l.importPaths()
		a.fallbackNames()
		for _, p := range warmPackages {
			a.l.load(p)
		}
		for _, p := range a.l.importPaths() {
			if len(p) > len(modulePath) && p[:len(modulePath)] == modulePath {
				a.l.load(p)
			}
		}
		if done != nil {
			close(done)
		}
	}()
}

// AddCell records the declarations of a cell that ran successfully, so
// later cells can complete and inspect them.
func (a *Assistant) AddCell(code string) {
	var c *parsedCell
	func() {
		defer recoverTo(&c)
		c = parseCell(code)
	}()
	if c == nil {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.sess.Store(a.sess.Load().with(c))
}

// Reset forgets every cell added so far (after a kernel restart).
func (a *Assistant) Reset() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.sess.Store(&session{})
}

// fallbackNames maps package names to import paths for packages a cell
// uses without importing them (the kernel may import them itself): names
// that only one package has, plus the usual choice for the others.
func (a *Assistant) fallbackNames() map[string]string {
	a.fallbackOnce.Do(func() {
		count := map[string]int{}
		byName := map[string]string{}
		for _, p := range a.l.importPaths() {
			n := defaultName(p)
			count[n]++
			byName[n] = p
		}
		m := map[string]string{}
		for n, c := range count {
			if c == 1 {
				m[n] = byName[n]
			}
		}
		for n, p := range map[string]string{
			"rand": "math/rand", "template": "text/template", "scanner": "go/scanner",
			"errgroup": "golang.org/x/sync/errgroup", "semaphore": "golang.org/x/sync/semaphore",
		} {
			m[n] = p
		}
		a.fallback = m
	})
	return a.fallback
}

// resolverFor builds the resolver and scope for a cell being edited, with
// the cursor at byte offset off of the parsed text.
func (a *Assistant) resolverFor(c *parsedCell, off int) (*resolver, *userScope) {
	u := newUserScope(c, off, a.sess.Load(), func(name string) (string, bool) {
		p, ok := a.fallbackNames()[name]
		return p, ok
	})
	r := &resolver{l: a.l, user: u}
	if b, err := a.l.load("builtin"); err == nil {
		r.universe = b
	}
	return r, u
}
