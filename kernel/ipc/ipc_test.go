package ipc

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"sync"
	"testing"
)

func collect(t *testing.T, r io.Reader) (string, []Event) {
	t.Helper()
	d := NewDemux(r)
	var text strings.Builder
	var events []Event
	for {
		txt, frame, err := d.Next()
		if err == io.EOF {
			return text.String(), events
		}
		if err != nil {
			t.Fatal(err)
		}
		if frame != nil {
			var e Event
			if err := json.Unmarshal(frame, &e); err != nil {
				t.Fatal(err)
			}
			events = append(events, e)
			text.WriteString("|")
			continue
		}
		text.Write(txt)
	}
}

func TestDemuxInterleaved(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("before\n")
	WriteFrame(&b, Event{Type: "display", Data: map[string]any{"text/plain": "x"}})
	b.WriteString("mid\x00dle\n")
	WriteFrame(&b, Event{Type: "done", ID: 3, Result: &Result{Status: "ok"}})
	b.WriteString("\x00")
	text, events := collect(t, &b)
	if text != "before\n|mid\x00dle\n|\x00" {
		t.Fatalf("text = %q", text)
	}
	if len(events) != 2 || events[0].Type != "display" || events[1].ID != 3 || events[1].Result.Status != "ok" {
		t.Fatalf("events = %+v", events)
	}
}

// oneByte returns its data one byte per Read, to split frames anywhere.
type oneByte struct{ r io.Reader }

func (o oneByte) Read(p []byte) (int, error) { return o.r.Read(p[:1]) }

func TestDemuxSplitReads(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("a")
	WriteFrame(&b, Event{Type: "sync", Seq: 7})
	b.WriteString("b")
	text, events := collect(t, oneByte{&b})
	if text != "a|b" || len(events) != 1 || events[0].Seq != 7 {
		t.Fatalf("text %q events %+v", text, events)
	}
}

func TestDemuxTruncatedFrame(t *testing.T) {
	var b bytes.Buffer
	WriteFrame(&b, Event{Type: "sync"})
	data := b.Bytes()[:b.Len()-2]
	d := NewDemux(bytes.NewReader(data))
	if _, _, err := d.Next(); err == nil || err == io.EOF {
		t.Fatalf("err = %v, want a truncation error", err)
	}
}

// TestConcurrentWriters checks that frames written by many goroutines
// through one writer arrive whole.
func TestConcurrentWriters(t *testing.T) {
	pr, pw := io.Pipe()
	var mu sync.Mutex // io.Pipe writes are not atomic; os.File writes are
	w := writerFunc(func(p []byte) (int, error) { mu.Lock(); defer mu.Unlock(); return pw.Write(p) })
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 100 {
				WriteFrame(w, Event{Type: "display", ID: g*1000 + i})
				w.Write([]byte("text\n"))
			}
		})
	}
	go func() { wg.Wait(); pw.Close() }()
	text, events := collect(t, pr)
	if len(events) != 800 || strings.Count(text, "text\n") != 800 {
		t.Fatalf("%d events, %d texts", len(events), strings.Count(text, "text\n"))
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
