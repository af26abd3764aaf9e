package assist

import (
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"maps"
	"strings"

	"github.com/chanlab/chanlab/kernel/cellsrc"
)

// exprString formats an expression in Go syntax.
func exprString(e ast.Expr) string { return types.ExprString(e) }

const (
	declPrefix = "package p\n"
	stmtPrefix = "package p\nfunc _() {\n"
)

// parsedCell is a cell cut in two files of one file set: its top-level
// declarations (at package level) and its statements (inside a function
// body). Every byte keeps its offset, so offset o of the cell is at
// declBase+o in one file and stmtBase+o in the other.
type parsedCell struct {
	fset               *token.FileSet
	decls, stmts       *ast.File
	declSrc, stmtSrc   *source
	declBase, stmtBase int
}

// declPos and stmtPos convert a byte offset of the cell to a position.
func (c *parsedCell) declPos(off int) token.Pos { return token.Pos(c.declBase + off) }
func (c *parsedCell) stmtPos(off int) token.Pos { return token.Pos(c.stmtBase + off) }

// parseCell parses a cell that mixes declarations and statements. Syntax
// errors leave partial trees; unclosed brackets are closed first.
func parseCell(src string) *parsedCell {
	src += closers(src)
	decls, stmts := split(src)
	fset := token.NewFileSet()
	c := &parsedCell{fset: fset}
	mode := parser.ParseComments | parser.SkipObjectResolution | parser.AllErrors
	dtext := declPrefix + decls
	base := fset.Base()
	c.decls, _ = parser.ParseFile(fset, "cell", dtext, mode)
	c.declSrc = &source{fset: fset, text: dtext, base: base}
	c.declBase = base + len(declPrefix)
	stext := stmtPrefix + stmts + "\n}"
	base = fset.Base()
	c.stmts, _ = parser.ParseFile(fset, "cell", stext, mode)
	c.stmtSrc = &source{fset: fset, text: stext, base: base}
	c.stmtBase = base + len(stmtPrefix)
	if c.decls == nil {
		c.decls = &ast.File{}
	}
	if c.stmts == nil {
		c.stmts = &ast.File{}
	}
	return c
}

// closers returns the brackets that close what src leaves open, and a
// closing quote for an open raw string.
func closers(src string) string {
	stack, _, open := scanBrackets(src)
	var b strings.Builder
	if open == "`" {
		b.WriteByte('`')
	}
	for i := len(stack) - 1; i >= 0; i-- {
		b.WriteByte('\n')
		b.WriteByte(map[byte]byte{'(': ')', '[': ']', '{': '}'}[stack[i].ch])
	}
	return b.String()
}

// bracket is an open bracket and its offset.
type bracket struct {
	ch  byte
	off int
}

// scanBrackets scans src and returns the brackets left open, the offset of
// the first unmatched closing bracket (-1 if none), and "`", "/*" or "\""
// when src ends inside a raw string, a general comment or an interpreted
// string.
func scanBrackets(src string) (stack []bracket, stray int, open string) {
	var s scanner.Scanner
	fset := token.NewFileSet()
	f := fset.AddFile("", fset.Base(), len(src))
	s.Init(f, []byte(src), func(pos token.Position, msg string) {
		switch {
		case strings.Contains(msg, "raw string literal not terminated"):
			open = "`"
		case strings.Contains(msg, "comment not terminated"):
			open = "/*"
		case strings.Contains(msg, "string literal not terminated"):
			open = `"`
		}
	}, scanner.ScanComments)
	stray = -1
	for {
		pos, tok, _ := s.Scan()
		if tok == token.EOF {
			break
		}
		off := f.Offset(pos)
		switch tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			stack = append(stack, bracket{src[off], off})
		case token.RPAREN, token.RBRACK, token.RBRACE:
			want := map[token.Token]byte{token.RPAREN: '(', token.RBRACK: '[', token.RBRACE: '{'}[tok]
			if len(stack) == 0 || stack[len(stack)-1].ch != want {
				if stray < 0 {
					stray = off
				}
				continue
			}
			stack = stack[:len(stack)-1]
		}
	}
	return stack, stray, open
}

// split returns two copies of src, one with only its top-level
// declarations and one with only its statements; everything else is
// blanked with spaces (newlines kept), so offsets do not change.
func split(src string) (decls, stmts string) {
	isDecl := make([]bool, len(src)) // per byte: part of a declaration
	isPkg := make([]bool, len(src))
	for _, seg := range cellsrc.Split(src) {
		for i := seg.Start; i < seg.End; i++ {
			isDecl[i], isPkg[i] = seg.IsDecl(), seg.Kind == cellsrc.Package
		}
	}
	// Comments stay in both copies, so doc comments reach declarations.
	isComment := make([]bool, len(src))
	var cs scanner.Scanner
	cf := token.NewFileSet().AddFile("", -1, len(src))
	cs.Init(cf, []byte(src), nil, scanner.ScanComments)
	for {
		pos, t, lit := cs.Scan()
		if t == token.EOF {
			break
		}
		if t == token.COMMENT {
			for i := cf.Offset(pos); i < cf.Offset(pos)+len(lit) && i < len(src); i++ {
				isComment[i] = true
			}
		}
	}
	d, st := []byte(src), []byte(src)
	for i := range src {
		if src[i] == '\n' || isComment[i] {
			continue
		}
		if !isDecl[i] || isPkg[i] {
			d[i] = ' '
		}
		if isDecl[i] || isPkg[i] {
			st[i] = ' '
		}
	}
	return string(d), string(st)
}

