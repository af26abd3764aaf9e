package assist

import (
	"go/parser"
	"go/scanner"
	"go/token"
	"strings"
)

// IsComplete tells a console whether code is ready to run: "complete",
// "incomplete" (an open bracket, raw string or comment, or a line ending in
// an operator), with the indentation for the next line, or "invalid"
// (a closing bracket without its opener, or a syntax error the next line
// cannot fix). Magic lines (starting with %) are complete.
func (a *Assistant) IsComplete(code string) (status, indent string) {
	defer func() {
		if recover() != nil {
			status, indent = "unknown", ""
		}
	}()
	trimmed := strings.TrimSpace(code)
	if trimmed == "" || strings.HasPrefix(trimmed, "%") {
		return "complete", ""
	}
	stack, stray, open := scanBrackets(code)
	switch {
	case stray >= 0:
		return "invalid", ""
	case open == "`" || open == "/*":
		return "incomplete", ""
	case open == `"`:
		return "invalid", ""
	case len(stack) > 0:
		return "incomplete", lineIndent(code, stack[len(stack)-1].off) + "\t"
	}
	if continues(code) {
		return "incomplete", lineIndent(code, len(code)) + "\t"
	}
	decls, stmts := split(code)
	fset := token.NewFileSet()
	if _, err := parser.ParseFile(fset, "", declPrefix+decls, parser.SkipObjectResolution); err != nil {
		return "invalid", ""
	}
	if _, err := parser.ParseFile(fset, "", stmtPrefix+stmts+"\n}", parser.SkipObjectResolution); err != nil {
		return "invalid", ""
	}
	return "complete", ""
}

// lineIndent returns the leading white space of the line holding offset.
func lineIndent(code string, off int) string {
	start := strings.LastIndexByte(code[:off], '\n') + 1
	end := start
	for end < len(code) && (code[end] == ' ' || code[end] == '\t') {
		end++
	}
	return code[start:end]
}

// continues reports whether the last token of code is one after which a
// Go statement must go on: a binary operator, an assignment, a comma, a
// dot or a channel arrow.
func continues(code string) bool {
	var s scanner.Scanner
	fset := token.NewFileSet()
	f := fset.AddFile("", fset.Base(), len(code))
	s.Init(f, []byte(code), nil, 0)
	last := token.ILLEGAL
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.SEMICOLON && lit == "\n" {
			continue
		}
		last = tok
	}
	switch last {
	case token.COMMA, token.PERIOD, token.ARROW, token.LAND, token.LOR,
		token.ASSIGN, token.DEFINE:
		return true
	}
	return last.IsOperator() && last.Precedence() > 0 || // binary operators
		last >= token.ADD_ASSIGN && last <= token.AND_NOT_ASSIGN
}
