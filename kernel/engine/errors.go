package engine

import (
	"context"
	"errors"
	"fmt"
	"go/scanner"
	"io"
	"reflect"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/chanlab/chanlab/kernel/ipc"
	"github.com/traefik/yaegi/interp"
)

// Error names (ename) of failed cells.
const (
	// ENameCompile is a cell that does not parse or compile.
	ENameCompile = "CompileError"
	// ENamePanic is a panic with a value the user's code passed to panic.
	ENamePanic = "panic"
	// ENameRuntime is a run-time panic (index out of range, nil map, ...).
	ENameRuntime = "runtime error"
	// ENameInterrupted is a cell stopped by an interrupt.
	ENameInterrupted = "Interrupted"
	// ENameDeadlock is a cell whose goroutines were all blocked.
	ENameDeadlock = "fatal error"
)

var (
	// cellPos matches a position in a cell in a message: "_.go:30005:7: "
	// or "30005:7: " or "30005: " is line 5 of cell 3 (see lineBase), and
	// so is "cell3:6:7", a raw position in the parsed cell (with its
	// header line).
	cellPos = regexp.MustCompile(`(?:_\.go:|\b)(\d{5,})(?::\d+)?:\s|\bcell(\d+):(\d+)(?::\d+)?\b`)
	// framePos is the position of a frame line, without a trailing colon.
	framePos = regexp.MustCompile(`^(?:_\.go:)?(\d{5,})(?::\d+)?$|^cell(\d+):(\d+)(?::\d+)?$`)
	// genPos matches a position in generated code, which means nothing to
	// the user: "1:28: " or "_.go:1:28: ".
	genPos = regexp.MustCompile(`(^|\s)(?:_\.go:)?\d+:\d+: `)
	// kindNames matches yaegi's names of basic types in its messages:
	// `cannot use "s" (type stringT) as type intT`.
	kindNames = regexp.MustCompile(`\b(bool|u?int(?:8|16|32|64)?|uintptr|float(?:32|64)|complex(?:64|128)|string)T\b`)
	// genFunc matches the generated function of a cell.
	genFunc = regexp.MustCompile(`(?:main\.)?` + runFunc + `\d*\b`)
)

// mapText rewrites positions and names of generated code in an error
// message into what the user wrote.
func mapText(s string) string {
	s = cellPos.ReplaceAllStringFunc(s, func(p string) string {
		m := cellPos.FindStringSubmatch(p)
		c, l, ok := decodeMatch(m)
		if !ok {
			return p
		}
		if m[1] != "" {
			return fmt.Sprintf("cell [%d], line %d: ", c, l)
		}
		return fmt.Sprintf("cell [%d], line %d", c, l)
	})
	s = genPos.ReplaceAllString(s, "$1")
	s = kindNames.ReplaceAllString(s, "$1")
	s = genFunc.ReplaceAllString(s, "the cell")
	s = strings.ReplaceAll(s, userMain, "main")
	s = strings.ReplaceAll(s, "_clhook.Out(", "(")
	return s
}

// errorResult turns an error of a cell into a Result. ctx is the cell's
// context, whose cause tells an interrupt from a deadlock.
func (e *Engine) errorResult(ctx context.Context, err error) ipc.Result {
	if ctx.Err() != nil {
		if errors.Is(context.Cause(ctx), errDeadlock) {
			return ipc.Result{Status: "error", EName: ENameDeadlock, EValue: errDeadlock.Error(),
				Traceback: []string{"fatal error: " + errDeadlock.Error(),
					"(every goroutine of the cell stayed blocked; the cell was stopped)"}}
		}
		return ipc.Result{Status: "error", EName: ENameInterrupted, EValue: "the cell was interrupted",
			Traceback: []string{"Interrupted: the cell was stopped."}}
	}
	var p interp.Panic
	if errors.As(err, &p) {
		msg := fmt.Sprint(p.Value)
		if strings.Contains(msg, "CFG post-order panic") || strings.Contains(msg, "CFG pre-order panic") {
			// yaegi crashed while compiling: the code is valid Go
			// that the interpreter can't handle.
			e.trace.take()
			return compileError([]string{mapText(msg) + " (the interpreter failed on valid Go code)"})
		}
		return panicResult(p.Value, e.trace.take(), "")
	}
	var list scanner.ErrorList
	if errors.As(err, &list) {
		var lines []string
		for _, le := range list {
			lines = append(lines, mapText(le.Error()))
		}
		return compileError(lines)
	}
	lines := strings.Split(strings.TrimSpace(mapText(err.Error())), "\n")
	return compileError(lines)
}

func compileError(lines []string) ipc.Result {
	return ipc.Result{Status: "error", EName: ENameCompile, EValue: strings.Join(lines, "; "), Traceback: lines}
}

