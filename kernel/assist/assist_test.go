package assist

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chanlab/chanlab/snippets/catalog"
)

// sessionCells are earlier cells most tests run after.
var sessionCells = []string{
	`import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)`,
	"var wg sync.WaitGroup\nvar mu sync.Mutex",
	`// Counter counts events safely.
type Counter struct {
	mu sync.Mutex
	n  int
}

// Inc adds one.
func (c *Counter) Inc() { c.mu.Lock(); c.n++; c.mu.Unlock() }`,
	"c := &Counter{}\nvar hits atomic.Int64",
	`import "golang.org/x/sync/errgroup"`,
}

var shared struct {
	once sync.Once
	a    *Assistant
}

// testAssistant returns an Assistant that has seen sessionCells; it is
// shared because reading sources is the slow part.
func testAssistant(t testing.TB) *Assistant {
	shared.once.Do(func() {
		shared.a = New(Options{})
		for _, c := range sessionCells {
			shared.a.AddCell(c)
		}
	})
	return shared.a
}

// cursorAt removes the "|" marker from s and returns the code and the
// marker's position in UTF-16 code units.
func cursorAt(t testing.TB, s string) (string, int) {
	i := strings.Index(s, "|")
	if i < 0 {
		t.Fatalf("no cursor marker in %q", s)
	}
	code := s[:i] + s[i+1:]
	return code, unitOffset(code, i)
}

