package supervisor

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/chanlab/chanlab/kernel/ipc"
	"github.com/chanlab/chanlab/kernel/server"
)

// crashMarkers start the lines with which the Go runtime reports a fatal
// error or an unrecovered panic on standard error just before the process
// dies. From such a line on, the worker's standard error is held back
// instead of streamed, so a crash shows as one error in plain words rather
// than pages of goroutine dumps. If the worker then carries on after all
// (a cell printed such a line itself), the held text is streamed late.
var crashMarkers = []string{"fatal error: ", "panic: ", "runtime: goroutine stack exceeds", "SIGSEGV", "SIGBUS"}

// maxHeld bounds the crash text kept; the head of a dump is what matters.
const maxHeld = 256 << 10

// worker is one running engine process.
type worker struct {
	sup *Supervisor
	cmd *exec.Cmd
	pid int

	reqMu sync.Mutex
	req   *os.File // write end of the worker's fd 3
	enc   *json.Encoder

	ready  chan struct{}  // closed by the "ready" event
	events chan ipc.Event // "done" events
	exited chan struct{}  // closed once the process is gone and its pipes drained
	state  *os.ProcessState
	werr   error

	// killedForInterrupt is set when the supervisor killed the worker
	// because a cell ignored an interrupt.
	killedForInterrupt atomic.Bool

	mu        sync.Mutex
	syncSeq   int           // highest sync seq read on stderr
	syncCh    chan struct{} // closed and replaced when syncSeq changes
	stderrEOF bool
	lineStart bool         // the last stderr text ended a line
	holding   bool         // crash text is being held back
	held      bytes.Buffer // held crash text
	tail      []byte       // the last tailSize bytes of stderr text
}

// tailSize bounds the stderr text kept to explain a worker that died.
const tailSize = 4 << 10

// startWorker starts the worker process and the goroutines that read its
// output. It does not wait for the ready event.
func (s *Supervisor) startWorker() (*worker, error) {
	cmd, err := s.cfg.Command()
	if err != nil {
		return nil, fmt.Errorf("worker command: %w", err)
	}
	reqR, reqW, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("worker request pipe: %w", err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		reqR.Close()
		reqW.Close()
		return nil, fmt.Errorf("worker stdout pipe: %w", err)
	}
	errR, errW, err := os.Pipe()
	if err != nil {
		reqR.Close()
		reqW.Close()
		outR.Close()
		outW.Close()
		return nil, fmt.Errorf("worker stderr pipe: %w", err)
	}
	cmd.Stdout, cmd.Stderr = outW, errW
	cmd.ExtraFiles = []*os.File{reqR}
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	// Own process group, so a kill reaches the worker's children too, and
	// no terminal SIGINT reaches it; killed if this process dies.
	cmd.SysProcAttr.Setpgid = true
	cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL
	err = cmd.Start()
	reqR.Close()
	outW.Close()
	errW.Close()
	if err != nil {
		reqW.Close()
		outR.Close()
		errR.Close()
		return nil, fmt.Errorf("start worker %s: %w", cmd.Path, err)
	}
	w := &worker{
		sup:       s,
		cmd:       cmd,
		pid:       cmd.Process.Pid,
		req:       reqW,
		enc:       json.NewEncoder(reqW),
		ready:     make(chan struct{}),
		events:    make(chan ipc.Event, 16),
		exited:    make(chan struct{}),
		syncCh:    make(chan struct{}),
		lineStart: true,
	}
	var readers sync.WaitGroup
	readers.Add(2)
	go func() { defer readers.Done(); w.readStdout(outR) }()
	go func() { defer readers.Done(); w.readStderr(errR) }()
	go w.wait(&readers)
	return w, nil
}

// wait reaps the process, kills what is left of its process group, gives
// the readers a moment to drain the pipes and then marks the worker gone.
func (w *worker) wait(readers *sync.WaitGroup) {
	w.werr = w.cmd.Wait()
	w.state = w.cmd.ProcessState
	// Children the worker started (process pools) would keep the pipes open.
	syscall.Kill(-w.pid, syscall.SIGKILL)
	drained := make(chan struct{})
	go func() { readers.Wait(); close(drained) }()
	select {
	case <-drained:
	case <-time.After(2 * time.Second):
		w.sup.log.Printf("worker %d: output pipes still open after exit", w.pid)
	}
	w.req.Close()
	close(w.exited)
}

// send writes one request to the worker's fd 3.
func (w *worker) send(r ipc.Request) error {
	w.reqMu.Lock()
	defer w.reqMu.Unlock()
	if err := w.enc.Encode(r); err != nil {
		return fmt.Errorf("send %s to worker: %w", r.Op, err)
	}
	return nil
}

// gone reports whether the worker has exited.
func (w *worker) gone() bool {
	select {
	case <-w.exited:
		return true
	default:
		return false
	}
}

// kill ends the worker's whole process group at once.
func (w *worker) kill() {
	syscall.Kill(-w.pid, syscall.SIGKILL)
}

// stop asks the worker to exit (shutdown request, then EOF on fd 3) and
// kills it if it has not gone within grace.
func (w *worker) stop(grace time.Duration) {
	w.send(ipc.Request{Op: "shutdown"})
	w.reqMu.Lock()
	w.req.Close()
	w.reqMu.Unlock()
	select {
	case <-w.exited:
	case <-time.After(grace):
		w.kill()
		<-w.exited
	}
}

func (w *worker) readStdout(r io.ReadCloser) {
	defer r.Close()
	d := ipc.NewDemux(r)
	for {
		text, frame, err := d.Next()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				w.sup.log.Printf("worker %d stdout: %v", w.pid, err)
			}
			return
		}
		if frame == nil {
			w.sup.out.write(stdout, text)
			continue
		}
		w.event(frame)
	}
}

