package display

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
)

// A TextSink prints the text form of each display to W (standard output
// when W is nil): the sink of compiled programs. It skips interim outputs,
// so a progress bar prints once, in its final state, when it is done. An
// update prints the new text as a new display. Clear does nothing.
// A TextSink is safe for concurrent use.
type TextSink struct {
	W  io.Writer
	mu sync.Mutex
}

// NewTextSink returns a TextSink that writes to w.
func NewTextSink(w io.Writer) *TextSink { return &TextSink{W: w} }

// Show prints the text form of o.Data, ending with a newline.
func (s *TextSink) Show(o Output) {
	if o.Interim {
		return
	}
	text := PlainText(o.Data)
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	w := s.W
	if w == nil {
		w = stdout()
	}
	io.WriteString(w, text)
}

// Clear does nothing: printed text cannot be taken back.
func (s *TextSink) Clear(wait bool) {}

// PlainText returns the best text form of a bundle: its text/plain entry,
// else its Markdown, else its HTML with the tags removed, else a note
// naming the formats it holds.
func PlainText(m MIME) string {
	if s, ok := m["text/plain"].(string); ok {
		return s
	}
	if s, ok := m["text/markdown"].(string); ok {
		return s
	}
	if s, ok := m["text/html"].(string); ok {
		return plainFromHTML(s)
	}
	types := make([]string, 0, len(m))
	for k := range m {
		types = append(types, k)
	}
	sort.Strings(types)
	return fmt.Sprintf("[%s]", strings.Join(types, ", "))
}
