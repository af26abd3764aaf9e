package engine

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/chanlab/chanlab/kernel/cellsrc"
	"github.com/chanlab/chanlab/kernel/engine/rewrite"
)

// Positions. yaegi scopes imports by the base name of a position's file,
// so every position yaegi sees must be in its own file "_.go"; the cell
// number is encoded in the line number instead: line l of cell n is line
// n*lineBase + l. go/scanner accepts line numbers below 2^30, so cell
// numbers wrap at cellWrap (messages then name cell n mod cellWrap) and a
// cell may have lineBase-1 lines. A cell is parsed as file "cell<n>" after
// a one-line header; printNode turns the //line directives go/printer
// writes (raw positions in that file) into encoded ones, and mapText
// decodes positions in messages.
const (
	srcName  = "_.go"
	lineBase = 10_000
	cellWrap = 100_000
)

// encodeLine returns the line yaegi sees for line l of cell n.
func encodeLine(n, l int) int {
	n %= cellWrap
	if n == 0 {
		n = cellWrap // lines below lineBase are generated code
	}
	return n*lineBase + l
}

// cellFile is the name cell n is parsed under.
func cellFile(n int) string { return fmt.Sprintf("cell%d", n) }

// userMain is what a cell's func main and every use of the name main are
// renamed to: yaegi runs a package's main on every later Eval once one
// exists, while a notebook wants main to run only when a cell calls it.
const userMain = "_clmain"

// parsedCell is a cell split into its parts, in source order.
type parsedCell struct {
	count   int
	imports []*ast.ImportSpec
	items   []item
	// trailing is the cell's last statement when it is an expression
	// whose value the cell shows (not a print call).
	trailing ast.Expr
	// defers is set when statements of the cell were deferred to its end
	// (see liftDefers).
	defers bool
}

// item is one top-level declaration or statement of a cell.
type item struct {
	decl ast.Decl // type, const, var or func declaration (var also from x := e)
	stmt ast.Stmt // any other statement
}

func (it item) pos() token.Pos {
	if it.decl != nil {
		return it.decl.Pos()
	}
	return it.stmt.Pos()
}

// parseCell parses a cell: it splits the source into declarations and
// statements, parses each kind with positions of the original cell (file
// name cellFile(count), one header line), turns top-level `x := e` into `var x = e`, renames
// main, and finds the trailing expression.
func parseCell(fset *token.FileSet, code string, count int) (*parsedCell, error) {
	segs := splitCell(code)
	if c, ok := trailingList(code, segs); ok {
		code, segs = c, splitCell(c)
	}
	name := cellFile(count)
	header := func(prefix string) string { return prefix + "\n" }
	// Imports are parsed on their own: a cell may import anywhere.
	impSrc := header("package main") + blank(code, segs, func(s segment) bool { return s.Kind == cellsrc.Import })
	declSrc := header("package main") + blank(code, segs, func(s segment) bool { return s.Kind == cellsrc.Decl })
	stmtSrc := header("package main; func _() {") + blank(code, segs, func(s segment) bool { return s.Kind == cellsrc.Stmt }) + "\n}"

	const mode = parser.SkipObjectResolution | parser.ParseComments
	imf, err := parser.ParseFile(fset, name, impSrc, mode)
	if err != nil {
		return nil, err
	}
	df, err := parser.ParseFile(fset, name, declSrc, mode)
	if err != nil {
		return nil, err
	}
	sf, err := parser.ParseFile(fset, name, stmtSrc, mode)
	if err != nil {
		return nil, err
	}
	pc := &parsedCell{count: count}
	pc.imports = imf.Imports
	for _, d := range df.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			for _, s := range g.Specs {
				pc.imports = append(pc.imports, s.(*ast.ImportSpec))
			}
			continue
		}
		pc.items = append(pc.items, item{decl: d})
	}
	for _, s := range sf.Decls[0].(*ast.FuncDecl).Body.List {
		if as, ok := s.(*ast.AssignStmt); ok && as.Tok == token.DEFINE {
			pc.items = append(pc.items, item{decl: defineToVar(as)})
			continue
		}
		if _, ok := s.(*ast.EmptyStmt); ok {
			continue
		}
		pc.items = append(pc.items, item{stmt: s})
	}
	// Declarations and statements were parsed as two files, both with a
	// one-line header: order them by line and column.
	slices.SortStableFunc(pc.items, func(a, b item) int {
		pa, pb := fset.PositionFor(a.pos(), false), fset.PositionFor(b.pos(), false)
		if pa.Line != pb.Line {
			return pa.Line - pb.Line
		}
		return pa.Column - pb.Column
	})
	for _, it := range pc.items {
		renameMain(it.node())
	}
	if n := len(pc.items); n > 0 {
		if es, ok := pc.items[n-1].stmt.(*ast.ExprStmt); ok && !isPrintCall(es.X) {
			pc.trailing = es.X
		}
	}
	// print and println write to standard error (see println.go), unless
	// the cell declares its own.
	declared := map[string]bool{}
	for _, it := range pc.items {
		if it.decl != nil {
			for _, k := range declKeys(it.decl) {
				declared[k] = true
			}
		}
	}
	for _, it := range pc.items {
		redirectPrints(it.node(), func(name string) bool { return declared[name] })
	}
	return pc, nil
}

