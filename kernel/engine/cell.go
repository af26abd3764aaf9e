package engine

import (
	"go/scanner"
	"go/token"
	"strings"
)

// segment is a top-level piece of a cell: one declaration or one
// statement, as a byte range of the cell's source.
type segment struct {
	start, end int
	decl       bool
	imp        bool // an import declaration
	pkgClause  bool
}

// splitCell cuts a cell into top-level declarations (import, type, const,
// var, func and method declarations) and statements. A cell may mix them
// freely, and may be a whole program starting with a package clause.
// Unbalanced brackets are left for the parser to report.
func splitCell(src string) []segment {
	var s scanner.Scanner
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(src))
	s.Init(file, []byte(src), nil, 0)

	type tok struct {
		pos int
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

	var segs []segment
	depth := 0
	startTok := -1
	flush := func(end int) {
		if startTok < 0 {
			return
		}
		first := toks[startTok]
		seg := segment{start: first.pos, end: end}
		switch first.tok {
		case token.PACKAGE:
			seg.pkgClause = true
		case token.IMPORT:
			seg.decl, seg.imp = true, true
		case token.TYPE, token.CONST, token.VAR:
			seg.decl = true
		case token.FUNC:
			seg.decl = isFuncDecl(toks[startTok+1:], func(i int) token.Token { return toks[startTok+1+i].tok })
		}
		segs = append(segs, seg)
		startTok = -1
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
			end := t.pos
			if t.lit == ";" {
				end++
			}
			if startTok >= 0 {
				flush(end)
			}
			continue
		}
		if startTok < 0 {
			startTok = i
		}
	}
	flush(len(src))
	// Trim trailing white space of each segment.
	for i := range segs {
		for segs[i].end > segs[i].start && strings.ContainsRune(" \t\r\n", rune(src[segs[i].end-1])) {
			segs[i].end--
		}
	}
	return segs
}

// isFuncDecl tells a function or method declaration from a statement that
// starts with a function literal, given the tokens after "func".
func isFuncDecl[T any](rest []T, kind func(int) token.Token) bool {
	if len(rest) == 0 {
		return false
	}
	if kind(0) == token.IDENT {
		return true // func name(...)
	}
	if kind(0) != token.LPAREN {
		return false
	}
	// func (recv T) name(...) is a method; func(...) ... is a literal.
	depth := 0
	for i := range rest {
		switch kind(i) {
		case token.LPAREN:
			depth++
		case token.RPAREN:
			depth--
			if depth == 0 {
				return i+2 < len(rest) && kind(i+1) == token.IDENT && kind(i+2) == token.LPAREN ||
					i+2 < len(rest) && kind(i+1) == token.IDENT && kind(i+2) == token.LBRACK
			}
		}
	}
	return false
}

// blank returns src with every byte outside the kept segments replaced by a
// space, keeping newlines, so positions in the result match src.
func blank(src string, segs []segment, keep func(segment) bool) string {
	b := []byte(src)
	keepMask := make([]bool, len(b))
	for _, s := range segs {
		if keep(s) {
			for i := s.start; i < s.end; i++ {
				keepMask[i] = true
			}
		}
	}
	for i := range b {
		if !keepMask[i] && b[i] != '\n' {
			b[i] = ' '
		}
	}
	return string(b)
}
