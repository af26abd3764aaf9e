package engine

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chanlab/chanlab/kernel/ipc"
)

// TestMain lets the test binary act as the worker: with CHANLAB_TEST_WORKER
// set it runs Main instead of the tests.
func TestMain(m *testing.M) {
	if os.Getenv("CHANLAB_TEST_WORKER") == "1" {
		os.Exit(Main())
	}
	os.Exit(m.Run())
}

// workerProc is a worker subprocess driven through the real protocol.
type workerProc struct {
	t      *testing.T
	cmd    *exec.Cmd
	req    io.WriteCloser
	enc    *json.Encoder
	events chan workerItem
	stderr chan workerItem
	nextID int
}

// workerItem is a piece of a worker stream: text or an event.
type workerItem struct {
	text  string
	event *ipc.Event
}

func startWorker(t *testing.T) *workerProc {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), "CHANLAB_TEST_WORKER=1")
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.ExtraFiles = []*os.File{pr}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pr.Close()
	w := &workerProc{t: t, cmd: cmd, req: pw, enc: json.NewEncoder(pw),
		events: make(chan workerItem, 1000), stderr: make(chan workerItem, 1000)}
	go demux(stdout, w.events)
	go demux(stderr, w.stderr)
	t.Cleanup(func() {
		pw.Close()
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	return w
}

func demux(r io.Reader, out chan<- workerItem) {
	defer close(out)
	d := ipc.NewDemux(r)
	for {
		text, frame, err := d.Next()
		if err != nil {
			return
		}
		if frame == nil {
			out <- workerItem{text: string(text)}
			continue
		}
		var ev ipc.Event
		if err := json.Unmarshal(frame, &ev); err != nil {
			out <- workerItem{text: "BAD FRAME " + string(frame)}
			continue
		}
		out <- workerItem{event: &ev}
	}
}

func (w *workerProc) send(q ipc.Request) int {
	w.t.Helper()
	if q.ID == 0 && q.Op != "interrupt" {
		w.nextID++
		q.ID = w.nextID
	}
	if err := w.enc.Encode(q); err != nil {
		w.t.Fatal(err)
	}
	return q.ID
}

// collect reads stdout until the done event of request id and returns the
// text, the other events and the result.
func (w *workerProc) collect(id int) (string, []ipc.Event, ipc.Result) {
	w.t.Helper()
	var text strings.Builder
	var evs []ipc.Event
	timeout := time.After(60 * time.Second)
	for {
		select {
		case it, ok := <-w.events:
			if !ok {
				w.t.Fatalf("worker stdout closed; text so far %q", text.String())
			}
			if it.event == nil {
				text.WriteString(it.text)
				continue
			}
			if it.event.Type == "done" && it.event.ID == id {
				return text.String(), evs, *it.event.Result
			}
			evs = append(evs, *it.event)
		case <-timeout:
			w.t.Fatalf("no done for request %d; text so far %q", id, text.String())
		}
	}
}

// stderrUntilSync reads stderr up to the sync frame seq.
func (w *workerProc) stderrUntilSync() string {
	w.t.Helper()
	var b bytes.Buffer
	for it := range w.stderr {
		if it.event != nil && it.event.Type == "sync" {
			return b.String()
		}
		b.WriteString(it.text)
	}
	w.t.Fatal("worker stderr closed before sync")
	return ""
}

func TestWorkerProtocol(t *testing.T) {
	w := startWorker(t)
	it := <-w.events
	if it.event == nil || it.event.Type != "ready" {
		t.Fatalf("first item %+v, want ready event", it)
	}

	id := w.send(ipc.Request{Op: "execute", Count: 1, Code: `import (
	"fmt"
	"os"
)
fmt.Println("one")
fmt.Fprintln(os.Stdout, "two")
fmt.Fprintln(os.Stderr, "three")
x := 6 * 7
x`})
	text, _, res := w.collect(id)
	errText := w.stderrUntilSync()
	if res.Status != "ok" || res.Data["text/plain"] != "42" {
		t.Fatalf("result %+v", res)
	}
	if text != "one\ntwo\n" || errText != "three\n" {
		t.Fatalf("stdout %q, stderr %q", text, errText)
	}

	// An interrupt arrives while the cell runs.
	id = w.send(ipc.Request{Op: "execute", Count: 2, Code: `import "time"
go func() {
	for {
		time.Sleep(time.Millisecond)
	}
}()
fmt.Println("start")
for {}`})
	for it := range w.events {
		if it.text == "start\n" {
			break
		}
	}
	w.send(ipc.Request{Op: "interrupt"})
	_, _, res = w.collect(id)
	w.stderrUntilSync()
	if res.Status != "error" || res.EName != ENameInterrupted {
		t.Fatalf("interrupted cell: %+v", res)
	}
	if len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "1 goroutine") {
		t.Fatalf("interrupt notes %q", res.Notes)
	}

	// A goroutine panic becomes a panic event; the worker lives on.
	id = w.send(ipc.Request{Op: "execute", Count: 3, Code: `import "sync"
var wg sync.WaitGroup
wg.Add(1)
go func() {
	defer wg.Done()
	panic("boom")
}()
wg.Wait()
x + 1`})
	_, evs, res := w.collect(id)
	w.stderrUntilSync()
	if res.Status != "ok" || res.Data["text/plain"] != "43" {
		t.Fatalf("result %+v", res)
	}
	// The panic event may come before or after done: the deferred
	// wg.Done runs before the panic reaches the goroutine's guard.
	isPanic := func(ev *ipc.Event) bool {
		return ev.Type == "panic" && ev.Cell == 3 && ev.Result != nil && ev.Result.EValue == "boom"
	}
	sawPanic := false
	for _, ev := range evs {
		sawPanic = sawPanic || isPanic(&ev)
	}
	for !sawPanic {
		it, ok := <-w.events
		if !ok {
			t.Fatal("no panic event")
		}
		sawPanic = it.event != nil && isPanic(it.event)
	}

	// Displays are frames in the output stream, between the prints.
	id = w.send(ipc.Request{Op: "execute", Count: 4, Code: `import "github.com/chanlab/chanlab/snippets/display"
fmt.Println("before")
display.HTML("<b>hi</b>")
fmt.Println("after")`})
	var order []string
	for {
		it := <-w.events
		if it.event == nil {
			order = append(order, it.text)
			continue
		}
		if it.event.Type == "done" {
			break
		}
		order = append(order, it.event.Type+":"+fmt.Sprint(it.event.Data["text/html"]))
	}
	w.stderrUntilSync()
	if got := strings.Join(order, "|"); got != "before\n|display:<b>hi</b>|after\n" {
		t.Fatalf("stream %q", got)
	}

	// Replay after a restart restores declarations.
	id = w.send(ipc.Request{Op: "replay", Cells: []string{"func twice(n int) int { return 2 * n }", "func half(n int) int {\n\treturn n / zero\n}\nvar zero int"}, Counts: []int{7, 9}})
	_, _, res = w.collect(id)
	w.stderrUntilSync()
	if res.Status != "ok" || len(res.Notes) != 1 {
		t.Fatalf("replay: %+v", res)
	}
	id = w.send(ipc.Request{Op: "execute", Count: 5, Code: "twice(21)"})
	_, _, res = w.collect(id)
	w.stderrUntilSync()
	if res.Data["text/plain"] != "42" {
		t.Fatalf("after replay: %+v", res)
	}
	// Replayed code keeps its cell numbers.
	id = w.send(ipc.Request{Op: "execute", Count: 10, Code: "half(4)"})
	_, _, res = w.collect(id)
	w.stderrUntilSync()
	if !strings.Contains(strings.Join(res.Traceback, "\n"), "cell [9], line 2, in half") {
		t.Fatalf("panic in replayed code: %+v", res)
	}

	// A deadlock ends the cell (the request reader doesn't count).
	id = w.send(ipc.Request{Op: "execute", Count: 6, Code: "dl := make(chan int)\ndl <- 1"})
	_, _, res = w.collect(id)
	w.stderrUntilSync()
	if res.EName != ENameDeadlock {
		t.Fatalf("deadlocked cell: %+v", res)
	}

	id = w.send(ipc.Request{Op: "shutdown"})
	for range w.events {
	}
}
