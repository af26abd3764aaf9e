package assist

import (
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Completion is the content of a complete_reply, less its status. Its
// fields match server.Completion, so one converts to the other.
type Completion struct {
	Matches     []string       `json:"matches"`
	CursorStart int            `json:"cursor_start"`
	CursorEnd   int            `json:"cursor_end"`
	Metadata    map[string]any `json:"metadata"`
}

// TypesKey is the metadata key under which JupyterLab reads the kind of
// each match.
const TypesKey = "_jupyter_types_experimental"

// item is one completion candidate.
type item struct {
	text, kind, signature string
}

// Complete returns the completions for the word before cursor (in UTF-16
// code units): import paths inside an import declaration, members after
// a dot (package members, fields and methods), otherwise names in scope,
// builtins and keywords. Nothing is offered inside comments and strings.
func (a *Assistant) Complete(code string, cursor int) Completion {
	b := byteOffset(code, cursor)
	start, items := b, []item(nil)
	func() {
		defer recoverTo(&items)
		start, items = a.complete(code, b)
	}()
	res := Completion{
		Matches:     []string{},
		CursorStart: unitOffset(code, start),
		CursorEnd:   unitOffset(code, b),
		Metadata:    map[string]any{},
	}
	types := make([]map[string]any, 0, len(items))
	for _, it := range items {
		res.Matches = append(res.Matches, it.text)
		t := map[string]any{"start": res.CursorStart, "end": res.CursorEnd, "text": it.text, "type": it.kind}
		if it.signature != "" {
			t["signature"] = it.signature
		}
		types = append(types, t)
	}
	res.Metadata[TypesKey] = types
	return res
}

// recoverTo turns a panic into an empty answer: a bug in inference must
// not take the kernel down.
func recoverTo[T any](zero *T) {
	if recover() != nil {
		var z T
		*zero = z
	}
}

// complete returns the byte offset where matches start and the matches.
func (a *Assistant) complete(code string, b int) (int, []item) {
	if start, items, ok := completeMagic(code, b); ok {
		return start, items
	}
	lc := lexAt(code, b)
	switch {
	case lc.inImport:
		return lc.strStart, a.importItems(code[lc.strStart:b])
	case lc.inComment, lc.inString:
		return b, nil
	}
	ws := identStart(code, b)
	prefix := code[ws:b]
	if ws > 0 && code[ws-1] == '.' {
		cs := chainStart(code, ws-1)
		text := code[cs : ws-1]
		if text == "" || text[0] >= '0' && text[0] <= '9' {
			return ws, nil
		}
		x, err := parser.ParseExpr(text)
		if err != nil {
			return ws, nil
		}
		c := parseCell(placeholder(code, cs, b))
		r, u := a.resolverFor(c, cs)
		v, ok := r.eval(u, x, -1, 0)
		if !ok {
			return ws, nil
		}
		return ws, filter(a.memberItems(r, v), prefix)
	}
	c := parseCell(placeholder(code, ws, b))
	r, u := a.resolverFor(c, ws)
	if fields := filter(a.literalFields(code, ws, r, u), prefix); len(fields) > 0 {
		return ws, fields
	}
	return ws, filter(a.scopeItems(r, u), prefix)
}

// literalFields lists the fields of the struct type whose composite
// literal has a key at offset ws (just after its "{" or a ",").
func (a *Assistant) literalFields(code string, ws int, r *resolver, u *userScope) []item {
	i := ws
	for i > 0 && strings.IndexByte(" \t\r\n", code[i-1]) >= 0 {
		i--
	}
	if i == 0 || code[i-1] != '{' && code[i-1] != ',' {
		return nil
	}
	stack, _, _ := scanBrackets(code[:ws])
	if len(stack) == 0 || stack[len(stack)-1].ch != '{' {
		return nil
	}
	open := stack[len(stack)-1].off
	start := chainStart(code, open)
	if start == open {
		return nil
	}
	x, err := parser.ParseExpr(code[start:open])
	if err != nil {
		return nil
	}
	v, ok := r.eval(u, x, -1, 0)
	if !ok || !v.isType {
		return nil
	}
	if _, isStruct := r.underlying(v.t, 0).e.(*ast.StructType); !isStruct {
		return nil
	}
	var out []item
	for _, s := range r.members(v.t, 0) {
		if s.kind == kindField && (r.scopeOf(s).pkgPath() == "" || token.IsExported(s.name)) {
			out = append(out, symItem(s))
		}
	}
	return out
}

// placeholder replaces code[from:to] with "_" and spaces, so the expression
// being typed parses and offsets stay put.
func placeholder(code string, from, to int) string {
	if from >= to {
		return code
	}
	return code[:from] + "_" + strings.Repeat(" ", to-from-1) + code[to:]
}

// memberItems lists what may follow "v.".
func (a *Assistant) memberItems(r *resolver, v val) []item {
	var out []item
	if v.pkg != nil {
		for name, s := range v.pkg.members {
			if token.IsExported(name) {
				out = append(out, symItem(s))
			}
		}
		return out
	}
	for _, s := range r.members(v.t, 0) {
		sc := r.scopeOf(s)
		if sc.pkgPath() != "" && !token.IsExported(s.name) {
			continue
		}
		if v.isType && s.kind != kindMethod {
			continue // method expressions only
		}
		out = append(out, symItem(s))
	}
	return out
}

// scopeItems lists the names visible in a cell: locals, the cell's and
// earlier cells' names, imported packages, builtins and keywords.
func (a *Assistant) scopeItems(r *resolver, u *userScope) []item {
	var out []item
	for _, m := range []map[string]*symbol{u.locals, u.cell, u.sess.globals} {
		for _, s := range m {
			out = append(out, symItem(s))
		}
	}
	for _, m := range []map[string]string{u.imports, u.sess.imports} {
		for name := range m {
			out = append(out, item{text: name, kind: kindPackage.String()})
		}
	}
	if r.universe != nil {
		for name, s := range r.universe.members {
			if !token.IsExported(name) {
				out = append(out, symItem(s))
			}
		}
	}
	for _, k := range keywords {
		out = append(out, item{text: k, kind: kindKeyword.String()})
	}
	return out
}

// symItem is the completion item of a symbol.
func symItem(s *symbol) item {
	it := item{text: s.name, kind: s.kind.String()}
	if ft, ok := s.typ.(*ast.FuncType); ok && (s.kind == kindFunc || s.kind == kindMethod) {
		it.signature = strings.TrimPrefix(exprString(ft), "func")
	}
	return it
}

// filter keeps the items that start with prefix (case-sensitive, or if
// none does, ignoring case), without duplicates, sorted.
func filter(items []item, prefix string) []item {
	pick := func(match func(string) bool) []item {
		seen := map[string]bool{}
		var out []item
		for _, it := range items {
			if match(it.text) && !seen[it.text] {
				seen[it.text] = true
				out = append(out, it)
			}
		}
		return out
	}
	out := pick(func(s string) bool { return strings.HasPrefix(s, prefix) })
	if len(out) == 0 {
		lp := strings.ToLower(prefix)
		out = pick(func(s string) bool { return strings.HasPrefix(strings.ToLower(s), lp) })
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].text < out[j].text })
	return out
}

