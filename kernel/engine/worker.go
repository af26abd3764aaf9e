package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"sync"

	"github.com/chanlab/chanlab/kernel/ipc"
	"github.com/chanlab/chanlab/snippets/display"
)

// RequestFD is the file descriptor on which the worker reads requests.
const RequestFD = 3

// MaxStack is the worker's limit on the stack of one goroutine. Go's
// default (1 GB) lets infinite recursion in interpreted code run for
// minutes and take gigabytes before "fatal error: stack overflow"; with
// 64 MB it ends within seconds, while interpreted recursion 100,000 calls
// deep still works (measured on the 2-core test machine: 1.3 s to the
// overflow at 64 MB, 17 s at 128 MB).
const MaxStack = 64 << 20

// Main is the entry point of the worker process (`chanlab worker`). It
// reads ipc.Request values from file descriptor 3, runs them on an Engine
// whose output goes to the process's standard output and error, and writes
// events as ipc frames on standard output. It ignores SIGINT (interrupts
// arrive as requests) and returns the exit status when file descriptor 3
// reaches EOF or a shutdown request arrives. It limits goroutine stacks to
// MaxStack.
func Main() int {
	signal.Ignore(os.Interrupt)
	debug.SetMaxStack(MaxStack)
	req := os.NewFile(RequestFD, "requests")
	if req == nil {
		fmt.Fprintln(os.Stderr, "chanlab worker: file descriptor 3 (requests) is not open")
		return 2
	}
	w := &worker{out: os.Stdout, errOut: os.Stderr}
	return w.serve(req)
}

// worker is the request loop of Main, with its streams as fields so tests
// can run it.
type worker struct {
	out, errOut io.Writer
	// outMu serialises frames and text written by the engine itself.
	outMu sync.Mutex
	seq   int

	cancelMu sync.Mutex
	cancel   context.CancelFunc // of the running cell, or nil
	running  int                // request id of the running or last cell
	early    int                // id of a cell interrupted before it started
}

// frameSink is the display.Sink of the worker: displays become frames in
// the standard output stream.
type frameSink struct{ w *worker }

func (s frameSink) Show(o display.Output) {
	s.w.event(ipc.Event{Type: "display", Data: map[string]any(o.Data), Metadata: o.Metadata, DisplayID: o.DisplayID, Update: o.Update})
}

func (s frameSink) Clear(wait bool) { s.w.event(ipc.Event{Type: "clear", Wait: wait}) }

// event writes ev as a frame on standard output.
func (w *worker) event(ev ipc.Event) {
	w.outMu.Lock()
	defer w.outMu.Unlock()
	if err := ipc.WriteFrame(w.out, ev); err != nil {
		fmt.Fprintf(w.errOut, "chanlab worker: %v\n", err)
	}
}

// done answers request id with r: the sync frame on standard error, then
// the done frame on standard output.
func (w *worker) done(id int, r ipc.Result) {
	w.outMu.Lock()
	w.seq++
	seq := w.seq
	w.outMu.Unlock()
	if err := ipc.WriteFrame(w.errOut, ipc.Event{Type: "sync", Seq: seq}); err != nil {
		fmt.Fprintf(w.errOut, "chanlab worker: %v\n", err)
	}
	w.event(ipc.Event{Type: "done", ID: id, Seq: seq, Result: &r})
}

// serve runs the request loop on requests read from r.
func (w *worker) serve(r io.Reader) int {
	e, err := New(Options{
		Stdout: w.out,
		Stderr: w.errOut,
		OnPanic: func(cell int, res ipc.Result) {
			w.event(ipc.Event{Type: "panic", Cell: cell, Result: &res})
		},
	})
	if err != nil {
		fmt.Fprintf(w.errOut, "chanlab worker: %v\n", err)
		return 1
	}
	defer e.Close()
	prev := display.SetSink(frameSink{w})
	defer display.SetSink(prev)

	// Requests queue up while a cell runs, so that an interrupt behind
	// them is still read at once.
	reqs := make(chan ipc.Request, 1024)
	go w.readRequests(r, reqs)
	w.event(ipc.Event{Type: "ready"})
	for q := range reqs {
		switch q.Op {
		case "execute":
			ctx, cancel := context.WithCancel(context.Background())
			w.setCancel(q.ID, cancel)
			res := e.Execute(ctx, q.Code, q.Count)
			w.setCancel(q.ID, nil)
			cancel()
			w.done(q.ID, res)
		case "replay":
			w.done(q.ID, e.replay(q.Cells, q.Counts))
		case "interrupt":
			// No cell was running when it came: stop the goroutines
			// earlier cells left running. The note goes to the last
			// cell's output.
			n := e.StopBackground()
			w.outMu.Lock()
			fmt.Fprintf(w.errOut, "Interrupted while no cell ran: stopped %d background goroutine(s) of earlier cells.\n", n)
			w.outMu.Unlock()
		case "shutdown":
			return 0
		default:
			w.done(q.ID, ipc.Result{Status: "error", EName: "ProtocolError", EValue: fmt.Sprintf("unknown request %q", q.Op)})
		}
	}
	return 0
}

// setCancel records the cancel function of the cell with request id (nil
// when it ends). A cell whose interrupt came before it started is
// cancelled at once.
func (w *worker) setCancel(id int, c context.CancelFunc) {
	w.cancelMu.Lock()
	defer w.cancelMu.Unlock()
	w.cancel, w.running = c, id
	if c != nil && id != 0 && w.early == id {
		w.early = 0
		c()
	}
}

// interruptRequest acts on an interrupt request for request id (0: no
// particular one): it cancels the running cell, remembers an interrupt of
// a cell that has not started yet, and reports whether the request loop
// must stop background goroutines instead (no cell runs).
func (w *worker) interruptRequest(id int) (idle bool) {
	w.cancelMu.Lock()
	defer w.cancelMu.Unlock()
	switch {
	case w.cancel != nil && (id == 0 || id == w.running):
		w.cancel()
		return false
	case id != 0 && id > w.running:
		w.early = id
		return false
	}
	return w.cancel == nil && id == 0
}

// interrupt cancels the running cell, if any.
func (w *worker) interrupt() {
	w.cancelMu.Lock()
	defer w.cancelMu.Unlock()
	if w.cancel != nil {
		w.cancel()
	}
}

// readRequests decodes requests from r. Interrupts take effect at once;
// other requests go to reqs, which is closed at the end of r (the running
// cell is interrupted then too).
func (w *worker) readRequests(r io.Reader, reqs chan<- ipc.Request) {
	defer close(reqs)
	dec := json.NewDecoder(r)
	for {
		var q ipc.Request
		if err := dec.Decode(&q); err != nil {
			if !errors.Is(err, io.EOF) {
				fmt.Fprintf(w.errOut, "chanlab worker: reading requests: %v\n", err)
			}
			w.interrupt()
			return
		}
		switch q.Op {
		case "interrupt":
			if w.interruptRequest(q.ID) {
				reqs <- q // handled by the request loop
			}
			continue
		case "shutdown":
			w.interrupt()
		}
		reqs <- q
	}
}
