package rewrite

import (
	"go/ast"

	"golang.org/x/tools/go/ast/astutil"
)

// redirectSleep replaces time.Sleep, called or used as a value, by
// rt.Sleep, which an interrupt (rt.Cancel) ends by stopping the sleeping
// goroutine. Only a selector whose package is "time" is replaced; a user's
// own Sleep or a variable named time is left alone.
func (r *rewriter) redirectSleep() {
	astutil.Apply(r.file, nil, func(c *astutil.Cursor) bool {
		sel, ok := c.Node().(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "Sleep" {
			return true
		}
		pkg, ok := sel.X.(*ast.Ident)
		if !ok {
			return true
		}
		path := r.importPath(pkg)
		if path == "" && pkg.Name == "time" && r.info.Uses[pkg] == nil && r.info.Defs[pkg] == nil {
			path = "time" // imported into the interpreter outside this Session
		}
		if path != "time" {
			return true
		}
		c.Replace(&ast.SelectorExpr{X: &ast.Ident{NamePos: pkg.NamePos, Name: rtName}, Sel: sel.Sel})
		return true
	})
}
