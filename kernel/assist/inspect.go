package assist

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/doc/comment"
	"go/parser"
	"go/printer"
	"go/token"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Inspect describes the name at cursor (in UTF-16 code units), or the
// function whose call the cursor is in: its declaration and doc comment,
// as text/plain and text/markdown. Detail level 0 gives the signature and
// documentation; level 1 adds the source of declarations from cells and
// functions, and every method of a type.
func (a *Assistant) Inspect(code string, cursor, detailLevel int) (map[string]any, bool) {
	b := byteOffset(code, cursor)
	d, isMagic := inspectMagic(code, b)
	if isMagic {
		// d describes the magic or snippet, or is nil
	} else if lc := lexAt(code, b); lc.inImport {
		end := lc.strStart
		for end < len(code) && code[end] != '"' && code[end] != '`' && code[end] != '\n' {
			end++
		}
		if p, err := a.l.load(code[lc.strStart:end]); err == nil {
			d = describePackage(p, detailLevel)
		}
	} else if !lc.inComment && !lc.inString {
		func() {
			defer recoverTo(&d)
			d = a.inspect(code, b, detailLevel)
		}()
	}
	if d == nil {
		return nil, false
	}
	return map[string]any{"text/plain": d.plain(), "text/markdown": d.markdown()}, true
}

// description is what Inspect shows: a title, Go code and documentation.
type description struct {
	title string
	code  string
	doc   string // doc comment text
	pkg   string // import path of the package doc links refer to
	extra string // more text shown after the doc
}

// parseDoc parses a doc comment; links such as [WaitGroup.Wait] refer to
// d.pkg.
func (d *description) parseDoc() *comment.Doc {
	p := comment.Parser{LookupSym: func(recv, name string) bool { return d.pkg != "" }}
	return p.Parse(d.doc)
}

// linkURL points doc links to pkg.go.dev.
func (d *description) linkURL(l *comment.DocLink) string {
	ip := l.ImportPath
	if ip == "" {
		ip = d.pkg
	}
	u := "https://pkg.go.dev/" + ip
	if l.Name != "" {
		u += "#" + l.Name
		if l.Recv != "" {
			u = "https://pkg.go.dev/" + ip + "#" + l.Recv + "." + l.Name
		}
	}
	return u
}

func (d *description) plain() string {
	var b strings.Builder
	b.WriteString(d.title)
	if d.code != "" {
		b.WriteString("\n\n" + d.code)
	}
	if d.doc != "" {
		pr := comment.Printer{TextWidth: 80}
		b.WriteString("\n\n" + strings.TrimRight(string(pr.Text(d.parseDoc())), "\n"))
	}
	if d.extra != "" {
		b.WriteString("\n\n" + d.extra)
	}
	return b.String() + "\n"
}

func (d *description) markdown() string {
	var b strings.Builder
	title := strings.NewReplacer("*", `\*`, "_", `\_`, "[", `\[`, "`", "\\`").Replace(d.title)
	b.WriteString("**" + title + "**\n")
	if d.code != "" {
		b.WriteString("\n```go\n" + d.code + "\n```\n")
	}
	if d.doc != "" {
		pr := comment.Printer{DocLinkURL: d.linkURL}
		b.WriteString("\n" + string(pr.Markdown(d.parseDoc())))
	}
	if d.extra != "" {
		b.WriteString("\n```go\n" + d.extra + "\n```\n")
	}
	return b.String()
}

// inspect finds and describes the name at byte offset b.
func (a *Assistant) inspect(code string, b, detail int) *description {
	ws, we := identStart(code, b), identEnd(code, b)
	if ws == we {
		// Not on a name: describe the function being called.
		stack, _, _ := scanBrackets(code[:b])
		if len(stack) == 0 || stack[len(stack)-1].ch != '(' {
			return nil
		}
		we = stack[len(stack)-1].off
		for we > 0 && (code[we-1] == ' ' || code[we-1] == '\t') {
			we--
		}
		ws = identStart(code, we)
		if ws == we {
			return nil
		}
	}
	name := code[ws:we]
	if r, _ := utf8.DecodeRuneInString(name); unicode.IsDigit(r) {
		return nil
	}
	c := parseCell(code)
	r, u := a.resolverFor(c, ws)
	if ws > 0 && code[ws-1] == '.' {
		cs := chainStart(code, ws-1)
		x, err := parser.ParseExpr(code[cs : ws-1])
		if err != nil {
			return nil
		}
		v, ok := r.eval(u, x, -1, 0)
		if !ok {
			return nil
		}
		if v.pkg != nil {
			if s := v.pkg.members[name]; s != nil {
				return a.describe(r, s, detail)
			}
			return nil
		}
		if s := r.member(v.t, name, 0); s != nil {
			return a.describe(r, s, detail)
		}
		return nil
	}
	if s := r.lookup(u, name); s != nil {
		return a.describe(r, s, detail)
	}
	if p := r.pkgNamed(u, name); p != nil {
		return describePackage(p, detail)
	}
	if isKeyword(name) {
		return &description{title: "keyword " + name}
	}
	return nil
}