func TestComplete(t *testing.T) {
	a := testAssistant(t)
	tests := []struct {
		name  string
		code  string
		exact []string // the matches, in order
		has   []string // matches that must be there
		none  bool     // no match at all
	}{
		{name: "package members", code: "fmt.Prin|", exact: []string{"Print", "Printf", "Println"}},
		{name: "waitgroup methods", code: "wg.|", exact: []string{"Add", "Done", "Go", "Wait"}},
		{name: "mutex methods", code: "mu.|", exact: []string{"Lock", "TryLock", "Unlock"}},
		{name: "rwmutex in this cell", code: "var rw sync.RWMutex\nrw.R|", exact: []string{"RLock", "RLocker", "RUnlock"}},
		{name: "user type", code: "c.|", exact: []string{"Inc", "mu", "n"}},
		{name: "field chain", code: "c.mu.L|", exact: []string{"Lock"}},
		{name: "atomic", code: "hits.|", has: []string{"Add", "CompareAndSwap", "Load", "Store", "Swap"}},
		{name: "context results", code: "ctx, cancel := context.WithTimeout(context.Background(), time.Second)\nctx.|", exact: []string{"Deadline", "Done", "Err", "Value"}},
		{name: "second result", code: "ctx, cancel := context.WithCancel(context.Background())\ncan|", exact: []string{"cancel"}},
		{name: "errgroup", code: "g, ctx := errgroup.WithContext(context.Background())\ng.|", exact: []string{"Go", "SetLimit", "TryGo", "Wait"}},
		{name: "unimported semaphore", code: "sem := semaphore.NewWeighted(2)\nsem.|", exact: []string{"Acquire", "Release", "TryAcquire"}},
		{name: "ticker", code: "t := time.NewTicker(time.Second)\nt.|", exact: []string{"C", "Reset", "Stop"}},
		{name: "sync.Once local", code: "func f() {\n\tvar once sync.Once\n\tonce.|\n}", exact: []string{"Do"}},
		{name: "out of scope local", code: "func f() {\n\tvar once sync.Once\n}\nonce.|", none: true},
		{name: "range variable", code: "for _, v := range []*Counter{} {\n\tv.|\n}", exact: []string{"Inc", "mu", "n"}},
		{name: "channel receive", code: "ch := make(chan Counter)\nv := <-ch\nv.I|", exact: []string{"Inc"}},
		{name: "new", code: "p := new(sync.WaitGroup)\np.W|", exact: []string{"Wait"}},
		{name: "call chain", code: "time.Now().Add(time.Second).Unix|", has: []string{"Unix", "UnixMilli", "UnixNano"}},
		{name: "error method", code: "err := fmt.Errorf(\"x\")\nerr.|", exact: []string{"Error"}},
		{name: "func parameter", code: "func work(wg *sync.WaitGroup) {\n\tdefer wg.D|", exact: []string{"Done"}},
		{name: "builtins", code: "prin|", exact: []string{"print", "println"}},
		{name: "keywords", code: "go|", exact: []string{"go", "goto"}},
		{name: "earlier cells", code: "Cou|", exact: []string{"Counter"}},
		{name: "packages", code: "errg|", exact: []string{"errgroup"}},
		{name: "case-insensitive fallback", code: "fmt.sprint|", exact: []string{"Sprint", "Sprintf", "Sprintln"}},
		{name: "import path", code: `import "sync/|"`, exact: []string{"sync/atomic"}},
		{name: "import group", code: "import (\n\t\"fmt\"\n\t\"golang.org/x/sync/err|\"\n)", exact: []string{"golang.org/x/sync/errgroup"}},
		{name: "import by last element", code: `import "errgr|`, exact: []string{"golang.org/x/sync/errgroup"}},
		{name: "struct literal keys", code: "x := Counter{|", exact: []string{"mu", "n"}},
		{name: "struct literal second key", code: "x := &Counter{mu: sync.Mutex{}, |}", exact: []string{"mu", "n"}},
		{name: "stdlib struct literal", code: "x := http.Server{Add|", exact: []string{"Addr"}},
		{name: "block is not a literal", code: "if true {\n\thi|", exact: []string{"hits"}},
		{name: "helper package", code: "timing.Comp|", has: []string{"Compare"}},
		{name: "helper package alias", code: "import \"chanlab/pools\"\np := pools.New(4)\np.Sub|", has: []string{"Submit"}},
		{name: "type switch", code: "var x any\nswitch v := x.(type) {\ncase *Counter:\n\tv.|", exact: []string{"Inc", "mu", "n"}},
		{name: "select case", code: "ch := make(chan *Counter)\nselect {\ncase v := <-ch:\n\tv.I|", exact: []string{"Inc"}},
		{name: "untyped constant times duration", code: "d := 3 * time.Second\nd.Seco|", exact: []string{"Seconds"}},
		{name: "whole program", code: "package main\n\nimport \"sync\"\n\nfunc main() {\n\tvar mu sync.RWMutex\n\tmu.R|\n}", exact: []string{"RLock", "RLocker", "RUnlock"}},
		{name: "closure parameter", code: "run := func(ctx context.Context) {\n\tctx.E|", exact: []string{"Err"}},
		{name: "generic type", code: "var p atomic.Pointer[Counter]\np.|", exact: []string{"CompareAndSwap", "Load", "Store", "Swap"}},
		{name: "magic names", code: "%sn|", exact: []string{"snippet"}},
		{name: "snippet names", code: "%help\n%snippet errgroup-|", exact: []string{"errgroup-cancel", "errgroup-limit"}},
		{name: "after a snippet name", code: "%snippet worker-pool |", none: true},
		{name: "modulo is no magic", code: "x := 7 % |", has: []string{"hits"}},
		{name: "import alias", code: `import "chanlab/tim|"`, exact: []string{"chanlab/timing"}},
		{name: "in a comment", code: "// fmt.|", none: true},
		{name: "in a string", code: `s := "fmt.|`, none: true},
		{name: "number", code: "x := 3.|", none: true},
		{name: "unexported stdlib field", code: "wg.st|", none: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, cur := cursorAt(t, tt.code)
			got := a.Complete(code, cur)
			switch {
			case tt.none && len(got.Matches) > 0:
				t.Errorf("matches = %v, want none", got.Matches)
			case tt.exact != nil && !slices.Equal(got.Matches, tt.exact):
				t.Errorf("matches = %v, want %v", got.Matches, tt.exact)
			}
			for _, h := range tt.has {
				if !slices.Contains(got.Matches, h) {
					t.Errorf("matches = %v, want %s among them", got.Matches, h)
				}
			}
			if got.CursorEnd != cur {
				t.Errorf("cursor_end = %d, want %d", got.CursorEnd, cur)
			}
		})
	}
}

