package rewrite

import "go/ast"

// nameParams gives every unnamed parameter of a function with a body the
// name _:
//
//	pool.Map(3, func(int) (any, error) { n := cur.Add(1); ... })
//
// becomes
//
//	pool.Map(3, func(_ int) (any, error) { n := cur.Add(1); ... })
//
// yaegi v0.16.0 gives an unnamed parameter no slot in the function's
// frame, so compiled code calling the function (a pool's Map) stores the
// argument in the slot of the body's first local variable: "reflect.Set:
// value of type int is not assignable to type func(*atomic.Int32, int32)
// int32". Unnamed results are not affected.
func (r *rewriter) nameParams() {
	ast.Inspect(r.file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			nameFields(n.Type.Params)
		case *ast.FuncDecl:
			if n.Body != nil {
				nameFields(n.Type.Params)
			}
		}
		return true
	})
}

// nameFields names the fields of an unnamed parameter list _.
func nameFields(l *ast.FieldList) {
	if l == nil {
		return
	}
	for _, f := range l.List {
		if len(f.Names) > 0 {
			return // all named
		}
	}
	for _, f := range l.List {
		f.Names = []*ast.Ident{{NamePos: f.Type.Pos(), Name: "_"}}
	}
}