func isKeyword(s string) bool {
	for _, k := range keywords {
		if k == s {
			return true
		}
	}
	return false
}

// identEnd returns where the identifier that contains b ends.
func identEnd(code string, b int) int {
	i := b
	for i < len(code) {
		r, size := utf8.DecodeRuneInString(code[i:])
		if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		i += size
	}
	return i
}

// describePackage describes a package: its name, path and doc comment
// (the first paragraph at level 0).
func describePackage(p *pkgScope, detail int) *description {
	d := &description{title: "package " + p.name, code: fmt.Sprintf("import %q", p.path), doc: p.doc, pkg: p.path}
	if detail == 0 {
		d.doc = firstParagraph(d.doc)
	}
	return d
}

// describe describes a symbol.
func (a *Assistant) describe(r *resolver, s *symbol, detail int) *description {
	sc := r.scopeOf(s)
	qual := ""
	if p, ok := sc.(*pkgScope); ok && p.path != "builtin" {
		qual = p.name + "."
	}
	d := &description{title: s.kind.String() + " " + qual + s.name, pkg: sc.pkgPath()}
	if s.doc != nil {
		d.doc = s.doc.Text()
	}
	fromCell := s.src != nil && s.src.text != ""
	switch n := s.node.(type) {
	case *ast.FuncDecl:
		if n.Recv != nil && len(n.Recv.List) > 0 {
			d.title = fmt.Sprintf("method (%s%s).%s", recvPrefix(n.Recv.List[0].Type), qual+receiverName(n.Recv.List[0].Type), s.name)
		}
		sig := *n
		sig.Body, sig.Doc = nil, nil
		d.code = printNode(s.src.fset, &sig)
		if detail > 0 && n.Body != nil {
			if fromCell {
				d.code = s.src.slice(n.Pos(), n.End())
			} else {
				full := *n
				full.Doc = nil
				var node any = &full
				if s.src.file != nil {
					node = &printer.CommentedNode{Node: &full, Comments: s.src.file.Comments}
				}
				d.code = printNode(s.src.fset, node)
			}
		}
	case *ast.TypeSpec:
		if fromCell && detail > 0 {
			d.code = s.src.slice(s.decl.Pos(), s.decl.End())
			if len(s.decl.Specs) > 1 {
				d.code = "type " + s.src.slice(n.Pos(), n.End())
			}
		} else {
			d.code = printNode(s.src.fset, &ast.GenDecl{Tok: token.TYPE, Specs: []ast.Spec{n}})
		}
		d.extra = a.methodList(r, s, detail)
	case *ast.ValueSpec:
		if fromCell {
			d.code = strings.TrimSpace(s.src.slice(s.decl.Pos(), s.decl.End()))
		} else {
			spec := *n
			spec.Doc, spec.Comment = nil, nil
			d.code = printNode(s.src.fset, &ast.GenDecl{Tok: s.decl.Tok, Specs: []ast.Spec{&spec}})
		}
		a.addType(r, s, d, detail)
	case *ast.Field:
		if s.owner != "" {
			d.title = fmt.Sprintf("%s (%s).%s", s.kind, qualify(sc, s.owner), s.name)
		}
		if ft, ok := n.Type.(*ast.FuncType); ok && s.kind == kindMethod {
			d.code = s.name + strings.TrimPrefix(exprString(ft), "func")
		} else {
			d.code = s.name + " " + exprString(n.Type)
			if s.kind == kindVar { // a parameter
				d.code = "var " + d.code
			}
			a.addType(r, s, d, detail)
		}
	default:
		if s.node != nil && fromCell {
			text := strings.TrimSpace(s.src.slice(s.node.Pos(), s.node.End()))
			if detail == 0 {
				if i := strings.IndexByte(text, '\n'); i >= 0 {
					text = text[:i] + " …"
				}
			}
			d.code = text
		}
		a.addType(r, s, d, detail)
	}
	return d
}