func TestCompleteCursorRange(t *testing.T) {
	a := testAssistant(t)
	tests := []struct {
		code       string
		start, end int // UTF-16 code units
	}{
		{"fmt.Prin|", 4, 8},
		{"wg.|", 3, 3},
		{"s := \"😀\"\nfmt.Pr|", 14, 16},        // the emoji is two UTF-16 units, four bytes
		{"s := \"é😀\"; wg.W|", 15, 16},         // é is one unit, two bytes
		{"x := 1 // 😀😀\nfmt.Pr|intln", 19, 21}, // cursor in the middle of a word
		{`import "😀"; import "sy|`, 21, 23},
	}
	for _, tt := range tests {
		code, cur := cursorAt(t, tt.code)
		got := a.Complete(code, cur)
		if got.CursorStart != tt.start || got.CursorEnd != tt.end {
			t.Errorf("%q: cursor range = [%d, %d], want [%d, %d]", tt.code, got.CursorStart, got.CursorEnd, tt.start, tt.end)
		}
		if len(got.Matches) == 0 {
			t.Errorf("%q: no matches", tt.code)
		}
	}
}

func TestCompleteTypes(t *testing.T) {
	a := testAssistant(t)
	tests := []struct {
		code, match, kind string
	}{
		{"fmt.Prin|", "Println", "function"},
		{"fmt.Strin|", "Stringer", "type"},
		{"time.Sec|", "Second", "constant"},
		{"os.Std|", "Stdout", "variable"},
		{"c.|", "mu", "field"},
		{"c.|", "Inc", "method"},
		{"impo|", "import", "keyword"},
		{"fm|", "fmt", "package"},
		{"hi|", "hits", "variable"},
		{"Coun|", "Counter", "type"},
		{`import "sync|`, "sync/atomic", "package"},
	}
	for _, tt := range tests {
		code, cur := cursorAt(t, tt.code)
		got := a.Complete(code, cur)
		types, _ := got.Metadata[TypesKey].([]map[string]any)
		if len(types) != len(got.Matches) {
			t.Fatalf("%q: %d types for %d matches", tt.code, len(types), len(got.Matches))
		}
		found := false
		for _, ty := range types {
			if ty["text"] == tt.match {
				found = true
				if ty["type"] != tt.kind {
					t.Errorf("%q: %s has type %v, want %s", tt.code, tt.match, ty["type"], tt.kind)
				}
				if ty["start"] != got.CursorStart || ty["end"] != got.CursorEnd {
					t.Errorf("%q: type entry range [%v, %v] differs from the reply's", tt.code, ty["start"], ty["end"])
				}
			}
		}
		if !found {
			t.Errorf("%q: %s not among %v", tt.code, tt.match, got.Matches)
		}
	}
	got := a.Complete("fmt.Printl", 10)
	if sig := got.Metadata[TypesKey].([]map[string]any)[0]["signature"]; sig != "(a ...any) (n int, err error)" {
		t.Errorf("signature of Println = %q", sig)
	}
}

func TestAddCellLaterDefinitionWins(t *testing.T) {
	a := New(Options{})
	a.AddCell("import \"sync\"\nvar x sync.Mutex")
	a.AddCell("var x sync.WaitGroup")
	if got := a.Complete("x.W", 3).Matches; !slices.Equal(got, []string{"Wait"}) {
		t.Errorf("matches = %v, want [Wait]", got)
	}
	a.Reset()
	if got := a.Complete("x.W", 3).Matches; len(got) != 0 {
		t.Errorf("after Reset, matches = %v, want none", got)
	}
}

