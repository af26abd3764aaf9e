package engine

import (
	"fmt"
	"image"
	"reflect"
	"strconv"
	"strings"

	"github.com/chanlab/chanlab/snippets/display"
)

var (
	rendererType = reflect.TypeFor[display.Renderer]()
	stringerType = reflect.TypeFor[fmt.Stringer]()
	errorType    = reflect.TypeFor[error]()
)

// formatResult returns the MIME bundle of a cell's trailing expression,
// whose value(s) are v.
//
// A single value that is a display.Renderer, a display.MIME or an image
// shows as display.Show would show it. Otherwise text/plain holds the
// values separated by spaces, each formatted like fmt's %v, except that a
// value of type string is quoted (strconv.Quote), as a REPL shows it: an
// empty string stays visible and "42" differs from 42. A multi-valued call
// such as strconv.Atoi("12") shows `12 <nil>`.
func formatResult(v []any) map[string]any {
	if len(v) == 1 {
		switch x := v[0].(type) {
		case display.Renderer, display.MIME, image.Image:
			return map[string]any(display.Bundle(x))
		}
	}
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = formatValue(x)
	}
	return map[string]any{"text/plain": strings.Join(parts, " ")}
}

// formatValue formats one value of a trailing expression.
func formatValue(x any) string {
	if s, ok := x.(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprint(x)
}
