package assist

import (
	"strings"

	"github.com/chanlab/chanlab/kernel/magic"
	"github.com/chanlab/chanlab/snippets/catalog"
)

// magicLine returns the magic line that holds offset b, and where it
// starts, if code is a magic cell (its first non-blank character is %).
func magicLine(code string, b int) (line string, start int, ok bool) {
	if !strings.HasPrefix(strings.TrimSpace(code), "%") {
		return "", 0, false
	}
	start = strings.LastIndexByte(code[:b], '\n') + 1
	end := strings.IndexByte(code[b:], '\n')
	if end < 0 {
		end = len(code)
	} else {
		end += b
	}
	line = code[start:end]
	if !strings.HasPrefix(strings.TrimSpace(line), "%") {
		return "", 0, false
	}
	return line, start, true
}

// completeMagic completes magic names after % and snippet names after
// %snippet.
func completeMagic(code string, b int) (int, []item, bool) {
	_, ls, ok := magicLine(code, b)
	if !ok {
		return 0, nil, false
	}
	upto := code[ls:b]
	pct := strings.IndexByte(upto, '%')
	words := strings.Fields(upto[pct+1:])
	wordStart := b
	for wordStart > ls && code[wordStart-1] != ' ' && code[wordStart-1] != '\t' && code[wordStart-1] != '%' {
		wordStart--
	}
	prefix := code[wordStart:b]
	var items []item
	switch {
	case len(words) == 0 || len(words) == 1 && !strings.HasSuffix(upto, " ") && !strings.HasSuffix(upto, "\t"):
		for _, n := range magic.Names() {
			items = append(items, item{text: n, kind: "magic"})
		}
	case words[0] == "snippet" && (len(words) == 1 || len(words) == 2 && prefix != ""):
		for _, s := range catalog.List() {
			items = append(items, item{text: s.Name, kind: "snippet", signature: s.Summary})
		}
	}
	return wordStart, filter(items, prefix), true
}

// inspectMagic describes the magic or the snippet named at offset b.
func inspectMagic(code string, b int) (*description, bool) {
	line, ls, ok := magicLine(code, b)
	if !ok {
		return nil, false
	}
	fields := strings.Fields(strings.TrimPrefix(strings.TrimSpace(line), "%"))
	if len(fields) == 0 {
		return nil, true
	}
	// Which word is the cursor on (or just after)?
	rel := b - ls
	idx := len(strings.Fields(strings.TrimPrefix(strings.TrimSpace(line[:rel]), "%")))
	if idx > 0 && rel > 0 && rel <= len(line) && line[rel-1] != ' ' {
		idx--
	}
	if fields[0] == "snippet" && idx >= 1 && len(fields) >= 2 {
		if s, ok := catalog.Get(fields[1]); ok {
			return &description{title: "snippet " + s.Name, code: s.Code, doc: s.Summary}, true
		}
		return nil, true
	}
	if usage, summary, ok := magic.Usage(fields[0]); ok {
		return &description{title: "magic %" + fields[0], code: usage, doc: summary}, true
	}
	return nil, true
}