func TestInspect(t *testing.T) {
	a := testAssistant(t)
	tests := []struct {
		name   string
		code   string
		detail int
		want   []string // substrings of text/plain
		not    []string // must not appear in text/plain
	}{
		{name: "stdlib func", code: "fmt.Print|ln(1)", want: []string{"function fmt.Println", "func Println(a ...any) (n int, err error)", "writes to\nstandard output"}, not: []string{"Fprintln(os.Stdout"}},
		{name: "stdlib func source", code: "fmt.Println|", detail: 1, want: []string{"return Fprintln(os.Stdout, a...)"}},
		{name: "in call arguments", code: "fmt.Println(1, |", want: []string{"func Println("}},
		{name: "method", code: "wg.Wa|it()", want: []string{"method (*sync.WaitGroup).Wait", "func (wg *WaitGroup) Wait()", "Wait blocks until"}},
		{name: "variable", code: "w|g", want: []string{"variable wg sync.WaitGroup", "var wg sync.WaitGroup", "A WaitGroup is", "methods: Add, Done, Go, Wait"}},
		{name: "user type", code: "Counter|", want: []string{"type Counter", "mu sync.Mutex", "Counter counts events safely.", "methods: Inc"}},
		{name: "user type source", code: "Counter|", detail: 1, want: []string{"func (c *Counter) Inc()"}},
		{name: "user method", code: "c.Inc|()", want: []string{"method (*Counter).Inc", "Inc adds one."}, not: []string{"c.n++"}},
		{name: "user method source", code: "c.Inc|()", detail: 1, want: []string{"c.mu.Lock(); c.n++; c.mu.Unlock()"}},
		{name: "user variable", code: "c|", want: []string{"variable c *Counter", "c := &Counter{}"}},
		{name: "field", code: "c.m|u", want: []string{"field (Counter).mu sync.Mutex", "A Mutex is a mutual exclusion lock."}},
		{name: "package", code: "syn|c.Mutex", want: []string{"package sync", `import "sync"`, "basic synchronization primitives"}, not: []string{"should not be copied"}},
		{name: "package more", code: "sync|", detail: 1, want: []string{"should not be copied"}},
		{name: "import path", code: `import "sync/ato|mic"`, want: []string{"package atomic"}},
		{name: "builtin", code: "le|n(x)", want: []string{"func len(v Type) int"}},
		{name: "local in this cell", code: "ticker := time.NewTicker(time.Second)\ntick|er.Stop()", want: []string{"variable ticker *time.Ticker", "ticker := time.NewTicker(time.Second)"}},
		{name: "interface method", code: "ctx := context.Background()\nctx.Do|ne()", want: []string{"method (context.Context).Done", "Done() <-chan struct{}"}},
		{name: "errgroup", code: "var g errgroup.Group\ng.SetLi|mit(2)", want: []string{"func (g *Group) SetLimit(n int)"}},
		{name: "magic", code: "%snip|pet", want: []string{"magic %snippet", "%snippet [NAME]"}},
		{name: "snippet", code: "%snippet worker-po|ol", want: []string{"snippet worker-pool", "func poolWorker("}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, cur := cursorAt(t, tt.code)
			data, found := a.Inspect(code, cur, tt.detail)
			if !found {
				t.Fatalf("not found")
			}
			plain, _ := data["text/plain"].(string)
			md, _ := data["text/markdown"].(string)
			if !strings.Contains(md, "```go\n") {
				t.Errorf("markdown has no Go code block:\n%s", md)
			}
			for _, w := range tt.want {
				if !strings.Contains(plain, w) {
					t.Errorf("text/plain lacks %q:\n%s", w, plain)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(plain, w) {
					t.Errorf("text/plain has %q:\n%s", w, plain)
				}
			}
		})
	}
	for _, code := range []string{"// wg|", "x := 1 + |", "nosuchname|", `s := "wg|"`} {
		if _, found := a.Inspect(strings.Replace(code, "|", "", 1), strings.Index(code, "|"), 0); found {
			t.Errorf("Inspect(%q) found something", code)
		}
	}
}

