// Package history keeps the inputs (and optionally outputs) of executed
// notebook cells across kernel sessions, to answer Jupyter history_request
// messages.
//
// The store is a JSON-lines file: one object per event. A "session" event
// starts a new kernel session; a "cell" event records one executed cell.
// Appends from one process are serialized, each event is written with a
// single write call to a file opened with O_APPEND, and a torn last line
// (from a crash mid-write) is skipped when the file is read again.
package history

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sync"
	"time"
)

// Entry is one executed cell as a history_reply lists it: the session
// number, the execution count within that session, the input and, when the
// query asked for it, the output.
type Entry struct {
	Session int
	Line    int
	Input   string
	Output  string
}

// record is one line of the file.
type record struct {
	Kind    string `json:"k"` // "session" or "cell"
	Session int    `json:"s"`
	Line    int    `json:"l,omitempty"`
	Input   string `json:"i,omitempty"`
	Output  string `json:"o,omitempty"`
	Time    int64  `json:"t,omitempty"` // Unix seconds, for the record only
}

// Store is a history file opened for reading and appending. Its methods are
// safe for concurrent use.
type Store struct {
	mu       sync.Mutex
	f        *os.File
	entries  []Entry // every cell of every session, in file order
	sessions []int   // session numbers in the order they started
	current  int     // the session NewSession last returned, 0 if none
}

// Open opens the history file at path, creating it and its parent
// directories if needed, and loads the entries it holds. Lines that do not
// decode (such as a line torn by a crash) are skipped.
func Open(name string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	s := &Store{f: f}
	if err := s.load(); err != nil {
		f.Close()
		return nil, fmt.Errorf("history: reading %s: %w", name, err)
	}
	return s, nil
}

func (s *Store) load() error {
	if _, err := s.f.Seek(0, 0); err != nil {
		return err
	}
	sc := bufio.NewScanner(s.f)
	sc.Buffer(make([]byte, 64*1024), 64*1024*1024)
	seen := map[int]bool{}
	for sc.Scan() {
		var r record
		if json.Unmarshal(sc.Bytes(), &r) != nil {
			continue
		}
		if !seen[r.Session] {
			seen[r.Session] = true
			s.sessions = append(s.sessions, r.Session)
		}
		if r.Kind == "cell" {
			s.entries = append(s.entries, Entry{r.Session, r.Line, r.Input, r.Output})
		}
	}
	return sc.Err()
}

// Close closes the file. The Store must not be used afterwards.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.f.Close()
}

// write appends one record as one line. A torn earlier line without its
// newline is terminated first so the new record stays readable.
func (s *Store) write(r record) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	if st, err := s.f.Stat(); err == nil && st.Size() > 0 {
		last := make([]byte, 1)
		if _, err := s.f.ReadAt(last, st.Size()-1); err == nil && last[0] != '\n' {
			b = append([]byte{'\n'}, b...)
		}
	}
	_, err = s.f.Write(b)
	return err
}

// NewSession starts a new session, numbered one more than the highest
// session in the file, records its start and makes it current. It returns
// the new session number.
func (s *Store) NewSession() (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 1
	for _, id := range s.sessions {
		if id >= n {
			n = id + 1
		}
	}
	if err := s.write(record{Kind: "session", Session: n, Time: time.Now().Unix()}); err != nil {
		return 0, fmt.Errorf("history: starting session %d: %w", n, err)
	}
	s.sessions = append(s.sessions, n)
	s.current = n
	return n, nil
}

// Append records cell number line of session with its input and output.
// A session of 0 means the current one; NewSession must have been called.
func (s *Store) Append(session, line int, input, output string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if session == 0 {
		session = s.current
	}
	if session <= 0 {
		return errors.New("history: append before NewSession")
	}
	if err := s.write(record{Kind: "cell", Session: session, Line: line, Input: input, Output: output}); err != nil {
		return fmt.Errorf("history: appending line %d: %w", line, err)
	}
	s.entries = append(s.entries, Entry{session, line, input, output})
	return nil
}

// strip returns e without its output unless output is set.
func strip(e Entry, output bool) Entry {
	if !output {
		e.Output = ""
	}
	return e
}

