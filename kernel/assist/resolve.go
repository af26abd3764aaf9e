package assist

import (
	"go/ast"
	"go/token"
	"sort"
)

// maxDepth bounds every recursive resolution, so cyclic or self-referring
// declarations end.
const maxDepth = 24

// tref is a type expression together with the scope it is written in.
type tref struct {
	sc scope
	e  ast.Expr
}

// val is what an expression evaluates to for completion: a value of a
// type, a type, or a package.
type val struct {
	t      tref
	isType bool
	pkg    *pkgScope
}

// resolver infers types of expressions well enough for completion. It
// reads declarations only; it never type-checks.
type resolver struct {
	l        *loader
	universe *pkgScope // the builtin package; may be nil
	user     scope     // the scope of symbols with a nil scope
}

func (r *resolver) scopeOf(s *symbol) scope {
	if s.scope == nil {
		return r.user
	}
	return s.scope
}

// lookup finds a name in sc, then among the builtins.
func (r *resolver) lookup(sc scope, name string) *symbol {
	if sc != nil {
		if s := sc.lookup(name); s != nil {
			return s
		}
	}
	if r.universe != nil {
		return r.universe.lookup(name)
	}
	return nil
}

// pkgNamed returns the package a name denotes in sc, unless a symbol
// shadows it.
func (r *resolver) pkgNamed(sc scope, name string) *pkgScope {
	if sc == nil || sc.lookup(name) != nil {
		return nil
	}
	ip, ok := sc.importPath(name)
	if !ok {
		return nil
	}
	p, err := r.l.load(ip)
	if err != nil {
		return nil
	}
	return p
}

func (r *resolver) isBuiltin(s *symbol) bool {
	return r.universe != nil && s.scope == r.universe
}

func ident(name string) *ast.Ident { return &ast.Ident{Name: name} }