func TestIsComplete(t *testing.T) {
	a := New(Options{})
	tests := []struct {
		code, status, indent string
	}{
		{"", "complete", ""},
		{"x := 1", "complete", ""},
		{"fmt.Println(\"hi\")\n", "complete", ""},
		{"func f() {\n\treturn\n}", "complete", ""},
		{"%snippet worker-pool", "complete", ""},
		{"func f() {", "incomplete", "\t"},
		{"func f() {\n\tif ok {", "incomplete", "\t\t"},
		{"xs := []int{\n\t1,", "incomplete", "\t"},
		{"fmt.Println(", "incomplete", "\t"},
		{"x := 1 +", "incomplete", "\t"},
		{"ok := a &&", "incomplete", "\t"},
		{"x :=", "incomplete", "\t"},
		{"f(a,\n  b) ||", "incomplete", "  \t"},
		{"s := `line one", "incomplete", ""},
		{"/* a comment", "incomplete", ""},
		{"}", "invalid", ""},
		{"f(]", "invalid", ""},
		{"s := \"open", "invalid", ""},
		{"for i := 0; i < 3; i++", "invalid", ""},
		{"x := = 2", "invalid", ""},
	}
	for _, tt := range tests {
		status, indent := a.IsComplete(tt.code)
		if status != tt.status || indent != tt.indent {
			t.Errorf("IsComplete(%q) = %q, %q; want %q, %q", tt.code, status, indent, tt.status, tt.indent)
		}
	}
}

func TestUTF16(t *testing.T) {
	tests := []struct {
		s            string
		units, bytes int
	}{
		{"abc", 2, 2},
		{"é", 1, 2},
		{"😀x", 2, 4},
		{"😀x", 3, 5},
		{"😀x", 1, 0}, // inside the surrogate pair: start of the character
		{"a", 9, 1},  // past the end
		{"", 0, 0},
	}
	for _, tt := range tests {
		if got := byteOffset(tt.s, tt.units); got != tt.bytes {
			t.Errorf("byteOffset(%q, %d) = %d, want %d", tt.s, tt.units, got, tt.bytes)
		}
	}
	for _, s := range []string{"abc", "é😀x", "日本語😀😀", "a\xffb"} {
		for b := range s + "." { // every rune start, and the end
			u := unitOffset(s, b)
			if back := byteOffset(s, u); back != b {
				t.Errorf("%q: byte %d → unit %d → byte %d", s, b, u, back)
			}
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	a := New(Options{})
	done := make(chan struct{})
	a.Warm(done)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			for j := range 20 {
				a.AddCell(fmt.Sprintf("import \"sync\"\nvar v%d_%d sync.Mutex", i, j))
				a.Complete("fmt.Prin", 8)
				a.Inspect("wg.Wait", 5, 0)
			}
		})
	}
	wg.Wait()
	<-done
	got := a.Complete("v3_1", 4).Matches
	want := []string{"v3_1"}
	for j := 10; j < 20; j++ {
		want = append(want, fmt.Sprintf("v3_%d", j))
	}
	sort.Strings(want)
	if !slices.Equal(got, want) {
		t.Errorf("matches = %v, want %v", got, want)
	}
}

// priorCells returns n cells like a long notebook's.
func priorCells(n int) []string {
	cells := []string{sessionCells[0]}
	for i := 1; i < n; i++ {
		cells = append(cells, fmt.Sprintf(`// T%[1]d is cell %[1]d's type.
type T%[1]d struct {
	mu sync.Mutex
	n  int
}

func (t *T%[1]d) Inc() { t.mu.Lock(); t.n++; t.mu.Unlock() }

v%[1]d := &T%[1]d{}
for i := 0; i < 10; i++ {
	v%[1]d.Inc()
}
fmt.Println(v%[1]d.n)`, i))
	}
	return cells
}

