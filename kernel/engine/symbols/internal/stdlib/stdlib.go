// Package stdlib holds the generated yaegi symbol tables of the Go
// standard library and golang.org/x/sync, apart from the snippets tables
// of package symbols: these tables take a minute to compile and change
// only with the toolchain, so keeping them in their own package lets the
// build cache keep them while the snippets packages change.
package stdlib

import "reflect"

// Symbols maps "importpath/name" to the exported symbols of a package, the
// form interp.Interpreter.Use takes. The "." entry carries MapTypes.
var Symbols = map[string]map[string]reflect.Value{}

// MapTypes tells yaegi which interfaces a compiled function that takes
// `any` inspects, so interpreted values passed to it get wrappers with
// those methods: fmt.Println then calls an interpreted String method.
var MapTypes = map[reflect.Value][]reflect.Type{}

func init() {
	Symbols["."] = map[string]reflect.Value{"MapTypes": reflect.ValueOf(MapTypes)}
}
