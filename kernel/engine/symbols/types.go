package symbols

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"path"
	"reflect"
	"sort"
	"strings"
	"sync"
)

// Importer returns a go/types importer for the packages of Symbols, built
// from the reflect types of their symbol tables, so that a rewrite can
// type-check a cell against what the interpreter will actually run. It is
// created on first use and shared; it is safe for concurrent use. See
// NewImporter.
func Importer() types.Importer {
	defaultOnce.Do(func() { defaultImporter = NewImporter(Symbols) })
	return defaultImporter
}

var (
	defaultOnce     sync.Once
	defaultImporter types.Importer
)

// NewImporter returns a go/types importer for the packages of tables, in
// the form interp.Interpreter.Use takes ("importpath/name" to exported
// symbols). A package is converted on its first import, together with the
// named types its symbols reach; each reflect type becomes one types.Type
// for the life of the importer, so types agree across packages and calls.
//
// What reflect can't tell is approximated: parameters have no names,
// unexported struct fields have placeholder types (of the same
// comparability), instances of generic types are unnamed when their
// underlying type is a function, slice, map, channel, pointer or array
// type and otherwise belong to a package no cell can import, so that their
// names are never written out. Generic functions are missing, as they are
// from the tables. A table registered under a second path (the short
// snippets paths) imports as the package its types come from.
//
// The importer is safe for concurrent use; the packages it returns are
// complete and must not be modified.
func NewImporter(tables map[string]map[string]reflect.Value) types.Importer {
	im := &importer{
		tables: make(map[string]map[string]reflect.Value, len(tables)),
		names:  make(map[string]string, len(tables)),
		pkgs:   make(map[string]*types.Package),
		done:   make(map[string]bool),
		named:  make(map[reflect.Type]types.Type),
	}
	for key, t := range tables {
		i := strings.LastIndexByte(key, '/')
		if i <= 0 || t == nil {
			continue
		}
		im.tables[key[:i]] = t
		im.names[key[:i]] = key[i+1:]
	}
	return im
}

// importer converts symbol tables to go/types packages on demand.
type importer struct {
	mu     sync.Mutex
	tables map[string]map[string]reflect.Value // by import path
	names  map[string]string                   // package names, by import path
	pkgs   map[string]*types.Package           // by package path
	done   map[string]bool                     // package paths whose scope is filled
	named  map[reflect.Type]types.Type         // converted named types
}

// Import returns the package for path, or an error if no table has it.
func (im *importer) Import(p string) (*types.Package, error) {
	im.mu.Lock()
	defer im.mu.Unlock()
	table, ok := im.tables[p]
	if !ok {
		return nil, fmt.Errorf("symbols: no symbol table for package %q", p)
	}
	canon := im.canonical(p, table)
	pkg := im.pkg(canon)
	if !im.done[canon] {
		im.done[canon] = true
		im.fill(pkg, im.tables[canon])
		pkg.MarkComplete()
	}
	return pkg, nil
}

// canonical returns the import path whose table is table and from which
// its types come: the full path for a snippets package imported by its
// short path, p otherwise.
func (im *importer) canonical(p string, table map[string]reflect.Value) string {
	for _, v := range table {
		if !isTypeEntry(v) {
			continue
		}
		q := v.Type().Elem().PkgPath()
		if q == p {
			return p
		}
		if t, ok := im.tables[q]; ok && reflect.ValueOf(t).UnsafePointer() == reflect.ValueOf(table).UnsafePointer() {
			return q
		}
	}
	return p
}

// pkg returns the package with the given path, creating it empty.
func (im *importer) pkg(p string) *types.Package {
	if pkg, ok := im.pkgs[p]; ok {
		return pkg
	}
	name, ok := im.names[p]
	if !ok {
		name = path.Base(p)
		if len(name) > 1 && name[0] == 'v' && strings.Trim(name[1:], "0123456789") == "" {
			name = path.Base(path.Dir(p)) // math/rand/v2
		}
		name = strings.NewReplacer(".", "_", "-", "_").Replace(name)
	}
	pkg := types.NewPackage(p, name)
	im.pkgs[p] = pkg
	return pkg
}

// isTypeEntry reports whether v is a table's entry for a type: a nil
// pointer to it, reflect.ValueOf((*T)(nil)).
func isTypeEntry(v reflect.Value) bool {
	return v.IsValid() && !v.CanAddr() && v.Kind() == reflect.Pointer && v.IsNil()
}

var constantValue = reflect.TypeFor[constant.Value]()