func (w *worker) readStderr(r io.ReadCloser) {
	defer r.Close()
	defer func() {
		w.mu.Lock()
		w.stderrEOF = true
		close(w.syncCh)
		w.syncCh = make(chan struct{})
		w.mu.Unlock()
	}()
	d := ipc.NewDemux(r)
	for {
		text, frame, err := d.Next()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				w.sup.log.Printf("worker %d stderr: %v", w.pid, err)
			}
			return
		}
		if frame == nil {
			w.stderrText(text)
			continue
		}
		w.event(frame)
	}
}

// stderrText streams text, or holds it once it looks like a crash report.
func (w *worker) stderrText(text []byte) {
	w.mu.Lock()
	w.tail = append(w.tail, text...)
	if len(w.tail) > tailSize {
		w.tail = append(w.tail[:0:0], w.tail[len(w.tail)-tailSize:]...)
	}
	if !w.holding {
		if i := crashStart(text, w.lineStart); i >= 0 {
			w.holding = true
			w.mu.Unlock()
			w.sup.out.write(stderr, text[:i])
			w.mu.Lock()
			text = text[i:]
		}
	}
	if len(text) > 0 {
		w.lineStart = text[len(text)-1] == '\n'
	}
	if w.holding {
		if room := maxHeld - w.held.Len(); room > 0 {
			w.held.Write(text[:min(room, len(text))])
		}
		w.mu.Unlock()
		return
	}
	w.mu.Unlock()
	w.sup.out.write(stderr, text)
}

// crashStart returns the offset of the first line of text that starts with
// a crash marker, or -1.
func crashStart(text []byte, atLineStart bool) int {
	best := -1
	for _, m := range crashMarkers {
		off := 0
		for {
			i := bytes.Index(text[off:], []byte(m))
			if i < 0 {
				break
			}
			i += off
			if (i == 0 && atLineStart) || (i > 0 && text[i-1] == '\n') {
				if best < 0 || i < best {
					best = i
				}
				break
			}
			off = i + 1
		}
	}
	return best
}

// release streams held text: the worker lived on, so it was not a crash.
func (w *worker) release() {
	w.mu.Lock()
	held := bytes.Clone(w.held.Bytes())
	w.held.Reset()
	w.holding = false
	w.mu.Unlock()
	w.sup.out.write(stderr, held)
}

// stderrTail returns the last stderr text the worker wrote.
func (w *worker) stderrTail() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return string(w.tail)
}

// crashText returns the held crash text.
func (w *worker) crashText() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.held.String()
}

// event handles one frame from the worker.
func (w *worker) event(frame []byte) {
	var ev ipc.Event
	if err := json.Unmarshal(frame, &ev); err != nil {
		w.sup.log.Printf("worker %d: bad frame: %v", w.pid, err)
		return
	}
	switch ev.Type {
	case "ready":
		select {
		case <-w.ready:
		default:
			close(w.ready)
		}
	case "sync":
		w.mu.Lock()
		holding := w.holding
		w.mu.Unlock()
		if holding {
			w.release()
		}
		w.mu.Lock()
		if ev.Seq > w.syncSeq {
			w.syncSeq = ev.Seq
		}
		close(w.syncCh)
		w.syncCh = make(chan struct{})
		w.mu.Unlock()
	case "done":
		w.events <- ev
	case "display":
		w.sup.out.with(func(out server.Output) {
			out.Display(ev.Data, ev.Metadata, ev.DisplayID, ev.Update)
		})
	case "clear":
		w.sup.out.with(func(out server.Output) { out.Clear(ev.Wait) })
	case "panic":
		w.sup.out.with(func(out server.Output) { showPanic(out, ev) })
	default:
		w.sup.log.Printf("worker %d: unknown event %q", w.pid, ev.Type)
	}
}

// showPanic shows a goroutine panic as an error output.
func showPanic(out server.Output, ev ipc.Event) {
	e := server.ExecError{EName: "panic", EValue: "a goroutine panicked"}
	if r := ev.Result; r != nil {
		if r.EName != "" {
			e.EName = r.EName
		}
		if r.EValue != "" {
			e.EValue = r.EValue
		}
		e.Traceback = r.Traceback
	}
	if len(e.Traceback) == 0 {
		where := ""
		if ev.Cell > 0 {
			where = fmt.Sprintf(" started by cell [%d]", ev.Cell)
		}
		e.Traceback = []string{fmt.Sprintf("panic in a goroutine%s: %s", where, e.EValue)}
	}
	if eo, ok := out.(server.ErrorOutput); ok {
		eo.Error(e)
		return
	}
	out.Stream("stderr", strings.Join(e.Traceback, "\n")+"\n")
}

// waitSync waits until the sync frame seq has been read on stderr, or
// stderr has ended.
func (w *worker) waitSync(seq int) {
	if seq <= 0 {
		return
	}
	for {
		w.mu.Lock()
		if w.syncSeq >= seq || w.stderrEOF {
			w.mu.Unlock()
			return
		}
		ch := w.syncCh
		w.mu.Unlock()
		select {
		case <-ch:
		case <-w.exited:
			return
		}
	}
}

// exitReason describes how the worker ended, in plain words.
func (w *worker) exitReason() string {
	st := w.state
	if st == nil {
		if w.werr != nil {
			return w.werr.Error()
		}
		return "it ended"
	}
	if ws, ok := st.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return fmt.Sprintf("it was killed by signal %s", ws.Signal())
	}
	return fmt.Sprintf("it exited with status %d", st.ExitCode())
}
