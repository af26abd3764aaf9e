package magic

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chanlab/chanlab/kernel/history"
	"github.com/chanlab/chanlab/snippets/catalog"
)

func TestNotMagic(t *testing.T) {
	for _, code := range []string{"", "x := 1", "fmt.Println(10 % 3)", "  \n// %snippet\n"} {
		if _, handled := Handle(code); handled {
			t.Errorf("Handle(%q) handled a Go cell", code)
		}
	}
}

func TestSnippetList(t *testing.T) {
	res, handled := Handle("  %snippet\n")
	if !handled || res.Err != nil || len(res.Payload) != 0 {
		t.Fatalf("Handle = %+v, %v", res, handled)
	}
	for _, s := range catalog.List() {
		if !strings.Contains(res.Stdout, s.Name) || !strings.Contains(res.Stdout, s.Summary) {
			t.Errorf("listing lacks %s: %s\n%s", s.Name, s.Summary, res.Stdout)
		}
	}
}

func TestSnippetInsert(t *testing.T) {
	res, handled := Handle("%snippet worker-pool")
	if !handled || res.Err != nil {
		t.Fatalf("Handle = %+v, %v", res, handled)
	}
	s, _ := catalog.Get("worker-pool")
	want := map[string]any{"source": "set_next_input", "text": s.Code, "replace": false}
	if len(res.Payload) != 1 {
		t.Fatalf("payload = %v, want one set_next_input", res.Payload)
	}
	for k, v := range want {
		if res.Payload[0][k] != v {
			t.Errorf("payload[%q] = %v, want %v", k, res.Payload[0][k], v)
		}
	}
	if !strings.Contains(res.Stdout, "worker-pool") {
		t.Errorf("stdout = %q", res.Stdout)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		code, want string
	}{
		{"%foo", "unknown magic %foo; the magics are %help, %history and %snippet"},
		{"%", "magic name missing"},
		{"%snippet nope", `no snippet "nope"`},
		{"%snippet pool", "did you mean pool-map, worker-pool?"},
		{"%snippet a b", "usage: %snippet [NAME]"},
		{"%help me", "takes no arguments"},
		{"%help\nx := 1", "only magic lines"},
		{"%history", "not available"},
		{"%history -3", "positive number"},
	}
	for _, tt := range tests {
		res, handled := Handle(tt.code)
		if !handled {
			t.Errorf("Handle(%q) not handled", tt.code)
			continue
		}
		if res.Err == nil || !strings.Contains(res.Err.Error(), tt.want) {
			t.Errorf("Handle(%q) error = %v, want it to contain %q", tt.code, res.Err, tt.want)
		}
	}
}

func TestHelp(t *testing.T) {
	res, _ := Handle("%help\n\n%snippet")
	for _, w := range []string{"%help", "%snippet [NAME]", "%history [N]", "Snippets (insert one"} {
		if !strings.Contains(res.Stdout, w) {
			t.Errorf("output lacks %q:\n%s", w, res.Stdout)
		}
	}
}

func TestHistory(t *testing.T) {
	store, err := history.Open(filepath.Join(t.TempDir(), "history.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	h := Handler{History: store}
	if res, _ := h.Handle("%history"); res.Err != nil || res.Stdout != "No history yet.\n" {
		t.Errorf("empty history: %+v", res)
	}
	session, err := store.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	for i, in := range []string{"x := 1", "y := 2\n", "fmt.Println(x + y)"} {
		if err := store.Append(session, i+1, in, ""); err != nil {
			t.Fatal(err)
		}
	}
	res, _ := h.Handle("%history 2")
	want := "// session 1, cell 2\ny := 2\n\n// session 1, cell 3\nfmt.Println(x + y)\n"
	if res.Err != nil || res.Stdout != want {
		t.Errorf("%%history 2 = %q, %v; want %q", res.Stdout, res.Err, want)
	}
}