// fill declares the symbols of table in pkg's scope.
func (im *importer) fill(pkg *types.Package, table map[string]reflect.Value) {
	names := make([]string, 0, len(table))
	for name := range table {
		if name != "" && name[0] != '_' && token.IsExported(name) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	scope := pkg.Scope()
	for _, name := range names {
		v := table[name]
		if !v.IsValid() || scope.Lookup(name) != nil {
			continue
		}
		var obj types.Object
		switch {
		case v.CanAddr():
			obj = types.NewVar(token.NoPos, pkg, name, im.typ(v.Type()))
		case v.Kind() == reflect.Func:
			sig, ok := im.typ(v.Type()).(*types.Signature)
			if !ok {
				continue
			}
			obj = types.NewFunc(token.NoPos, pkg, name, sig)
		case isTypeEntry(v):
			t := im.typ(v.Type().Elem())
			if n, ok := t.(*types.Named); ok && n.Obj().Pkg() == pkg && n.Obj().Name() == name {
				continue // declared by typ
			}
			obj = types.NewAlias(types.NewTypeName(token.NoPos, pkg, name, nil), t).Obj()
		case v.Type().Implements(constantValue) && v.CanInterface():
			c, _ := v.Interface().(constant.Value)
			if t := untyped(c); t != nil {
				obj = types.NewConst(token.NoPos, pkg, name, t, c)
			}
		default:
			if c := constOf(v); c != nil {
				obj = types.NewConst(token.NoPos, pkg, name, im.typ(v.Type()), c)
			}
		}
		if obj != nil {
			scope.Insert(obj)
		}
	}
}

// untyped returns the untyped type of a constant of the kind of c.
func untyped(c constant.Value) types.Type {
	if c == nil {
		return nil
	}
	switch c.Kind() {
	case constant.Bool:
		return types.Typ[types.UntypedBool]
	case constant.String:
		return types.Typ[types.UntypedString]
	case constant.Int:
		return types.Typ[types.UntypedInt]
	case constant.Float:
		return types.Typ[types.UntypedFloat]
	case constant.Complex:
		return types.Typ[types.UntypedComplex]
	}
	return nil
}

// constOf returns the value of a typed constant, or nil if v is not of a
// basic kind.
func constOf(v reflect.Value) constant.Value {
	switch v.Kind() {
	case reflect.Bool:
		return constant.MakeBool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return constant.MakeInt64(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return constant.MakeUint64(v.Uint())
	case reflect.Float32, reflect.Float64:
		return constant.MakeFloat64(v.Float())
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		return constant.BinaryOp(constant.MakeFloat64(real(c)), token.ADD, constant.MakeImag(constant.MakeFloat64(imag(c))))
	case reflect.String:
		return constant.MakeString(v.String())
	}
	return nil
}

var (
	errorType  = reflect.TypeFor[error]()
	basicKinds = map[reflect.Kind]types.BasicKind{
		reflect.Bool: types.Bool, reflect.Int: types.Int, reflect.Int8: types.Int8,
		reflect.Int16: types.Int16, reflect.Int32: types.Int32, reflect.Int64: types.Int64,
		reflect.Uint: types.Uint, reflect.Uint8: types.Uint8, reflect.Uint16: types.Uint16,
		reflect.Uint32: types.Uint32, reflect.Uint64: types.Uint64, reflect.Uintptr: types.Uintptr,
		reflect.Float32: types.Float32, reflect.Float64: types.Float64,
		reflect.Complex64: types.Complex64, reflect.Complex128: types.Complex128,
		reflect.String: types.String, reflect.UnsafePointer: types.UnsafePointer,
	}
)

// typ converts a reflect type to a go/types type. A named type is created
// once and cached before its underlying type and methods are converted,
// which ends the recursion of types that refer to themselves.
func (im *importer) typ(t reflect.Type) types.Type {
	if t == errorType {
		return types.Universe.Lookup("error").Type()
	}
	if t.Name() == "" {
		return im.structure(t, nil)
	}
	if t.PkgPath() == "" { // predeclared
		if k, ok := basicKinds[t.Kind()]; ok {
			return types.Typ[k]
		}
		return im.structure(t, nil)
	}
	if n, ok := im.named[t]; ok {
		return n
	}
	pkgPath, name := t.PkgPath(), t.Name()
	if strings.ContainsAny(name, "[]") {
		// An instance of a generic type: keep its structure where it has
		// no hidden parts, else hide it in a package no cell imports.
		switch t.Kind() {
		case reflect.Func, reflect.Slice, reflect.Map, reflect.Chan, reflect.Pointer, reflect.Array:
			u := im.structure(t, nil)
			im.named[t] = u
			return u
		}
		pkgPath = "chanlab.generic/" + pkgPath
	}
	pkg := im.pkg(pkgPath)
	obj := types.NewTypeName(token.NoPos, pkg, name, nil)
	n := types.NewNamed(obj, nil, nil)
	im.named[t] = n
	if pkg.Scope().Lookup(name) == nil {
		pkg.Scope().Insert(obj)
	}
	n.SetUnderlying(im.structure(t, n))
	if t.Kind() == reflect.Interface {
		return n
	}
	pt := reflect.PointerTo(t)
	for i := range pt.NumMethod() {
		m := pt.Method(i)
		recv := types.Type(types.NewPointer(n))
		if _, ok := t.MethodByName(m.Name); ok {
			recv = n
		}
		sig := im.signature(m.Type, 1, types.NewVar(token.NoPos, pkg, "", recv))
		n.AddMethod(types.NewFunc(token.NoPos, pkg, m.Name, sig))
	}
	return n
}

// structure converts the structure of t, not its name. named is the
// named type being built for t, if any: the receiver of interface methods
// and the package of struct fields.
func (im *importer) structure(t reflect.Type, named *types.Named) types.Type {
	if k, ok := basicKinds[t.Kind()]; ok {
		return types.Typ[k]
	}
	switch t.Kind() {
	case reflect.Pointer:
		return types.NewPointer(im.typ(t.Elem()))
	case reflect.Slice:
		return types.NewSlice(im.typ(t.Elem()))
	case reflect.Array:
		return types.NewArray(im.typ(t.Elem()), int64(t.Len()))
	case reflect.Map:
		return types.NewMap(im.typ(t.Key()), im.typ(t.Elem()))
	case reflect.Chan:
		dir := types.SendRecv
		switch t.ChanDir() {
		case reflect.SendDir:
			dir = types.SendOnly
		case reflect.RecvDir:
			dir = types.RecvOnly
		}
		return types.NewChan(dir, im.typ(t.Elem()))
	case reflect.Func:
		return im.signature(t, 0, nil)
	case reflect.Struct:
		return im.structType(t, named)
	case reflect.Interface:
		return im.interfaceType(t, named)
	}
	return types.Typ[types.Invalid]
}

// structType converts a struct type. Unexported fields keep their names
// and comparability but not their types, which cells can't use and which
// would pull in the internals of the standard library.
func (im *importer) structType(t reflect.Type, named *types.Named) types.Type {
	var fields []*types.Var
	var tags []string
	for i := range t.NumField() {
		f := t.Field(i)
		var pkg *types.Package
		switch {
		case f.PkgPath != "":
			pkg = im.pkg(f.PkgPath)
		case named != nil:
			pkg = named.Obj().Pkg()
		}
		if !f.IsExported() {
			var ft types.Type = types.NewSlice(types.Typ[types.Int])
			if f.Type.Comparable() {
				ft = types.Typ[types.Int]
			}
			fields = append(fields, types.NewField(token.NoPos, pkg, f.Name, ft, false))
			tags = append(tags, "")
			continue
		}
		fields = append(fields, types.NewField(token.NoPos, pkg, f.Name, im.typ(f.Type), f.Anonymous))
		tags = append(tags, string(f.Tag))
	}
	return types.NewStruct(fields, tags)
}

// interfaceType converts an interface type, with every method of its
// method set declared directly.
func (im *importer) interfaceType(t reflect.Type, named *types.Named) types.Type {
	var methods []*types.Func
	for i := range t.NumMethod() {
		m := t.Method(i)
		var pkg *types.Package
		if m.PkgPath != "" {
			pkg = im.pkg(m.PkgPath)
		} else if named != nil {
			pkg = named.Obj().Pkg()
		}
		// NewInterfaceType sets a missing receiver to the interface.
		var recv *types.Var
		if named != nil {
			recv = types.NewVar(token.NoPos, pkg, "", named)
		}
		methods = append(methods, types.NewFunc(token.NoPos, pkg, m.Name, im.signature(m.Type, 0, recv)))
	}
	return types.NewInterfaceType(methods, nil).Complete()
}

// signature converts the function type t, skipping its first skip
// parameters (a method's receiver).
func (im *importer) signature(t reflect.Type, skip int, recv *types.Var) *types.Signature {
	var params, results []*types.Var
	for i := skip; i < t.NumIn(); i++ {
		params = append(params, types.NewParam(token.NoPos, nil, "", im.typ(t.In(i))))
	}
	for i := range t.NumOut() {
		results = append(results, types.NewParam(token.NoPos, nil, "", im.typ(t.Out(i))))
	}
	return types.NewSignatureType(recv, nil, nil, types.NewTuple(params...), types.NewTuple(results...), t.IsVariadic())
}
