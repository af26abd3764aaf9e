package rt

import (
	"io"
	"os"
	"reflect"
)

// errOut receives panics recovered when no handler is set.
var errOut io.Writer = defaultErrOut

// defaultErrOut is the standard error of the process.
var defaultErrOut io.Writer = os.Stderr

// ImportPath is the import path under which guard-rewritten code imports
// this package.
const ImportPath = "github.com/chanlab/chanlab/kernel/engine/rt"

// Symbols exports this package to yaegi: pass it to interp.Interpreter.Use.
var Symbols = map[string]map[string]reflect.Value{
	ImportPath + "/rt": {
		"Case":    reflect.ValueOf((*Case)(nil)),
		"Recv":    reflect.ValueOf(Recv),
		"Send":    reflect.ValueOf(Send),
		"Buffer":  reflect.ValueOf(Buffer),
		"Select":  reflect.ValueOf(Select),
		"Deliver": reflect.ValueOf(Deliver),
		"Sleep":   reflect.ValueOf(Sleep),
		"GoStart": reflect.ValueOf(GoStart),
		"GoEnd":   reflect.ValueOf(GoEnd),
		"Text":    reflect.ValueOf((*Text)(nil)),
	},
}