// topLevel indexes what a cell declares for later cells: its declarations,
// and the variables its top-level statements define.
func (c *parsedCell) topLevel(sc scope) (members map[string]*symbol, methods map[string]map[string]*symbol, imports map[string]string) {
	members, methods, imports = map[string]*symbol{}, map[string]map[string]*symbol{}, map[string]string{}
	for _, d := range c.decls.Decls {
		declare(sc, c.declSrc, d, members, methods)
	}
	for _, is := range c.decls.Imports {
		ip := canonical(strings.Trim(is.Path.Value, "`\""))
		n := defaultName(ip)
		if is.Name != nil {
			n = is.Name.Name
		}
		if n != "_" && n != "." {
			imports[n] = ip
		}
	}
	for _, st := range wrapperBody(c.stmts) {
		for _, s := range stmtSymbols(sc, c.stmtSrc, st) {
			members[s.name] = s
		}
	}
	return members, methods, imports
}

// wrapperBody returns the statements of the function that holds a cell's
// statements.
func wrapperBody(f *ast.File) []ast.Stmt {
	if f == nil {
		return nil
	}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == "_" && fd.Body != nil {
			return fd.Body.List
		}
	}
	return nil
}

// stmtSymbols returns the names a statement declares in its own block.
func stmtSymbols(sc scope, src *source, st ast.Stmt) []*symbol {
	var out []*symbol
	switch st := st.(type) {
	case *ast.AssignStmt:
		if st.Tok != token.DEFINE {
			return nil
		}
		for i, lhs := range st.Lhs {
			id, ok := lhs.(*ast.Ident)
			if !ok || id.Name == "_" {
				continue
			}
			s := &symbol{name: id.Name, kind: kindVar, scope: sc, src: src, node: st, index: -1}
			switch {
			case len(st.Rhs) == len(st.Lhs):
				s.value = st.Rhs[i]
			case len(st.Rhs) == 1:
				s.value, s.index = st.Rhs[0], i
			}
			out = append(out, s)
		}
	case *ast.DeclStmt:
		m := map[string]*symbol{}
		declare(sc, src, st.Decl, m, map[string]map[string]*symbol{})
		for _, s := range m {
			out = append(out, s)
		}
	case *ast.LabeledStmt:
		return stmtSymbols(sc, src, st.Stmt)
	}
	return out
}

// visibleAt collects the local names visible at pos in f: parameters of
// enclosing functions, and variables declared before pos in enclosing
// blocks. Later (inner) declarations replace earlier ones.
func visibleAt(sc scope, src *source, f *ast.File, pos token.Pos, out map[string]*symbol) {
	if f == nil {
		return
	}
	in := func(n ast.Node) bool {
		if n == nil || !n.Pos().IsValid() {
			return false
		}
		return n.Pos() <= pos && (pos <= n.End() || !n.End().IsValid())
	}
	var stack []ast.Node
	enclosing := func() ast.Node {
		for i := len(stack) - 1; i >= 0; i-- {
			switch stack[i].(type) {
			case *ast.BlockStmt, *ast.IfStmt, *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt,
				*ast.TypeSwitchStmt, *ast.CaseClause, *ast.CommClause, *ast.FuncLit, *ast.FuncDecl:
				return stack[i]
			}
		}
		return nil
	}
	params := func(ft *ast.FuncType, recv *ast.FieldList) {
		for _, fl := range []*ast.FieldList{recv, ft.TypeParams, ft.Params, ft.Results} {
			if fl == nil {
				continue
			}
			for _, fld := range fl.List {
				for _, n := range fld.Names {
					out[n.Name] = &symbol{name: n.Name, kind: kindVar, scope: sc, src: src, node: fld, typ: fld.Type, index: -1}
				}
			}
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		switch n := n.(type) {
		case *ast.FuncDecl:
			if n.Body != nil && in(n.Body) && n.Name.Name != "_" {
				params(n.Type, n.Recv)
			}
		case *ast.FuncLit:
			if in(n.Body) {
				params(n.Type, nil)
			}
		case *ast.RangeStmt:
			if n.Tok == token.DEFINE && in(n.Body) {
				if id, ok := n.Key.(*ast.Ident); ok && id.Name != "_" {
					out[id.Name] = &symbol{name: id.Name, kind: kindVar, scope: sc, src: src, node: n, rangeOver: n.X, rangeKey: true, index: -1}
				}
				if id, ok := n.Value.(*ast.Ident); ok && id.Name != "_" {
					out[id.Name] = &symbol{name: id.Name, kind: kindVar, scope: sc, src: src, node: n, rangeOver: n.X, index: -1}
				}
			}
		case *ast.TypeSwitchStmt:
			if as, ok := n.Assign.(*ast.AssignStmt); ok && in(n.Body) && len(as.Lhs) == 1 && len(as.Rhs) == 1 {
				id, _ := as.Lhs[0].(*ast.Ident)
				ta, _ := as.Rhs[0].(*ast.TypeAssertExpr)
				if id != nil && ta != nil {
					for _, cl := range n.Body.List {
						cc, ok := cl.(*ast.CaseClause)
						if !ok || !in(cc) {
							continue
						}
						s := &symbol{name: id.Name, kind: kindVar, scope: sc, src: src, node: as, index: -1}
						if len(cc.List) == 1 {
							s.typ = cc.List[0]
						} else {
							s.value = ta.X
						}
						out[id.Name] = s
					}
				}
			}
		case *ast.AssignStmt, *ast.DeclStmt:
			if _, ok := stack[len(stack)-1].(*ast.TypeSwitchStmt); ok {
				break // v := x.(type) binds per clause, above
			}
			if n.End() <= pos && in(enclosing()) {
				for _, s := range stmtSymbols(sc, src, n.(ast.Stmt)) {
					out[s.name] = s
				}
			}
		}
		stack = append(stack, n)
		return true
	})
}

