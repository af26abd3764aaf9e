package history

import (
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
)

func open(t *testing.T, name string) *Store {
	t.Helper()
	s, err := Open(name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func newSession(t *testing.T, s *Store) int {
	t.Helper()
	n, err := s.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func appendAll(t *testing.T, s *Store, session int, inputs ...string) {
	t.Helper()
	for i, in := range inputs {
		if err := s.Append(session, i+1, in, "out:"+in); err != nil {
			t.Fatal(err)
		}
	}
}

// fixture writes two sessions and reopens the file as a third session.
func fixture(t *testing.T) *Store {
	t.Helper()
	name := filepath.Join(t.TempDir(), "chanlab", "history.jsonl")
	s1 := open(t, name)
	appendAll(t, s1, newSession(t, s1), "a := 1", "fmt.Println(a)")
	appendAll(t, s1, newSession(t, s1), "ch := make(chan int)", "close(ch)", "a := 1")
	s1.Close()
	s := open(t, name)
	if got := newSession(t, s); got != 3 {
		t.Fatalf("third session = %d, want 3", got)
	}
	appendAll(t, s, 0, "x := 2")
	return s
}

func TestRange(t *testing.T) {
	s := fixture(t)
	tests := []struct {
		session, start, stop int
		want                 []Entry
	}{
		{0, 1, 0, []Entry{{3, 1, "x := 2", ""}}},
		{3, 1, 0, []Entry{{3, 1, "x := 2", ""}}},
		{-1, 2, 0, []Entry{{2, 2, "close(ch)", ""}, {2, 3, "a := 1", ""}}},
		{-1, 1, 3, []Entry{{2, 1, "ch := make(chan int)", ""}, {2, 2, "close(ch)", ""}}},
		{1, 2, 3, []Entry{{1, 2, "fmt.Println(a)", ""}}},
		{-2, 1, 2, []Entry{{1, 1, "a := 1", ""}}},
		{-5, 1, 0, nil},
	}
	for _, tt := range tests {
		got := s.Range(tt.session, tt.start, tt.stop, false)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Range(%d, %d, %d) = %v, want %v", tt.session, tt.start, tt.stop, got, tt.want)
		}
	}
	got := s.Range(0, 1, 0, true)
	if len(got) != 1 || got[0].Output != "out:x := 2" {
		t.Errorf("Range with output = %v", got)
	}
}

func TestTail(t *testing.T) {
	s := fixture(t)
	tests := []struct {
		n    int
		want []Entry
	}{
		{0, nil},
		{2, []Entry{{2, 3, "a := 1", ""}, {3, 1, "x := 2", ""}}},
		{100, nil}, // checked by length below
	}
	for _, tt := range tests[:2] {
		if got := s.Tail(tt.n, false); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Tail(%d) = %v, want %v", tt.n, got, tt.want)
		}
	}
	if got := s.Tail(100, true); len(got) != 6 || got[0].Output != "out:a := 1" {
		t.Errorf("Tail(100) = %v, want all 6 entries with output", got)
	}
}

func TestSearch(t *testing.T) {
	s := fixture(t)
	tests := []struct {
		pattern string
		n       int
		unique  bool
		want    []Entry
	}{
		{"a :=*", 0, false, []Entry{{1, 1, "a := 1", ""}, {2, 3, "a := 1", ""}}},
		{"a :=*", 0, true, []Entry{{2, 3, "a := 1", ""}}},
		{"*ch*", 1, false, []Entry{{2, 2, "close(ch)", ""}}},
		{"*(?)", 0, false, []Entry{{1, 2, "fmt.Println(a)", ""}}},
		{"[xy]*", 0, false, []Entry{{3, 1, "x := 2", ""}}},
		{"nothing*", 0, false, nil},
	}
	for _, tt := range tests {
		got, err := s.Search(tt.pattern, tt.n, tt.unique, false)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Search(%q, %d, %v) = %v, want %v", tt.pattern, tt.n, tt.unique, got, tt.want)
		}
	}
	if got, _ := s.Search("", 0, false, false); len(got) != 6 {
		t.Errorf("empty pattern matched %d entries, want 6", len(got))
	}
	if _, err := s.Search("[", 0, false, false); err == nil {
		t.Error("Search with a bad pattern: no error")
	}
}

func TestSearchCrossesLines(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "h.jsonl"))
	appendAll(t, s, newSession(t, s), "import \"a/b\"\nx := 1")
	got, err := s.Search("*b\"*x*", 0, false, false)
	if err != nil || len(got) != 1 {
		t.Errorf("Search across '/' and newline = %v, %v", got, err)
	}
}

func TestQuery(t *testing.T) {
	s := fixture(t)
	tests := []struct {
		req   Request
		count int
	}{
		{Request{HistAccessType: "tail", N: 3}, 3},
		{Request{HistAccessType: "range", Session: -1, Start: 1}, 3},
		{Request{HistAccessType: "search", Pattern: "*:=*"}, 4},
	}
	for _, tt := range tests {
		got, err := s.Query(tt.req)
		if err != nil || len(got) != tt.count {
			t.Errorf("Query(%+v) = %d entries, %v; want %d", tt.req, len(got), err, tt.count)
		}
	}
	if _, err := s.Query(Request{HistAccessType: "bogus"}); err == nil {
		t.Error("Query with unknown access type: no error")
	}
}

func TestAppendBeforeSession(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "h.jsonl"))
	if err := s.Append(0, 1, "x", ""); err == nil {
		t.Error("Append before NewSession: no error")
	}
}

// A line torn by a crash is skipped, and later appends stay readable.
func TestTornLine(t *testing.T) {
	name := filepath.Join(t.TempDir(), "h.jsonl")
	s := open(t, name)
	appendAll(t, s, newSession(t, s), "one")
	s.Close()
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"k":"cell","s":1,"l":2,"i":"tor`)
	f.Close()

	s = open(t, name)
	n := newSession(t, s)
	appendAll(t, s, n, "two")
	s.Close()

	s = open(t, name)
	got := s.Tail(10, false)
	want := []Entry{{1, 1, "one", ""}, {2, 1, "two", ""}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after torn line: %v, want %v", got, want)
	}
}

func TestConcurrentAppend(t *testing.T) {
	name := filepath.Join(t.TempDir(), "h.jsonl")
	s := open(t, name)
	n := newSession(t, s)
	var wg sync.WaitGroup
	const writers, each = 8, 50
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				if err := s.Append(n, w*each+i, "in", "out"); err != nil {
					t.Error(err)
				}
			}
		}(w)
	}
	wg.Wait()
	s.Close()
	if got := len(open(t, name).Tail(1000, false)); got != writers*each {
		t.Errorf("reopened store has %d entries, want %d", got, writers*each)
	}
}
