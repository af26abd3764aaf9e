package engine

import "github.com/chanlab/chanlab/kernel/cellsrc"

// segment is a top-level piece of a cell: one declaration or one
// statement (see package cellsrc).
type segment = cellsrc.Segment

// splitCell cuts a cell into top-level declarations and statements; a cell
// may mix them freely, and may be a whole program with a package clause.
func splitCell(src string) []segment { return cellsrc.Split(src) }

// blank returns src with every byte outside the kept segments replaced by a
// space, keeping newlines, so positions in the result match src.
func blank(src string, segs []segment, keep func(segment) bool) string {
	return cellsrc.Blank(src, segs, keep)
}