// panicResult describes a panic with value v. frames are yaegi's frame
// lines collected while the panic unwound (innermost first); where, if set,
// says where a goroutine was started.
func panicResult(v any, frames []string, where string) ipc.Result {
	ename := ENamePanic
	evalue := fmt.Sprint(v)
	var ve *reflect.ValueError
	if err, ok := v.(error); ok && errors.As(err, &ve) && ve.Kind == reflect.Invalid {
		// yaegi reaches a field or method through a nil pointer with
		// package reflect: p.balance with p nil.
		v = errors.New("runtime error: invalid memory address or nil pointer dereference")
	}
	if re, ok := v.(runtime.Error); ok {
		ename = ENameRuntime
		evalue = strings.TrimPrefix(re.Error(), "runtime error: ")
	} else if err, ok := v.(error); ok {
		evalue = err.Error()
		if strings.HasPrefix(evalue, "runtime error: ") {
			ename = ENameRuntime
			evalue = strings.TrimPrefix(evalue, "runtime error: ")
		}
	} else if s, ok := v.(string); ok && strings.HasPrefix(s, "reflect: ") {
		// yaegi runs indexing through package reflect, whose panics
		// are strings: "reflect: slice index out of range".
		ename = ENameRuntime
		evalue = strings.TrimPrefix(s, "reflect: ")
	}
	evalue = mapText(evalue)
	tb := []string{fmt.Sprintf("%s: %s", ename, evalue)}
	if ename == ENamePanic {
		tb[0] = "panic: " + evalue
	}
	if where != "" {
		tb[0] += " [" + where + "]"
	}
	tb = append(tb, frames...)
	if strings.Contains(evalue, "reflect.Set: value of type") && strings.Contains(evalue, "is not assignable to type") {
		tb = append(tb, genericMethodHint)
	}
	return ipc.Result{Status: "error", EName: ename, EValue: evalue, Traceback: tb}
}

// genericMethodHint explains the likeliest cause of yaegi's "reflect.Set:
// value of type *struct {...} is not assignable" panic.
const genericMethodHint = "This is probably an interpreter bug: two generic types that have a method of the same name " +
	"(A[T].Push and B[T].Push) share one method when instantiated with the same type arguments. " +
	"Give the methods different names, or make one of the types non-generic."

// panicTrace collects the frame lines yaegi prints while a panic unwinds.
type panicTrace struct {
	mu     sync.Mutex
	frames []string
}

func (t *panicTrace) add(s string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.frames) < 50 {
		t.frames = append(t.frames, s)
	}
}

func (t *panicTrace) reset() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.frames = nil
}

// take returns the collected frames and forgets them.
func (t *panicTrace) take() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	f := t.frames
	t.frames = nil
	return f
}

// framePat matches a line yaegi prints for each interpreted frame a panic
// unwinds: "cell[3]:21:2: panic: main.h(...)".
var framePat = regexp.MustCompile(`^(\S*): panic: (.*)\(\.\.\.\)\n?$`)

// panicFilter passes writes through to w, except yaegi's panic frame
// lines, which it collects in t for the error's traceback.
type panicFilter struct {
	w io.Writer
	t *panicTrace
}

func (f *panicFilter) Write(p []byte) (int, error) {
	if len(p) < 300 && (len(p) == 0 || p[0] != 0) {
		if m := framePat.FindSubmatch(p); m != nil {
			if line := frameLine(string(m[1]), string(m[2])); line != "" {
				f.t.add(line)
			}
			return len(p), nil
		}
	}
	return f.w.Write(p)
}

// frameLine formats one frame for a traceback, or returns "" for frames of
// generated code.
func frameLine(pos, fn string) string {
	c, l, ok := decodePos(pos)
	if !ok {
		return ""
	}
	fn = strings.TrimPrefix(fn, "main.")
	fn = strings.ReplaceAll(fn, userMain, "main")
	if genFunc.MatchString(fn) || fn == "" {
		return fmt.Sprintf("  cell [%d], line %d", c, l)
	}
	return fmt.Sprintf("  cell [%d], line %d, in %s", c, l, fn)
}

// decodePos returns the cell and line of the position of a frame line,
// such as "_.go:30005:7" or "30005" (line 5 of cell 3) or "cell3:6".
func decodePos(p string) (cell, line int, ok bool) {
	return decodeMatch(framePos.FindStringSubmatch(p))
}

// decodeMatch decodes a match of cellPos or framePos.
func decodeMatch(m []string) (cell, line int, ok bool) {
	if m == nil {
		return 0, 0, false
	}
	if m[1] == "" {
		// A raw position in the parsed cell, after its header line.
		c, _ := strconv.Atoi(m[2])
		l, _ := strconv.Atoi(m[3])
		return c, l - 1, true
	}
	v, err := strconv.Atoi(m[1])
	if err != nil {
		return 0, 0, false
	}
	return v / lineBase % cellWrap, v % lineBase, true
}