// benchMedian runs f b.N times and reports the median duration.
func benchMedian(b *testing.B, f func()) {
	ds := make([]time.Duration, 0, b.N)
	for b.Loop() {
		t0 := time.Now()
		f()
		ds = append(ds, time.Since(t0))
	}
	slices.Sort(ds)
	if len(ds) > 0 {
		b.ReportMetric(float64(ds[len(ds)/2].Microseconds()), "median-µs")
	}
}

func loaded(b *testing.B, cells int) *Assistant {
	a := New(Options{})
	for _, c := range priorCells(cells) {
		a.AddCell(c)
	}
	a.AddCell("var wg sync.WaitGroup")
	a.Complete("fmt.Prin", 8) // read fmt and sync
	a.Complete("wg.", 3)
	return a
}

func BenchmarkComplete500Cells(b *testing.B) {
	a := loaded(b, 500)
	code := "func work() {\n\tv499.Inc()\n\twg."
	benchMedian(b, func() { a.Complete(code, len(code)) })
}

func BenchmarkCompletePackage500Cells(b *testing.B) {
	a := loaded(b, 500)
	benchMedian(b, func() { a.Complete("fmt.Prin", 8) })
}

func BenchmarkCompleteNames500Cells(b *testing.B) {
	a := loaded(b, 500)
	benchMedian(b, func() { a.Complete("v49", 3) })
}

func BenchmarkInspect500Cells(b *testing.B) {
	a := loaded(b, 500)
	benchMedian(b, func() { a.Inspect("wg.Wait()", 5, 0) })
}

func BenchmarkIsComplete(b *testing.B) {
	a := New(Options{})
	code := priorCells(2)[1]
	benchMedian(b, func() { a.IsComplete(code) })
}

func BenchmarkAddCell(b *testing.B) {
	a := loaded(b, 500)
	code := priorCells(2)[1]
	benchMedian(b, func() { a.AddCell(code) })
}

// BenchmarkFirstComplete measures a completion on a new Assistant, with
// nothing read yet: the cost without Warm.
func BenchmarkFirstComplete(b *testing.B) {
	benchMedian(b, func() {
		a := New(Options{})
		a.AddCell("import \"sync\"\nvar wg sync.WaitGroup")
		a.Complete("wg.", 3)
	})
}

// BenchmarkFirstCompleteUnimported includes reading the import path list.
func BenchmarkFirstCompleteUnimported(b *testing.B) {
	benchMedian(b, func() { New(Options{}).Complete("fmt.Prin", 8) })
}

// BenchmarkWarm measures Warm from start to finish.
func BenchmarkWarm(b *testing.B) {
	benchMedian(b, func() {
		done := make(chan struct{})
		New(Options{}).Warm(done)
		<-done
	})
}

// TestEveryCursor asks for completion and inspection at every position
// of every catalog snippet, as typing would, and checks that the answers
// are well formed.
func TestEveryCursor(t *testing.T) {
	if testing.Short() {
		t.Skip("thousands of requests")
	}
	a := New(Options{})
	for _, s := range catalog.List() {
		code := s.Code
		units := unitOffset(code, len(code))
		for cur := 0; cur <= units; cur++ {
			prefix := code[:byteOffset(code, cur)] // as typed so far
			c := a.Complete(prefix, cur)
			if c.CursorStart < 0 || c.CursorStart > c.CursorEnd || c.CursorEnd != cur {
				t.Fatalf("%s at %d: cursor range [%d, %d]", s.Name, cur, c.CursorStart, c.CursorEnd)
			}
			a.IsComplete(prefix)
			if cur%5 != 0 {
				continue
			}
			if data, found := a.Inspect(code, cur, 1); found && data["text/plain"] == "" {
				t.Fatalf("%s at %d: found but empty", s.Name, cur)
			}
		}
		if st, _ := a.IsComplete(code); st != "complete" {
			t.Errorf("%s: IsComplete = %s, want complete", s.Name, st)
		}
		a.AddCell(code)
	}
	if got := a.Complete("poolW", 5).Matches; !slices.Equal(got, []string{"poolWG", "poolWorker"}) {
		t.Errorf("names from the snippets: %v", got)
	}
}