// eval evaluates e in sc; idx selects one value of a multi-value
// expression (-1 for a single value).
func (r *resolver) eval(sc scope, e ast.Expr, idx, depth int) (val, bool) {
	if depth > maxDepth || e == nil {
		return val{}, false
	}
	depth++
	switch e := e.(type) {
	case *ast.ParenExpr:
		return r.eval(sc, e.X, idx, depth)
	case *ast.Ident:
		if e.Name == "_" {
			return val{}, false
		}
		if s := r.lookup(sc, e.Name); s != nil {
			return r.symVal(s, depth)
		}
		if p := r.pkgNamed(sc, e.Name); p != nil {
			return val{pkg: p}, true
		}
	case *ast.BasicLit:
		name := map[token.Token]string{token.INT: "int", token.FLOAT: "float64", token.IMAG: "complex128", token.CHAR: "rune", token.STRING: "string"}[e.Kind]
		return val{t: tref{r.universe, ident(name)}}, r.universe != nil
	case *ast.SelectorExpr:
		x, ok := r.eval(sc, e.X, -1, depth)
		if !ok {
			return val{}, false
		}
		if x.pkg != nil {
			if s := x.pkg.members[e.Sel.Name]; s != nil {
				return r.symVal(s, depth)
			}
			return val{}, false
		}
		if s := r.member(x.t, e.Sel.Name, depth); s != nil {
			return r.symVal(s, depth)
		}
	case *ast.CallExpr:
		return r.evalCall(sc, e, idx, depth)
	case *ast.IndexExpr, *ast.IndexListExpr:
		var xe ast.Expr
		if ie, ok := e.(*ast.IndexExpr); ok {
			xe = ie.X
		} else {
			xe = e.(*ast.IndexListExpr).X
		}
		x, ok := r.eval(sc, xe, -1, depth)
		if !ok {
			return val{}, false
		}
		if x.isType {
			return val{t: tref{sc, e}, isType: true}, true
		}
		u := r.underlying(x.t, depth)
		if st, ok := u.e.(*ast.StarExpr); ok { // pointer to array
			u = r.underlying(tref{u.sc, st.X}, depth)
		}
		switch ut := u.e.(type) {
		case *ast.FuncType:
			return x, true // instantiated generic function
		case *ast.ArrayType:
			return val{t: tref{u.sc, ut.Elt}}, true
		case *ast.MapType:
			if idx == 1 {
				return val{t: tref{r.universe, ident("bool")}}, true
			}
			return val{t: tref{u.sc, ut.Value}}, true
		case *ast.Ident:
			if ut.Name == "string" {
				return val{t: tref{r.universe, ident("byte")}}, true
			}
		}
	case *ast.SliceExpr:
		return r.eval(sc, e.X, -1, depth)
	case *ast.StarExpr:
		x, ok := r.eval(sc, e.X, -1, depth)
		if !ok {
			return val{}, false
		}
		if x.isType {
			return val{t: tref{sc, e}, isType: true}, true
		}
		if p, ok := unparen(x.t.e).(*ast.StarExpr); ok {
			return val{t: tref{x.t.sc, p.X}}, true
		}
		if p, ok := r.underlying(x.t, depth).e.(*ast.StarExpr); ok {
			return val{t: tref{x.t.sc, p.X}}, true
		}
	case *ast.UnaryExpr:
		x, ok := r.eval(sc, e.X, -1, depth)
		if !ok {
			return val{}, false
		}
		switch e.Op {
		case token.AND:
			return val{t: tref{x.t.sc, &ast.StarExpr{X: x.t.e}}}, true
		case token.ARROW:
			if idx == 1 {
				return val{t: tref{r.universe, ident("bool")}}, true
			}
			if ct, ok := r.underlying(x.t, depth).e.(*ast.ChanType); ok {
				return val{t: tref{x.t.sc, ct.Value}}, true
			}
			return val{}, false
		}
		return x, true
	case *ast.BinaryExpr:
		switch e.Op {
		case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ, token.LAND, token.LOR:
			return val{t: tref{r.universe, ident("bool")}}, true
		}
		if _, untyped := unparen(e.X).(*ast.BasicLit); untyped && e.Op != token.SHL && e.Op != token.SHR {
			return r.eval(sc, e.Y, -1, depth) // 3 * time.Second is a Duration
		}
		return r.eval(sc, e.X, -1, depth)
	case *ast.CompositeLit:
		if e.Type != nil {
			return val{t: tref{sc, e.Type}}, true
		}
	case *ast.FuncLit:
		return val{t: tref{sc, e.Type}}, true
	case *ast.TypeAssertExpr:
		if idx == 1 {
			return val{t: tref{r.universe, ident("bool")}}, true
		}
		if e.Type != nil {
			return val{t: tref{sc, e.Type}}, true
		}
	case *ast.ArrayType, *ast.MapType, *ast.ChanType, *ast.FuncType, *ast.StructType, *ast.InterfaceType:
		return val{t: tref{sc, e}, isType: true}, true
	}
	return val{}, false
}

// evalCall evaluates a call: a conversion, a builtin or a function call.
func (r *resolver) evalCall(sc scope, e *ast.CallExpr, idx, depth int) (val, bool) {
	if id, ok := unparen(e.Fun).(*ast.Ident); ok {
		if s := r.lookup(sc, id.Name); s != nil && r.isBuiltin(s) && s.kind == kindFunc {
			switch id.Name {
			case "new":
				if len(e.Args) == 1 {
					return val{t: tref{sc, &ast.StarExpr{X: e.Args[0]}}}, true
				}
			case "make":
				if len(e.Args) >= 1 {
					return val{t: tref{sc, e.Args[0]}}, true
				}
			case "append":
				if len(e.Args) >= 1 {
					return r.eval(sc, e.Args[0], -1, depth)
				}
			case "len", "cap", "copy":
				return val{t: tref{r.universe, ident("int")}}, true
			case "min", "max":
				if len(e.Args) >= 1 {
					return r.eval(sc, e.Args[0], -1, depth)
				}
			}
			return val{}, false
		}
	}
	f, ok := r.eval(sc, e.Fun, -1, depth)
	if !ok {
		return val{}, false
	}
	if f.isType {
		return val{t: f.t}, true // conversion
	}
	ft, ok := r.underlying(f.t, depth).e.(*ast.FuncType)
	if !ok || ft.Results == nil {
		return val{}, false
	}
	results := flatten(ft.Results)
	if idx < 0 {
		idx = 0
	}
	if idx >= len(results) {
		return val{}, false
	}
	return val{t: tref{f.t.sc, results[idx]}}, true
}