func (it item) node() ast.Node {
	if it.decl != nil {
		return it.decl
	}
	return it.stmt
}

// defineToVar turns a top-level `a, b := x, y` into `var a, b = x, y`, so
// the variables live at package level and later cells see them.
func defineToVar(as *ast.AssignStmt) *ast.GenDecl {
	vs := &ast.ValueSpec{Values: as.Rhs}
	for _, l := range as.Lhs {
		id, ok := l.(*ast.Ident)
		if !ok {
			id = &ast.Ident{NamePos: l.Pos(), Name: "_"}
		}
		vs.Names = append(vs.Names, id)
	}
	return &ast.GenDecl{TokPos: as.Pos(), Tok: token.VAR, Specs: []ast.Spec{vs}}
}

// renameMain renames every identifier main in n to userMain.
func renameMain(n ast.Node) {
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Name == "main" {
			id.Name = userMain
		}
		return true
	})
}

// isPrintCall reports whether e calls a function whose results nobody
// wants to see: fmt.Print*, fmt.Fprint*, log.Print*, print and println.
func isPrintCall(e ast.Expr) bool {
	c, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	switch f := c.Fun.(type) {
	case *ast.Ident:
		return f.Name == "print" || f.Name == "println"
	case *ast.SelectorExpr:
		pkg, ok := f.X.(*ast.Ident)
		if !ok {
			return false
		}
		switch pkg.Name {
		case "fmt":
			return strings.HasPrefix(f.Sel.Name, "Print") || strings.HasPrefix(f.Sel.Name, "Fprint")
		case "log":
			return strings.HasPrefix(f.Sel.Name, "Print")
		}
	}
	return false
}

// importKey identifies an import: the name it is imported under (empty for
// the package's own name) and its path.
type importKey struct{ name, path string }

func keyOf(s *ast.ImportSpec) importKey {
	k := importKey{}
	if s.Name != nil {
		k.name = s.Name.Name
	}
	k.path, _ = strconv.Unquote(s.Path.Value)
	return k
}

func (k importKey) source() string {
	if k.name != "" {
		return fmt.Sprintf("package main\nimport %s %q\n", k.name, k.path)
	}
	return fmt.Sprintf("package main\nimport %q\n", k.path)
}

func (k importKey) spec() *ast.ImportSpec {
	s := &ast.ImportSpec{Path: &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(k.path)}}
	if k.name != "" {
		s.Name = ast.NewIdent(k.name)
	}
	return s
}

// declKeys returns the names a declaration defines: "name" for package-level
// names, "Type.Method" for methods. Blank names are left out.
func declKeys(d ast.Decl) []string {
	var keys []string
	switch d := d.(type) {
	case *ast.FuncDecl:
		keys = append(keys, rewrite.FuncKey(d))
	case *ast.GenDecl:
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				keys = append(keys, s.Name.Name)
			case *ast.ValueSpec:
				for _, n := range s.Names {
					if n.Name != "_" {
						keys = append(keys, n.Name)
					}
				}
			}
		}
	}
	return keys
}

// isVarDecl reports whether d declares variables.
func isVarDecl(d ast.Decl) bool {
	g, ok := d.(*ast.GenDecl)
	return ok && g.Tok == token.VAR
}

// listFunc is the name under which a trailing list of expressions
// (`v, ok`) is parsed: `_clList(v, ok)`.
const listFunc = "_clList"

// trailingList returns code with its last piece, when that is a list of
// several expressions (`v, ok`, which a REPL shows but Go can't parse as
// a statement), written as a call of listFunc, whose arguments the cell
// then shows.
func trailingList(code string, segs []segment) (string, bool) {
	if len(segs) == 0 {
		return code, false
	}
	last := segs[len(segs)-1]
	if last.Kind != cellsrc.Stmt {
		return code, false
	}
	text := code[last.Start:last.End]
	if !strings.Contains(text, ",") {
		return code, false
	}
	x, err := parser.ParseExpr(listFunc + "(" + text + ")")
	if err != nil {
		return code, false
	}
	if c, ok := x.(*ast.CallExpr); !ok || len(c.Args) < 2 || c.Ellipsis.IsValid() {
		return code, false
	}
	return code[:last.Start] + listFunc + "(" + text + ")" + code[last.End:], true
}

// isIdent reports whether x is the identifier name.
func isIdent(x ast.Expr, name string) bool {
	id, ok := x.(*ast.Ident)
	return ok && id.Name == name
}

// usesAny reports whether n refers to one of names: an identifier that
// is not a field or method name after a dot, a struct field's name, a
// label, or a name that a function declares for its whole body
// (receiver, type parameters, parameters, results).
func usesAny(n ast.Node, names map[string]bool) bool {
	found := false
	for name := range freeNames(n) {
		found = found || names[name]
	}
	return found
}

