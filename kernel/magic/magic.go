// Package magic runs the kernel's magic commands: cells whose first
// non-blank character is %, which the kernel answers itself instead of
// sending them to the engine (no Go cell can start with %).
//
//	%help            lists the magics
//	%snippet         lists the ready-made cells of package catalog
//	%snippet NAME    puts that snippet's code into the next cell
//	%history [N]     shows the last N cells run (default 10)
//
// A magic cell may hold several magic lines; every non-blank line must be
// one. The kernel calls Handle before sending a cell to the engine: when
// handled, it prints Result.Stdout on the stream, reports Result.Err as an
// error (ename ErrorName), and puts Result.Payload in the execute_reply.
package magic

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/chanlab/chanlab/kernel/history"
	"github.com/chanlab/chanlab/snippets/catalog"
)

// ErrorName is the ename to report a magic's error with, as IPython does.
const ErrorName = "UsageError"

// Result is what a magic cell produced.
type Result struct {
	// Stdout is text for the cell's stdout stream.
	Stdout string
	// Payload holds execute_reply payloads, such as set_next_input.
	Payload []map[string]any
	// Err is a usage error: an unknown magic, a bad argument.
	Err error
}

// Handler runs magics. Its zero value works; %history needs History.
type Handler struct {
	// History is the kernel's history store (a *history.Store). When nil,
	// %history says it is not available.
	History Tailer
}

// Tailer gives the last n executed cells, oldest first.
type Tailer interface {
	Tail(n int, output bool) []history.Entry
}

// Handle runs code with a Handler without history.
func Handle(code string) (Result, bool) {
	var h Handler
	return h.Handle(code)
}

// magicInfo describes one magic for %help.
type magicInfo struct {
	usage, summary string
	run            func(h *Handler, args []string, res *Result) error
}

// table returns the magics by name.
func table() map[string]magicInfo {
	return map[string]magicInfo{
		"help":    {"%help", "list the magics", (*Handler).help},
		"snippet": {"%snippet [NAME]", "list ready-made concurrency cells, or put snippet NAME into the next cell", (*Handler).snippet},
		"history": {"%history [N]", "show the last N cells run, newest last (default 10)", (*Handler).history},
	}
}

// Handle runs the magic lines of code and reports whether code is a magic
// cell at all (its first non-blank character is %). Running stops at the
// first error.
func (h *Handler) Handle(code string) (Result, bool) {
	trimmed := strings.TrimSpace(code)
	if !strings.HasPrefix(trimmed, "%") {
		return Result{}, false
	}
	var res Result
	for _, line := range strings.Split(trimmed, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if !strings.HasPrefix(line, "%") {
			res.Err = fmt.Errorf("a magic cell holds only magic lines; %q is not one (put Go code in its own cell)", line)
			return res, true
		}
		fields := strings.Fields(strings.TrimPrefix(line, "%"))
		if len(fields) == 0 {
			res.Err = errors.New("magic name missing after %; try %help")
			return res, true
		}
		m, ok := table()[fields[0]]
		if !ok {
			res.Err = fmt.Errorf("unknown magic %%%s; the magics are %s (see %%help)", fields[0], names())
			return res, true
		}
		if err := m.run(h, fields[1:], &res); err != nil {
			res.Err = err
			return res, true
		}
	}
	return res, true
}

// Names returns the names of the magics (without %), sorted.
func Names() []string {
	var ns []string
	for n := range table() {
		ns = append(ns, n)
	}
	sort.Strings(ns)
	return ns
}

// Usage returns the usage line and summary of a magic, or false.
func Usage(name string) (usage, summary string, ok bool) {
	m, ok := table()[name]
	return m.usage, m.summary, ok
}

// names lists the magics as "%a, %b and %c".
func names() string {
	var ns []string
	for n := range table() {
		ns = append(ns, "%"+n)
	}
	sort.Strings(ns)
	return strings.Join(ns[:len(ns)-1], ", ") + " and " + ns[len(ns)-1]
}

func (h *Handler) help(args []string, res *Result) error {
	if len(args) > 0 {
		return errors.New("%help takes no arguments")
	}
	var b strings.Builder
	b.WriteString("Magics (a cell starting with % is run by the kernel, not as Go):\n")
	tw := tabwriter.NewWriter(&b, 0, 8, 2, ' ', 0)
	magics := table()
	var ns []string
	for n := range magics {
		ns = append(ns, n)
	}
	sort.Strings(ns)
	for _, n := range ns {
		fmt.Fprintf(tw, "  %s\t%s\n", magics[n].usage, magics[n].summary)
	}
	tw.Flush()
	res.Stdout += b.String()
	return nil
}

func (h *Handler) snippet(args []string, res *Result) error {
	switch len(args) {
	case 0:
		var b strings.Builder
		b.WriteString("Snippets (insert one into the next cell with %snippet NAME):\n")
		tw := tabwriter.NewWriter(&b, 0, 8, 2, ' ', 0)
		for _, s := range catalog.List() {
			fmt.Fprintf(tw, "  %s\t%s\n", s.Name, s.Summary)
		}
		tw.Flush()
		res.Stdout += b.String()
		return nil
	case 1:
		s, ok := catalog.Get(args[0])
		if !ok {
			return fmt.Errorf("no snippet %q; %%snippet lists them%s", args[0], suggest(args[0]))
		}
		res.Payload = append(res.Payload, map[string]any{
			"source":  "set_next_input",
			"text":    s.Code,
			"replace": false,
		})
		res.Stdout += fmt.Sprintf("Snippet %s is in the next cell: %s\n", s.Name, s.Summary)
		return nil
	}
	return errors.New("usage: %snippet [NAME]")
}

// suggest names the snippets whose names contain name or share a word with
// it, as ", did you mean ...?".
func suggest(name string) string {
	var close []string
	words := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return r == '-' || r == '_' || r == ' ' })
	for _, s := range catalog.List() {
		for _, w := range words {
			if len(w) >= 3 && strings.Contains(s.Name, w) {
				close = append(close, s.Name)
				break
			}
		}
	}
	if len(close) == 0 {
		return ""
	}
	return "; did you mean " + strings.Join(close, ", ") + "?"
}

func (h *Handler) history(args []string, res *Result) error {
	n := 10
	if len(args) > 1 {
		return errors.New("usage: %history [N]")
	}
	if len(args) == 1 {
		v, err := strconv.Atoi(strings.TrimPrefix(args[0], "-n"))
		if err != nil || v <= 0 {
			return fmt.Errorf("%%history: N must be a positive number, not %q", args[0])
		}
		n = v
	}
	if h.History == nil {
		return errors.New("%history is not available in this kernel")
	}
	entries := h.History.Tail(n, false)
	if len(entries) == 0 {
		res.Stdout += "No history yet.\n"
		return nil
	}
	var b strings.Builder
	for i, e := range entries {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "// session %d, cell %d\n%s\n", e.Session, e.Line, strings.TrimRight(e.Input, "\n"))
	}
	res.Stdout += b.String()
	return nil
}