// flatten lists the types of a field list, one per name.
func flatten(fl *ast.FieldList) []ast.Expr {
	var out []ast.Expr
	if fl == nil {
		return nil
	}
	for _, f := range fl.List {
		n := max(len(f.Names), 1)
		for range n {
			out = append(out, f.Type)
		}
	}
	return out
}

func unparen(e ast.Expr) ast.Expr {
	for {
		p, ok := e.(*ast.ParenExpr)
		if !ok {
			return e
		}
		e = p.X
	}
}

// symVal is the value (or type) a symbol denotes.
func (r *resolver) symVal(s *symbol, depth int) (val, bool) {
	sc := r.scopeOf(s)
	if s.kind == kindType {
		return val{t: tref{sc, ident(s.name)}, isType: true}, true
	}
	if s.kind == kindPackage {
		p, err := r.l.load(s.name)
		return val{pkg: p}, err == nil
	}
	t, ok := r.symType(s, depth)
	return val{t: t}, ok
}

// symType is the type of a variable, constant, field or function symbol.
func (r *resolver) symType(s *symbol, depth int) (tref, bool) {
	if depth > maxDepth {
		return tref{}, false
	}
	depth++
	sc := r.scopeOf(s)
	switch {
	case s.typ != nil:
		return tref{sc, s.typ}, true
	case s.rangeOver != nil:
		x, ok := r.eval(sc, s.rangeOver, -1, depth)
		if !ok {
			return tref{}, false
		}
		u := r.underlying(x.t, depth)
		if st, ok := u.e.(*ast.StarExpr); ok {
			u = r.underlying(tref{u.sc, st.X}, depth)
		}
		intT := tref{r.universe, ident("int")}
		switch ut := u.e.(type) {
		case *ast.ArrayType:
			if s.rangeKey {
				return intT, true
			}
			return tref{u.sc, ut.Elt}, true
		case *ast.MapType:
			if s.rangeKey {
				return tref{u.sc, ut.Key}, true
			}
			return tref{u.sc, ut.Value}, true
		case *ast.ChanType:
			return tref{u.sc, ut.Value}, true
		case *ast.FuncType: // iterator: func(yield func(K, V) bool)
			if ps := flatten(ut.Params); len(ps) == 1 {
				if yt, ok := r.underlying(tref{u.sc, ps[0]}, depth).e.(*ast.FuncType); ok {
					yp := flatten(yt.Params)
					i := 1
					if s.rangeKey {
						i = 0
					}
					if i < len(yp) {
						return tref{u.sc, yp[i]}, true
					}
				}
			}
		case *ast.Ident:
			if ut.Name == "string" {
				if s.rangeKey {
					return intT, true
				}
				return tref{r.universe, ident("rune")}, true
			}
			return x.t, true // range over an integer
		}
		return tref{}, false
	case s.value != nil:
		v, ok := r.eval(sc, s.value, s.index, depth)
		if !ok || v.isType || v.pkg != nil {
			return tref{}, false
		}
		return v.t, true
	}
	return tref{}, false
}

// named returns the type symbol a type expression names, if any.
func (r *resolver) named(t tref) *symbol {
	switch e := unparen(t.e).(type) {
	case *ast.Ident:
		if s := r.lookup(t.sc, e.Name); s != nil && s.kind == kindType {
			return s
		}
	case *ast.SelectorExpr:
		if x, ok := e.X.(*ast.Ident); ok {
			if p := r.pkgNamed(t.sc, x.Name); p != nil {
				if s := p.members[e.Sel.Name]; s != nil && s.kind == kindType {
					return s
				}
			}
		}
	case *ast.IndexExpr:
		return r.named(tref{t.sc, e.X})
	case *ast.IndexListExpr:
		return r.named(tref{t.sc, e.X})
	}
	return nil
}

