// Package cellsrc cuts the source of a notebook cell into its top-level
// pieces: a package clause, import declarations, other declarations (type,
// const, var, func and method) and statements, which a cell may mix in any
// order. The engine uses it to run a cell and the assistant to read one, so
// both agree on what a cell declares.
//
// It works on tokens alone (go/scanner), so it accepts unfinished code:
// unbalanced brackets are left for the parser to report.
package cellsrc

import (
	"go/scanner"
	"go/token"
	"strings"
)

// Kind says what a Segment is.
type Kind int

// The kinds of top-level pieces of a cell.
const (
	Stmt    Kind = iota // a statement or expression
	Import              // an import declaration
	Decl                // a type, const, var, func or method declaration
	Package             // the package clause of a whole program
)

// A Segment is one top-level piece of a cell, as the byte range
// src[Start:End] of its source. End includes an explicit semicolon and
// excludes trailing white space.
type Segment struct {
	Start, End int
	Kind       Kind
}

// IsDecl reports whether s is a declaration, an import included.
func (s Segment) IsDecl() bool { return s.Kind == Import || s.Kind == Decl }

// Split cuts src into its top-level segments, in order.
func Split(src string) []Segment {
	var s scanner.Scanner
	file := token.NewFileSet().AddFile("", -1, len(src))
	s.Init(file, []byte(src), nil, 0)
	type tok struct {
		off int
		tok token.Token
		lit string
	}
	var toks []tok
	for {
		pos, t, lit := s.Scan()
		if t == token.EOF {
			break
		}
		toks = append(toks, tok{file.Offset(pos), t, lit})
	}

	var segs []Segment
	depth, first := 0, -1
	flush := func(end int) {
		if first < 0 {
			return
		}
		seg := Segment{Start: toks[first].off, End: end}
		switch toks[first].tok {
		case token.PACKAGE:
			seg.Kind = Package
		case token.IMPORT:
			seg.Kind = Import
		case token.TYPE, token.CONST, token.VAR:
			seg.Kind = Decl
		case token.FUNC:
			rest := make([]token.Token, 0, len(toks)-first-1)
			for _, t := range toks[first+1:] {
				rest = append(rest, t.tok)
			}
			if isFuncDecl(rest) {
				seg.Kind = Decl
			}
		}
		for seg.End > seg.Start && strings.ContainsRune(" \t\r\n", rune(src[seg.End-1])) {
			seg.End--
		}
		segs = append(segs, seg)
		first = -1
	}
	for i, t := range toks {
		switch t.tok {
		case token.LPAREN, token.LBRACE, token.LBRACK:
			depth++
		case token.RPAREN, token.RBRACE, token.RBRACK:
			if depth > 0 {
				depth--
			}
		}
		if t.tok == token.SEMICOLON && depth == 0 {
			end := t.off
			if t.lit == ";" {
				end++
			}
			flush(end)
			continue
		}
		if first < 0 {
			first = i
		}
	}
	flush(len(src))
	return segs
}

// isFuncDecl tells a function or method declaration from a statement that
// starts with a function literal, given the kinds of the tokens after
// "func": `func name(` and `func (r T) name(` (or `name[` for type
// parameters) declare; `func(...) ...` is a literal.
func isFuncDecl(rest []token.Token) bool {
	at := func(i int) token.Token {
		if i < len(rest) {
			return rest[i]
		}
		return token.EOF
	}
	switch at(0) {
	case token.IDENT:
		return true
	case token.LPAREN:
	default:
		return false
	}
	depth := 0
	for i, k := range rest {
		switch k {
		case token.LPAREN:
			depth++
		case token.RPAREN:
			depth--
			if depth == 0 {
				return at(i+1) == token.IDENT && (at(i+2) == token.LPAREN || at(i+2) == token.LBRACK)
			}
		}
	}
	return false
}

// Blank returns src with every byte outside the segments that keep accepts
// replaced by a space, newlines kept, so that positions in the result are
// the positions in src.
func Blank(src string, segs []Segment, keep func(Segment) bool) string {
	b := []byte(src)
	kept := make([]bool, len(b))
	for _, s := range segs {
		if keep(s) {
			for i := s.Start; i < s.End; i++ {
				kept[i] = true
			}
		}
	}
	for i := range b {
		if !kept[i] && b[i] != '\n' {
			b[i] = ' '
		}
	}
	return string(b)
}