// importItems lists import paths starting with prefix, then those with a
// later path element starting with it.
func (a *Assistant) importItems(prefix string) []item {
	var first, later []item
	if rest, ok := strings.CutPrefix(prefix, "chanlab/"); ok {
		// The kernel's short aliases of the snippets packages.
		for _, p := range a.l.importPaths() {
			if name, ok := strings.CutPrefix(p, modulePath+"/snippets/"); ok && strings.HasPrefix(name, rest) {
				first = append(first, item{text: "chanlab/" + name, kind: kindPackage.String()})
			}
		}
		return first
	}
	for _, p := range a.l.importPaths() {
		switch {
		case strings.HasPrefix(p, prefix):
			first = append(first, item{text: p, kind: kindPackage.String()})
		case prefix != "" && !strings.Contains(prefix, "/") && strings.Contains(p, "/"+prefix):
			later = append(later, item{text: p, kind: kindPackage.String()})
		}
	}
	return append(first, later...)
}

// lexContext says where a cursor is: in a comment, in a string, or in the
// path string of an import declaration (strStart is after its quote).
type lexContext struct {
	inComment, inString, inImport bool
	strStart                      int
}

// lexAt scans code up to b and reports the lexical context of b.
func lexAt(code string, b int) lexContext {
	src := code[:b]
	var s scanner.Scanner
	fset := token.NewFileSet()
	f := fset.AddFile("", fset.Base(), len(src))
	unterminated := map[int]bool{}
	s.Init(f, []byte(src), func(pos token.Position, msg string) {
		if strings.Contains(msg, "not terminated") {
			unterminated[pos.Offset] = true
		}
	}, scanner.ScanComments)
	type tok struct {
		off int
		tok token.Token
		lit string
	}
	var toks []tok
	for {
		pos, t, lit := s.Scan()
		if t == token.EOF {
			break
		}
		toks = append(toks, tok{f.Offset(pos), t, lit})
	}
	var lc lexContext
	if len(toks) == 0 {
		return lc
	}
	// Drop semicolons the scanner inserts at the end of the text.
	for len(toks) > 1 {
		t := toks[len(toks)-1]
		if t.tok != token.SEMICOLON || t.lit != "\n" || t.off < len(src) && src[t.off] == '\n' {
			break
		}
		toks = toks[:len(toks)-1]
	}
	last := toks[len(toks)-1]
	end := last.off + len(last.lit)
	switch last.tok {
	case token.COMMENT:
		lc.inComment = end >= len(src) && (strings.HasPrefix(last.lit, "//") || unterminated[last.off])
	case token.CHAR:
		lc.inString = unterminated[last.off]
	case token.STRING:
		if !unterminated[last.off] {
			return lc
		}
		lc.inString = true
		lc.strStart = last.off + 1
		// Walk back over an import group or a named import.
		for i := len(toks) - 2; i >= 0; i-- {
			switch toks[i].tok {
			case token.IMPORT:
				lc.inImport = true
				return lc
			case token.LPAREN:
				lc.inImport = i > 0 && toks[i-1].tok == token.IMPORT
				return lc
			case token.IDENT, token.PERIOD, token.SEMICOLON, token.STRING, token.COMMENT:
				continue
			}
			return lc
		}
	}
	return lc
}

// identStart returns where the identifier ending at b begins.
func identStart(code string, b int) int {
	i := b
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(code[:i])
		if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		i -= size
	}
	return i
}

// chainStart returns where the selector chain ending just before the dot
// at offset dot begins: identifiers, dots and bracketed groups, as in
// a.b(c)[d].e.
func chainStart(code string, dot int) int {
	i := dot
	for {
		j := identStart(code, i)
		for j > 0 && strings.IndexByte(")]}", code[j-1]) >= 0 {
			k := matchOpen(code, j-1)
			if k < 0 {
				return j
			}
			j = identStart(code, k)
			if j == k && code[k] != '(' {
				return k // a bracket group must follow a name, except (x)
			}
		}
		if j > 0 && code[j-1] == '.' && j < i {
			i = j - 1
			continue
		}
		return j
	}
}

// matchOpen returns the offset of the bracket that the closing bracket at
// close matches, or -1.
func matchOpen(code string, close int) int {
	depth := 0
	for i := close; i >= 0; i-- {
		switch code[i] {
		case ')', ']', '}':
			depth++
		case '(', '[', '{':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}
