package assist

import (
	"go/ast"
	"go/token"
)

// kind is what a name denotes; its String is the type JupyterLab shows.
type kind int

const (
	kindVar kind = iota
	kindConst
	kindFunc
	kindMethod
	kindType
	kindField
	kindPackage
	kindKeyword
)

var kindNames = [...]string{
	kindVar:     "variable",
	kindConst:   "constant",
	kindFunc:    "function",
	kindMethod:  "method",
	kindType:    "type",
	kindField:   "field",
	kindPackage: "package",
	kindKeyword: "keyword",
}

func (k kind) String() string { return kindNames[k] }

// source is the file a declaration was parsed from.
type source struct {
	fset *token.FileSet
	text string    // the parsed text, for cells; "" for package files
	base int       // token.Pos of text[0]
	file *ast.File // the file, for its comments
}

// slice returns the text between two positions, or "" when unknown.
func (s *source) slice(from, to token.Pos) string {
	if s == nil || s.text == "" || from < token.Pos(s.base) {
		return ""
	}
	a, b := int(from)-s.base, int(to)-s.base
	if b > len(s.text) || a > b {
		return ""
	}
	return s.text[a:b]
}

// symbol is a declared name: a package member, a method, a struct field, a
// variable of a cell or a package.
type symbol struct {
	name  string
	kind  kind
	scope scope // where its type expressions are resolved; nil: the user's scope
	src   *source
	node  ast.Node     // FuncDecl, TypeSpec, ValueSpec, Field, AssignStmt, RangeStmt, ...
	decl  *ast.GenDecl // the group of a TypeSpec or ValueSpec
	doc   *ast.CommentGroup
	owner string // type that declares a field or method

	typ   ast.Expr // declared type (FuncType for funcs and methods)
	value ast.Expr // initializer when typ is nil
	index int      // position of the symbol in a multi-value value; -1 if single

	rangeOver ast.Expr // for range variables: the ranged expression
	rangeKey  bool     // the key (first) variable of a range clause
}

// scope resolves names used in declarations.
type scope interface {
	// lookup returns the symbol a name denotes, or nil.
	lookup(name string) *symbol
	// importPath returns the package a name denotes.
	importPath(name string) (string, bool)
	// typeMethods returns the methods declared on a named type.
	typeMethods(typeName string) map[string]*symbol
	// pkgPath is the import path of a package scope, "" for cells.
	pkgPath() string
}

// keywords are Go's reserved words.
var keywords = []string{
	"break", "case", "chan", "const", "continue", "default", "defer", "else",
	"fallthrough", "for", "func", "go", "goto", "if", "import", "interface",
	"map", "package", "range", "return", "select", "struct", "switch", "type", "var",
}