// addType appends the type of a variable, with its documentation, to d.
func (a *Assistant) addType(r *resolver, s *symbol, d *description, detail int) {
	if s.kind != kindVar && s.kind != kindField && s.kind != kindConst {
		return
	}
	t, ok := r.symType(s, 0)
	if !ok {
		return
	}
	ts := typeString(r, t)
	d.title += " " + ts
	if d.doc != "" {
		return
	}
	nt := t
	if st, ok := unparen(t.e).(*ast.StarExpr); ok {
		nt = tref{t.sc, st.X}
	}
	if ns := r.named(nt); ns != nil {
		if ns.doc != nil {
			d.doc, d.pkg = ns.doc.Text(), r.scopeOf(ns).pkgPath()
			if detail == 0 {
				d.doc = firstParagraph(d.doc)
			}
		}
		d.extra = a.methodList(r, ns, detail)
	}
}

// firstParagraph returns the text up to the first blank line.
func firstParagraph(s string) string {
	if i := strings.Index(s, "\n\n"); i >= 0 {
		return s[:i+1]
	}
	return s
}

// methodList lists the methods of a named type (exported ones for package
// types): names at level 0, signatures at level 1.
func (a *Assistant) methodList(r *resolver, ts *symbol, detail int) string {
	sc := r.scopeOf(ts)
	ms := sc.typeMethods(ts.name)
	var names []string
	for n := range ms {
		if sc.pkgPath() == "" || token.IsExported(n) {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return ""
	}
	sort.Strings(names)
	if detail == 0 {
		return "// methods: " + strings.Join(names, ", ")
	}
	var lines []string
	for _, n := range names {
		m := ms[n]
		if fd, ok := m.node.(*ast.FuncDecl); ok {
			sig := *fd
			sig.Body, sig.Doc = nil, nil
			lines = append(lines, printNode(m.src.fset, &sig))
		}
	}
	return strings.Join(lines, "\n")
}

// recvPrefix is "*" for a pointer receiver.
func recvPrefix(e ast.Expr) string {
	if _, ok := e.(*ast.StarExpr); ok {
		return "*"
	}
	return ""
}

// qualify prefixes a type name of a package scope with the package name.
func qualify(sc scope, name string) string {
	if p, ok := sc.(*pkgScope); ok && p.path != "builtin" && !strings.Contains(name, ".") {
		return p.name + "." + name
	}
	return name
}

// typeString formats a type for display, qualifying names declared in a
// package with the package's name.
func typeString(r *resolver, t tref) string {
	switch e := unparen(t.e).(type) {
	case *ast.Ident:
		if s := r.lookup(t.sc, e.Name); s != nil && s.kind == kindType && !r.isBuiltin(s) {
			return qualify(r.scopeOf(s), e.Name)
		}
		return e.Name
	case *ast.StarExpr:
		return "*" + typeString(r, tref{t.sc, e.X})
	case *ast.ArrayType:
		if e.Len == nil {
			return "[]" + typeString(r, tref{t.sc, e.Elt})
		}
		return "[" + exprString(e.Len) + "]" + typeString(r, tref{t.sc, e.Elt})
	case *ast.MapType:
		return "map[" + typeString(r, tref{t.sc, e.Key}) + "]" + typeString(r, tref{t.sc, e.Value})
	case *ast.ChanType:
		prefix := map[ast.ChanDir]string{ast.SEND: "chan<- ", ast.RECV: "<-chan ", ast.SEND | ast.RECV: "chan "}[e.Dir]
		return prefix + typeString(r, tref{t.sc, e.Value})
	}
	return exprString(t.e)
}

// printNode formats a syntax tree node.
func printNode(fset *token.FileSet, n any) string {
	var b bytes.Buffer
	cfg := printer.Config{Mode: printer.UseSpaces | printer.TabIndent, Tabwidth: 8}
	if err := cfg.Fprint(&b, fset, n); err != nil {
		return ""
	}
	return b.String()
}
