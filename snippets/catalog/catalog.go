// Package catalog holds ready-made notebook cells that show Go's
// concurrency patterns: worker pools, pipelines, rate limiting, bounded
// parallelism, cancellation and the ChanLab helper packages. An instructor
// inserts one with the %snippet magic.
//
// Each snippet is a file in cells/, embedded in the binary: the file's
// name (without .go.txt) is the snippet's name, its first line is a
// comment that summarizes it, and the whole file is a valid notebook cell
// (imports, declarations and statements mixed, as cells allow). Names of
// types, functions and variables carry a per-snippet prefix, so snippets
// can run one after another in the same notebook.
package catalog

import (
	"embed"
	"io/fs"
	"path"
	"sort"
	"strings"
)

//go:embed cells/*.go.txt
var cells embed.FS

// ext is the file name extension of snippet files.
const ext = ".go.txt"

// Snippet is one ready-made cell.
type Snippet struct {
	// Name identifies the snippet, as in "%snippet worker-pool".
	Name string
	// Summary is a one-line description.
	Summary string
	// Code is the cell's source, starting with the summary comment.
	Code string
}

// List returns every snippet, sorted by name.
func List() []Snippet {
	names, err := fs.Glob(cells, "cells/*"+ext)
	if err != nil {
		panic("catalog: bad glob: " + err.Error()) // the pattern is a constant
	}
	out := make([]Snippet, 0, len(names))
	for _, n := range names {
		s, ok := Get(strings.TrimSuffix(path.Base(n), ext))
		if ok {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Get returns the snippet with the given name, and whether there is one.
func Get(name string) (Snippet, bool) {
	if name == "" || strings.ContainsAny(name, "/\\.") {
		return Snippet{}, false
	}
	data, err := cells.ReadFile("cells/" + name + ext)
	if err != nil {
		return Snippet{}, false
	}
	code := string(data)
	first, _, _ := strings.Cut(code, "\n")
	return Snippet{
		Name:    name,
		Summary: strings.TrimSpace(strings.TrimPrefix(first, "//")),
		Code:    code,
	}, true
}
