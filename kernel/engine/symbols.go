package engine

import (
	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// DefaultSymbols returns the compiled packages a cell can import when
// Options.Symbols is nil.
func DefaultSymbols() []interp.Exports {
	return []interp.Exports{stdlib.Symbols}
}
