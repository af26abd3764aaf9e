package engine

import (
	"fmt"

	"github.com/chanlab/chanlab/kernel/engine/symbols"
	"github.com/traefik/yaegi/interp"
)

// newInterp returns an interpreter with the compiled packages cells can
// import: opts.Symbols when set, else ChanLab's tables (package symbols:
// the Go 1.26 standard library, x/sync, the snippets packages and
// interpreted generic packages).
func newInterp(opts Options, io interp.Options) (*interp.Interpreter, error) {
	if opts.Symbols != nil {
		in := interp.New(io)
		for _, s := range opts.Symbols {
			if err := in.Use(s); err != nil {
				return nil, fmt.Errorf("engine: load symbols: %w", err)
			}
		}
		return in, nil
	}
	symbols.Options(&io)
	in := interp.New(io)
	if err := symbols.Install(in); err != nil {
		return nil, fmt.Errorf("engine: load symbols: %w", err)
	}
	return in, nil
}