// Tail returns the last n entries over all sessions, oldest first
// (hist_access_type "tail"). n <= 0 returns nothing.
func (s *Store) Tail(n int, output bool) []Entry {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n <= 0 {
		return nil
	}
	start := max(len(s.entries)-n, 0)
	out := make([]Entry, 0, len(s.entries)-start)
	for _, e := range s.entries[start:] {
		out = append(out, strip(e, output))
	}
	return out
}

// Range returns the entries of one session whose line is in [start, stop)
// (hist_access_type "range"). A session of 0 or less is relative to the
// current one, as in the Jupyter spec: 0 is the current session, -1 the one
// before it. A stop of 0 or less means no upper bound.
func (s *Store) Range(session, start, stop int, output bool) []Entry {
	s.mu.Lock()
	defer s.mu.Unlock()
	if session <= 0 {
		base := s.current
		if base == 0 {
			// No current session: 0 is the (empty) one that would come next.
			for _, id := range s.sessions {
				base = max(base, id+1)
			}
		}
		session += base
	}
	var out []Entry
	for _, e := range s.entries {
		if e.Session == session && e.Line >= start && (stop <= 0 || e.Line < stop) {
			out = append(out, strip(e, output))
		}
	}
	return out
}

// Search returns the last n entries whose input matches the glob pattern
// (hist_access_type "search"), oldest first. The pattern uses path.Match
// syntax ('*', '?', '[...]'), except that '*' and '?' also match '/' and
// newlines; as in IPython, an empty pattern matches everything. With unique,
// only the latest entry of each distinct input is kept. n <= 0 means no
// limit.
func (s *Store) Search(pattern string, n int, unique, output bool) ([]Entry, error) {
	match, err := compileGlob(pattern)
	if err != nil {
		return nil, fmt.Errorf("history: search pattern %q: %w", pattern, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var rev []Entry
	seen := map[string]bool{}
	for i := len(s.entries) - 1; i >= 0 && (n <= 0 || len(rev) < n); i-- {
		e := s.entries[i]
		if !match(e.Input) || (unique && seen[e.Input]) {
			continue
		}
		seen[e.Input] = true
		rev = append(rev, strip(e, output))
	}
	if len(rev) == 0 {
		return nil, nil
	}
	out := make([]Entry, len(rev))
	for i, e := range rev {
		out[len(rev)-1-i] = e
	}
	return out, nil
}

// compileGlob turns a glob pattern into a matcher. '/' and '\n' are mapped
// to bytes that never occur in UTF-8 so that path.Match's '*' crosses them.
func compileGlob(pattern string) (func(string) bool, error) {
	if pattern == "" {
		return func(string) bool { return true }, nil
	}
	esc := func(s string) string {
		b := []byte(s)
		for i, c := range b {
			switch c {
			case '/':
				b[i] = 0xfe
			case '\n':
				b[i] = 0xff
			}
		}
		return string(b)
	}
	p := esc(pattern)
	if _, err := path.Match(p, ""); err != nil {
		return nil, err
	}
	return func(s string) bool {
		ok, _ := path.Match(p, esc(s))
		return ok
	}, nil
}

// Request holds the fields of a Jupyter history_request content that a
// query needs; it decodes from the message's JSON directly.
type Request struct {
	Output         bool   `json:"output"`
	HistAccessType string `json:"hist_access_type"` // "range", "tail" or "search"
	Session        int    `json:"session"`
	Start          int    `json:"start"`
	Stop           int    `json:"stop"`
	N              int    `json:"n"`
	Pattern        string `json:"pattern"`
	Unique         bool   `json:"unique"`
}

// Query answers a history_request: it dispatches on HistAccessType to Range,
// Tail or Search. An unknown access type is an error.
func (s *Store) Query(r Request) ([]Entry, error) {
	switch r.HistAccessType {
	case "range":
		return s.Range(r.Session, r.Start, r.Stop, r.Output), nil
	case "tail":
		return s.Tail(r.N, r.Output), nil
	case "search":
		return s.Search(r.Pattern, r.N, r.Unique, r.Output)
	}
	return nil, fmt.Errorf("history: unknown hist_access_type %q", r.HistAccessType)
}