// session is what earlier cells declared. It is never changed after it is
// published: AddCell builds a new one.
type session struct {
	globals map[string]*symbol
	methods map[string]map[string]*symbol
	imports map[string]string
	cells   int
}

// with returns a new session extended by one parsed cell.
func (s *session) with(c *parsedCell) *session {
	members, methods, imports := c.topLevel(nil)
	n := &session{
		globals: maps.Clone(s.globals),
		methods: maps.Clone(s.methods),
		imports: maps.Clone(s.imports),
		cells:   s.cells + 1,
	}
	if n.globals == nil {
		n.globals = map[string]*symbol{}
	}
	if n.methods == nil {
		n.methods = map[string]map[string]*symbol{}
	}
	if n.imports == nil {
		n.imports = map[string]string{}
	}
	maps.Copy(n.globals, members)
	maps.Copy(n.imports, imports)
	for t, ms := range methods {
		m := maps.Clone(n.methods[t])
		if m == nil {
			m = map[string]*symbol{}
		}
		maps.Copy(m, ms)
		n.methods[t] = m
	}
	return n
}

// userScope resolves names in the cell being edited: locals visible at the
// cursor, then the cell's top-level names, then earlier cells.
type userScope struct {
	locals   map[string]*symbol
	cell     map[string]*symbol
	methods  map[string]map[string]*symbol
	imports  map[string]string
	sess     *session
	fallback func(name string) (string, bool)
}

func (u *userScope) lookup(name string) *symbol {
	if s := u.locals[name]; s != nil {
		return s
	}
	if s := u.cell[name]; s != nil {
		return s
	}
	return u.sess.globals[name]
}

func (u *userScope) importPath(name string) (string, bool) {
	if ip, ok := u.imports[name]; ok {
		return ip, true
	}
	if ip, ok := u.sess.imports[name]; ok {
		return ip, true
	}
	if u.fallback != nil {
		return u.fallback(name)
	}
	return "", false
}

func (u *userScope) typeMethods(typeName string) map[string]*symbol {
	a, b := u.sess.methods[typeName], u.methods[typeName]
	if len(b) == 0 {
		return a
	}
	if len(a) == 0 {
		return b
	}
	m := maps.Clone(a)
	maps.Copy(m, b)
	return m
}

func (u *userScope) pkgPath() string { return "" }

// newUserScope builds the scope at byte offset off of a parsed cell.
func newUserScope(c *parsedCell, off int, sess *session, fallback func(string) (string, bool)) *userScope {
	u := &userScope{locals: map[string]*symbol{}, sess: sess, fallback: fallback}
	u.cell, u.methods, u.imports = c.topLevel(nil)
	// Top-level statements after the cursor have not run yet.
	for _, st := range wrapperBody(c.stmts) {
		if st.Pos() >= c.stmtPos(off) {
			for _, s := range stmtSymbols(nil, c.stmtSrc, st) {
				if c := u.cell[s.name]; c != nil && c.node == s.node {
					delete(u.cell, s.name)
				}
			}
		}
	}
	visibleAt(nil, c.declSrc, c.decls, c.declPos(off), u.locals)
	visibleAt(nil, c.stmtSrc, c.stmts, c.stmtPos(off), u.locals)
	return u
}
