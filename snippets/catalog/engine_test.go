//go:build enginecheck

package catalog_test

// This test runs every snippet in ChanLab's interpreter, one after another
// in one session, as a notebook would. It depends on kernel/engine, so it
// only runs when asked for:
//
//	go test -tags enginecheck ./snippets/catalog

import (
	"bytes"
	"context"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/chanlab/chanlab/kernel/engine"
	"github.com/chanlab/chanlab/snippets/catalog"
	"github.com/chanlab/chanlab/snippets/display"
)

// syncBuffer is a bytes.Buffer that goroutines of a cell may write to.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// take returns what was written and empties the buffer.
func (b *syncBuffer) take() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.buf.String()
	b.buf.Reset()
	return s
}

func TestSnippetsInEngine(t *testing.T) {
	var out syncBuffer
	e, err := engine.New(engine.Options{Stdout: &out, Stderr: &out})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	// Compiled helpers show their results through the display sink.
	defer display.SetSink(display.SetSink(display.NewTextSink(&out)))
	for i, s := range catalog.List() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		r := e.Execute(ctx, s.Code, i+1)
		cancel()
		time.Sleep(50 * time.Millisecond) // output of goroutines that outlive the cell
		got := out.take()
		if r.Status != "ok" {
			t.Errorf("%s: %s: %s\n%s", s.Name, r.EName, r.EValue, got)
			continue
		}
		for _, w := range want[s.Name] {
			if !regexp.MustCompile(w).MatchString(got) {
				t.Errorf("%s: output lacks %q:\n%s", s.Name, w, got)
			}
		}
	}
}