// underlying follows named types to their type literal.
func (r *resolver) underlying(t tref, depth int) tref {
	for range maxDepth {
		s := r.named(t)
		if s == nil {
			return tref{t.sc, unparen(t.e)}
		}
		spec, ok := s.node.(*ast.TypeSpec)
		if !ok {
			return t
		}
		if id, ok := spec.Type.(*ast.Ident); ok && id.Name == s.name {
			return tref{r.scopeOf(s), id} // builtin: type int int
		}
		t = tref{r.scopeOf(s), spec.Type}
	}
	return t
}

// member finds a field or method by name.
func (r *resolver) member(t tref, name string, depth int) *symbol {
	for _, s := range r.members(t, depth) {
		if s.name == name {
			return s
		}
	}
	return nil
}

// members lists the fields and methods of a type (through one pointer),
// including promoted ones; shallower names win.
func (r *resolver) members(t tref, depth int) []*symbol {
	seen := map[string]bool{}
	var out []*symbol
	add := func(s *symbol) {
		if !seen[s.name] {
			seen[s.name] = true
			out = append(out, s)
		}
	}
	r.collect(t, depth, add, map[*symbol]bool{})
	return out
}

func (r *resolver) collect(t tref, depth int, add func(*symbol), visited map[*symbol]bool) {
	if depth > maxDepth || t.e == nil {
		return
	}
	depth++
	e := unparen(t.e)
	if st, ok := e.(*ast.StarExpr); ok {
		e = unparen(st.X)
		t = tref{t.sc, e}
	}
	var body tref
	if s := r.named(t); s != nil {
		if visited[s] {
			return
		}
		visited[s] = true
		spec, ok := s.node.(*ast.TypeSpec)
		if !ok {
			return
		}
		ssc := r.scopeOf(s)
		if spec.Assign.IsValid() { // alias
			r.collect(tref{ssc, spec.Type}, depth, add, visited)
			return
		}
		ms := ssc.typeMethods(s.name)
		names := make([]string, 0, len(ms))
		for n := range ms {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			add(ms[n])
		}
		body = r.underlying(tref{ssc, spec.Type}, depth)
	} else {
		body = r.underlying(t, depth)
	}
	var promoted []tref
	switch bt := body.e.(type) {
	case *ast.StructType:
		owner := exprString(t.e)
		for _, f := range bt.Fields.List {
			if len(f.Names) == 0 {
				n := receiverName(embeddedName(f.Type))
				add(&symbol{name: n, kind: kindField, scope: body.sc, node: f, typ: f.Type, doc: fieldDoc(f), owner: owner, index: -1})
				promoted = append(promoted, tref{body.sc, f.Type})
				continue
			}
			for _, n := range f.Names {
				add(&symbol{name: n.Name, kind: kindField, scope: body.sc, node: f, typ: f.Type, doc: fieldDoc(f), owner: owner, index: -1})
			}
		}
	case *ast.InterfaceType:
		owner := exprString(t.e)
		for _, f := range bt.Methods.List {
			if len(f.Names) == 0 {
				promoted = append(promoted, tref{body.sc, f.Type})
				continue
			}
			for _, n := range f.Names {
				add(&symbol{name: n.Name, kind: kindMethod, scope: body.sc, node: f, typ: f.Type, doc: fieldDoc(f), owner: owner, index: -1})
			}
		}
	}
	for _, p := range promoted {
		r.collect(p, depth, add, visited)
	}
}

// embeddedName strips pointers and package qualifiers from an embedded
// field's type.
func embeddedName(e ast.Expr) ast.Expr {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.SelectorExpr:
			return t.Sel
		default:
			return e
		}
	}
}

func fieldDoc(f *ast.Field) *ast.CommentGroup {
	if f.Doc != nil {
		return f.Doc
	}
	return f.Comment
}