// freeNames returns the identifiers n refers to (see usesAny).
func freeNames(n ast.Node) map[string]bool {
	out := map[string]bool{}
	collectNames(n, map[string]bool{}, out)
	return out
}

func collectNames(n ast.Node, shadow, out map[string]bool) {
	if n == nil || reflect.ValueOf(n).IsNil() {
		return
	}
	ast.Inspect(n, func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.Ident:
			if !shadow[m.Name] {
				out[m.Name] = true
			}
		case *ast.SelectorExpr:
			collectNames(m.X, shadow, out)
			return false
		case *ast.StructType:
			for _, f := range m.Fields.List {
				collectNames(f.Type, shadow, out)
			}
			return false
		case *ast.LabeledStmt:
			collectNames(m.Stmt, shadow, out)
			return false
		case *ast.BranchStmt:
			return false
		case *ast.FuncDecl:
			inner := maps.Clone(shadow)
			var lists []*ast.FieldList
			if m.Recv != nil {
				lists = append(lists, m.Recv)
			}
			collectFunc(append(lists, m.Type.TypeParams, m.Type.Params, m.Type.Results), m.Body, inner, out)
			return false
		case *ast.FuncLit:
			collectFunc([]*ast.FieldList{m.Type.Params, m.Type.Results}, m.Body, maps.Clone(shadow), out)
			return false
		}
		return true
	})
}

// collectFunc adds to out the names a function with the given field
// lists and body refers to, shadowing the names of the fields.
func collectFunc(lists []*ast.FieldList, body *ast.BlockStmt, shadow, out map[string]bool) {
	for _, l := range lists {
		if l == nil {
			continue
		}
		for _, f := range l.List {
			for _, n := range f.Names {
				shadow[n.Name] = true
			}
		}
	}
	for _, l := range lists {
		if l == nil {
			continue
		}
		for _, f := range l.List {
			collectNames(f.Type, shadow, out)
		}
	}
	if body == nil {
		return
	}
	// Local variables are not taken out: one may be declared after the
	// function read the package's variable of the same name, and taking
	// it as a use only orders the declaration later.
	collectNames(body, shadow, out)
}

// printNode prints n as Go source. With positions set, the output carries
// //line directives so that yaegi reports positions in the user's cell.
func printNode(fset *token.FileSet, n any, positions bool) (string, error) {
	cfg := printer.Config{Mode: printer.UseSpaces | printer.TabIndent, Tabwidth: 8}
	if positions {
		cfg.Mode |= printer.SourcePos
	}
	var b bytes.Buffer
	if err := cfg.Fprint(&b, fset, n); err != nil {
		return "", fmt.Errorf("engine: print generated code: %w", err)
	}
	if !positions {
		return b.String(), nil
	}
	return lineDirectives.ReplaceAllStringFunc(b.String(), func(d string) string {
		m := lineDirectives.FindStringSubmatch(d)
		line, _ := strconv.Atoi(m[3])
		if m[2] == "" {
			// Generated code: a small line number, which mapText drops.
			return fmt.Sprintf("//line %s:%d%s", srcName, line, m[4])
		}
		cell, _ := strconv.Atoi(m[2])
		return fmt.Sprintf("//line %s:%d%s", srcName, encodeLine(cell, line-1), m[4])
	}), nil
}

// lineDirectives matches the //line directives go/printer writes.
var lineDirectives = regexp.MustCompile(`(?m)^//line (cell(\d+)|[^:\n]*):(\d+)(:\d+)?$`)

// declSource is the source of a declaration without //line directives,
// used to tell whether a cell redefines something differently.
func declSource(fset *token.FileSet, d ast.Decl) string {
	s, err := printNode(fset, d, false)
	if err != nil {
		return fmt.Sprintf("%p", d)
	}
	return s
}

var (
	objectType = reflect.TypeFor[*ast.Object]()
	scopeType  = reflect.TypeFor[*ast.Scope]()
)

// cloneDecl returns a deep copy of d with the same positions, so that a
// declaration can be rewritten (which changes it in place) more than once.
func cloneDecl(d ast.Decl) ast.Decl {
	return cloneValue(reflect.ValueOf(d)).Interface().(ast.Decl)
}

func cloneValue(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() || v.Type() == objectType || v.Type() == scopeType {
			return reflect.Zero(v.Type())
		}
		c := reflect.New(v.Type().Elem())
		c.Elem().Set(cloneValue(v.Elem()))
		return c
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		c := reflect.New(v.Type()).Elem()
		c.Set(cloneValue(v.Elem()))
		return c
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			c.Index(i).Set(cloneValue(v.Index(i)))
		}
		return c
	case reflect.Struct:
		c := reflect.New(v.Type()).Elem()
		for i := range v.NumField() {
			c.Field(i).Set(cloneValue(v.Field(i)))
		}
		return c
	}
	return v
}
