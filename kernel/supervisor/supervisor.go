// Package supervisor runs the kernel's cells in a separate engine worker
// process (`chanlab worker`) and keeps one alive: it implements
// server.Engine.
//
// The worker contract is described in kernel/README.md and kernel/ipc:
// requests go to the worker's fd 3 as JSON values; its standard output and
// standard error carry the cell's printed text with event frames in between.
// The supervisor streams the text to the running cell as it comes (gathered
// into messages every FlushInterval or FlushSize bytes), turns display and
// clear frames into outputs in order with the text, shows goroutine panics
// as error outputs, and answers a cell only when it has read both the done
// frame on standard output and the matching sync frame on standard error.
//
// Output that arrives while no cell runs (a goroutine still printing after
// its cell finished) goes to the last cell that ran.
//
// When the worker dies, from a fatal runtime error, os.Exit or a kill, the
// running cell gets an error that says so in plain words, a new worker is
// started, and the cells that ran successfully are replayed into it; the
// crashed cell's error ends with one line saying what the replay restored.
// An interrupt is sent to the worker as a request; if the cell has not
// finished InterruptGrace later, the worker's process group is killed and
// replaced in the same way. An interrupt while no cell runs makes the
// worker stop the goroutines earlier cells left running.
package supervisor

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/chanlab/chanlab/kernel/ipc"
	"github.com/chanlab/chanlab/kernel/server"
)

// Config holds a Supervisor's settings; zero values get the defaults.
type Config struct {
	// Command returns a fresh, unstarted command for the worker. The
	// default runs this executable with the argument "worker". Stdout,
	// Stderr, ExtraFiles and the process group are set by the supervisor.
	Command func() (*exec.Cmd, error)
	// InterruptGrace is how long a cell may take to stop after an
	// interrupt before the worker is killed (default 2 s).
	InterruptGrace time.Duration
	// StartTimeout bounds the wait for a new worker's ready event
	// (default 60 s).
	StartTimeout time.Duration
	// FlushInterval and FlushSize bound how long and how much printed text
	// is gathered into one stream message (defaults 20 ms and 64 KiB).
	FlushInterval time.Duration
	FlushSize     int
	// Log receives diagnostics (default: standard error).
	Log *log.Logger
}

// Supervisor is a server.Engine backed by a worker process. Its methods are
// safe for concurrent use; Execute calls run one at a time.
type Supervisor struct {
	cfg Config
	log *log.Logger
	out *coalescer

	execMu sync.Mutex // one Execute (or restart) at a time

	mu      sync.Mutex
	w       *worker // current worker, nil before the first start
	running *run    // the request the worker is busy with, nil if none
	// executing is set for the whole of Execute; pending records an
	// Interrupt that came while executing but before the request reached
	// the worker, to be sent as soon as it has.
	executing, pending bool
	cells              []string
	counts             []int // execution counts of cells
	nextID             int
	closed             bool
}

// run is one request in progress in the worker.
type run struct {
	id    int
	w     *worker
	timer *time.Timer
}

// New returns a Supervisor. No worker starts until Start or the first
// Execute.
func New(cfg Config) *Supervisor {
	if cfg.Command == nil {
		cfg.Command = defaultCommand
	}
	if cfg.InterruptGrace <= 0 {
		cfg.InterruptGrace = 2 * time.Second
	}
	if cfg.StartTimeout <= 0 {
		cfg.StartTimeout = 60 * time.Second
	}
	if cfg.FlushInterval <= 0 {
		cfg.FlushInterval = 20 * time.Millisecond
	}
	if cfg.FlushSize <= 0 {
		cfg.FlushSize = 64 << 10
	}
	if cfg.Log == nil {
		cfg.Log = log.New(os.Stderr, "chanlab supervisor: ", log.LstdFlags)
	}
	return &Supervisor{cfg: cfg, log: cfg.Log, out: newCoalescer(cfg.FlushInterval, cfg.FlushSize)}
}

func defaultCommand() (*exec.Cmd, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("find the chanlab executable: %w", err)
	}
	return exec.Command(exe, "worker"), nil
}

// Start starts the worker ahead of the first cell and waits until it is
// ready.
func (s *Supervisor) Start() error {
	s.execMu.Lock()
	defer s.execMu.Unlock()
	_, err := s.current()
	return err
}

// current returns a ready worker, starting one if there is none or the
// last one died. Called with execMu held.
func (s *Supervisor) current() (*worker, error) {
	s.mu.Lock()
	w, closed := s.w, s.closed
	s.mu.Unlock()
	if closed {
		return nil, errors.New("the kernel is shutting down")
	}
	if w != nil {
		select {
		case <-w.exited:
			w = nil
		default:
		}
	}
	if w == nil {
		var err error
		if w, err = s.startWorker(); err != nil {
			return nil, err
		}
		s.mu.Lock()
		s.w = w
		closed = s.closed
		s.mu.Unlock()
		if closed {
			w.kill()
			return nil, errors.New("the kernel is shutting down")
		}
	}
	select {
	case <-w.ready:
		return w, nil
	case <-w.exited:
		return nil, fmt.Errorf("the Go worker stopped before it was ready: %s%s", w.exitReason(), lastLines(w.stderrTail(), 5))
	case <-time.After(s.cfg.StartTimeout):
		w.kill()
		return nil, fmt.Errorf("the Go worker was not ready after %v", s.cfg.StartTimeout)
	}
}

// Execute runs one cell in the worker. See server.Engine.
func (s *Supervisor) Execute(ctx context.Context, req server.ExecuteRequest, out server.Output) server.ExecuteResult {
	s.execMu.Lock()
	defer s.execMu.Unlock()
	s.mu.Lock()
	s.executing, s.pending = true, false
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.executing, s.pending = false, false
		s.mu.Unlock()
	}()
	s.out.setSink(out)

	w, err := s.current()
	if err != nil {
		return errorResult("WorkerUnavailable", err.Error(), nil)
	}
	res, ok := s.do(ctx, w, ipc.Request{Op: "execute", Code: req.Code, Count: req.Count})
	if ok {
		if res.Status == "ok" {
			s.mu.Lock()
			s.cells = append(s.cells, req.Code)
			s.counts = append(s.counts, req.Count)
			s.mu.Unlock()
		}
		s.showNotes(res)
		return convert(res)
	}
	if ctx.Err() != nil || s.isClosed() {
		return errorResult("KernelShutdown", "the kernel shut down while the cell ran", nil)
	}
	e := crashError(w, s.cfg.InterruptGrace)
	e.Traceback = append(e.Traceback, s.recover(ctx)...)
	return server.ExecuteResult{Status: "error", Error: e}
}

// showNotes delivers the notes of a cell's result (a rebuild of the
// interpreter, goroutines stopped by an interrupt): at the end of an
// error's traceback, or else as standard error text after the cell's
// output.
func (s *Supervisor) showNotes(res *ipc.Result) {
	if len(res.Notes) == 0 {
		return
	}
	if res.Status == "error" {
		res.Traceback = append(res.Traceback, res.Notes...)
		return
	}
	var b strings.Builder
	for _, n := range res.Notes {
		b.WriteString(strings.TrimSpace(n) + "\n")
	}
	s.out.write(stderr, []byte(b.String()))
	s.out.flush()
}

// do sends r to w and waits for its done event (ok) or for the worker to
// die (not ok). While it waits, r is the running request that Interrupt
// acts on.
func (s *Supervisor) do(ctx context.Context, w *worker, r ipc.Request) (*ipc.Result, bool) {
	s.mu.Lock()
	s.nextID++
	r.ID = s.nextID
	cur := &run{id: r.ID, w: w}
	s.running = cur
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		if cur.timer != nil {
			cur.timer.Stop()
		}
		s.running = nil
		s.mu.Unlock()
	}()

	if err := w.send(r); err != nil {
		// The worker is going away; its exit is reported below.
		s.log.Print(err)
	}
	s.mu.Lock()
	pending := s.pending && r.Op == "execute"
	s.pending = false
	s.mu.Unlock()
	if pending {
		s.Interrupt()
	}
	for {
		select {
		case ev := <-w.events:
			if ev.ID != r.ID {
				s.log.Printf("worker %d: done for request %d while %d runs; ignored", w.pid, ev.ID, r.ID)
				continue
			}
			w.waitSync(ev.Seq)
			s.out.flush()
			res := ev.Result
			if res == nil {
				res = &ipc.Result{Status: "ok"}
			}
			return res, true
		case <-w.exited:
			s.out.flush()
			return nil, false
		case <-ctx.Done():
			w.kill()
			<-w.exited
			s.out.flush()
			return nil, false
		}
	}
}

// recover replaces a dead worker: it starts a new one, replays the cells
// that ran successfully (with their execution counts) and returns lines
// for the crashed cell's traceback, which go after the explanation of the
// crash: one line says what the replay restored and which variables lost
// their values.
func (s *Supervisor) recover(ctx context.Context) []string {
	w, err := s.current()
	if err != nil {
		return []string{"A new Go worker could not be started: " + err.Error()}
	}
	s.mu.Lock()
	cells := append([]string(nil), s.cells...)
	counts := append([]int(nil), s.counts...)
	s.mu.Unlock()
	if len(cells) == 0 {
		return []string{"A new Go worker was started; it starts empty."}
	}
	s.out.setMuted(true)
	res, ok := s.do(ctx, w, ipc.Request{Op: "replay", Cells: cells, Counts: counts})
	s.out.setMuted(false)
	if !ok {
		// The replay itself crashed or was interrupted: start empty.
		reason := crashError(w, s.cfg.InterruptGrace)
		s.mu.Lock()
		s.cells, s.counts = nil, nil
		s.mu.Unlock()
		if _, err := s.current(); err != nil {
			return []string{"Replaying earlier cells failed (" + reason.EValue + ") and no new worker could be started: " + err.Error()}
		}
		return []string{"Replaying earlier cells failed (" + reason.EValue + "); a new Go worker was started empty: earlier definitions are gone."}
	}
	var notes []string
	for _, n := range res.Notes {
		notes = append(notes, strings.TrimSuffix(strings.TrimSpace(n), "."))
	}
	if res.Status == "error" && res.EName != "" {
		notes = append(notes, fmt.Sprintf("replay stopped: %s: %s", res.EName, res.EValue))
	}
	if len(notes) == 0 {
		return []string{fmt.Sprintf("A new Go worker was started and the %d cell(s) that ran successfully were replayed.", len(cells))}
	}
	// One line, after the explanation of the crash.
	return []string{"A new Go worker was started and " + strings.ReplaceAll(strings.Join(notes, "; "), "\n", " ") + "."}
}

// Interrupt asks the worker to stop the running cell, and kills the worker
// if the cell is still running InterruptGrace later. An interrupt that
// comes while Execute is starting the worker or sending the cell applies
// to that cell as soon as it has been sent. With no cell running, the
// worker stops the goroutines that earlier cells left running (a ticker
// printing forever) and notes it in the last cell's output.
func (s *Supervisor) Interrupt() {
	s.mu.Lock()
	cur := s.running
	if cur == nil {
		s.pending = s.executing
		w := s.w
		s.mu.Unlock()
		if !s.pending && w != nil && !w.gone() {
			// No cell runs: the worker stops the goroutines earlier
			// cells left running and says so in the last cell's
			// output.
			if err := w.send(ipc.Request{Op: "interrupt"}); err != nil {
				s.log.Print(err)
			}
		}
		return
	}
	if cur.timer == nil {
		cur.timer = time.AfterFunc(s.cfg.InterruptGrace, func() {
			s.mu.Lock()
			still := s.running == cur
			s.mu.Unlock()
			if still {
				s.log.Printf("cell did not stop within %v of the interrupt: killing worker %d", s.cfg.InterruptGrace, cur.w.pid)
				cur.w.killedForInterrupt.Store(true)
				cur.w.kill()
			}
		})
	}
	s.mu.Unlock()
	if err := cur.w.send(ipc.Request{Op: "interrupt", ID: cur.id}); err != nil {
		s.log.Print(err)
	}
}

// Shutdown stops the worker for good: it asks it to exit and kills its
// process group if it has not within a moment. Later calls do nothing.
func (s *Supervisor) Shutdown() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	w := s.w
	s.mu.Unlock()
	if w != nil {
		w.stop(200 * time.Millisecond)
	}
}

func (s *Supervisor) isClosed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

// Pid returns the process id of the current worker, or 0.
func (s *Supervisor) Pid() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.w == nil {
		return 0
	}
	return s.w.pid
}

// crashError describes a dead worker in plain words.
func crashError(w *worker, grace time.Duration) *server.ExecError {
	reason := w.exitReason()
	text := w.crashText()
	if w.killedForInterrupt.Load() {
		return &server.ExecError{
			EName:  "Interrupted",
			EValue: fmt.Sprintf("the cell did not stop within %v of the interrupt, so the Go worker was stopped", grace),
			Traceback: []string{
				fmt.Sprintf("Interrupted: the cell did not stop within %v, so the Go worker running it was stopped (%s).", grace, reason),
				"Goroutines blocked in compiled code, or a long call into a compiled package, can't be interrupted any other way.",
			},
		}
	}
	ename, evalue := "WorkerCrashed", "the Go worker stopped: "+reason
	for _, line := range strings.Split(text, "\n") {
		if v, ok := strings.CutPrefix(line, "fatal error: "); ok {
			ename, evalue = "FatalError", strings.TrimSpace(v)
			break
		}
		if v, ok := strings.CutPrefix(line, "panic: "); ok {
			ename, evalue = "Panic", strings.TrimSpace(v)
			break
		}
	}
	tb := []string{fmt.Sprintf("The Go worker running this cell stopped: %s.", reason)}
	if ename != "WorkerCrashed" {
		what := "fatal error: " + evalue
		if ename == "Panic" {
			what = "panic: " + evalue
		}
		tb[0] = fmt.Sprintf("The Go worker running this cell stopped (%s): %s", reason, what)
		tb = append(tb, "Fatal runtime errors (concurrent map writes, unlock of an unlocked mutex, stack overflow) can't be recovered: the process ends.")
	}
	if ename == "FatalError" && evalue == "stack overflow" {
		tb = append(tb, "A function probably calls itself without end (infinite recursion): check that it stops at a base case.")
	}
	d := dumpHead(text, 20)
	if ename == "FatalError" {
		// The goroutine stacks after the message show the
		// interpreter's internals, not the cell's code.
		d = fatalHead(text)
	}
	if d != "" {
		tb = append(tb, d)
	} else if t := lastLines(w.stderrTail(), 5); t != "" {
		tb[0] = strings.TrimSuffix(tb[0], ".") + ". Its last words on stderr" + t
	}
	return &server.ExecError{EName: ename, EValue: evalue, Traceback: tb}
}

// fatalHead returns the message of a fatal error's crash dump: its lines
// up to the first goroutine stack, and how many lines were left out.
func fatalHead(text string) string {
	lines := strings.Split(strings.TrimSpace(text), "\n")
	for i, l := range lines {
		if i > 0 && (l == "" || l == "runtime stack:" || strings.HasPrefix(l, "goroutine ")) {
			return strings.Join(lines[:i], "\n") + fmt.Sprintf("\n... (%d more lines of Go's crash report, about the interpreter's internals)", len(lines)-i)
		}
	}
	return dumpHead(text, 20)
}

// dumpHead returns the first n lines of a crash dump.
func dumpHead(text string, n int) string {
	text = strings.TrimSpace(text)
	if text == "" {
		return ""
	}
	lines := strings.Split(text, "\n")
	if len(lines) > n {
		lines = append(lines[:n], fmt.Sprintf("... (%d more lines)", len(lines)-n))
	}
	return strings.Join(lines, "\n")
}

// lastLines returns the last n lines of text after a colon, or "".
func lastLines(text string, n int) string {
	text = strings.TrimSpace(text)
	if text == "" {
		return ""
	}
	lines := strings.Split(text, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return ":\n" + strings.Join(lines, "\n")
}

func errorResult(ename, evalue string, tb []string) server.ExecuteResult {
	if tb == nil {
		tb = []string{ename + ": " + evalue}
	}
	return server.ExecuteResult{Status: "error", Error: &server.ExecError{EName: ename, EValue: evalue, Traceback: tb}}
}

// convert turns a worker's result into the server's.
func convert(r *ipc.Result) server.ExecuteResult {
	res := server.ExecuteResult{Status: r.Status, Data: r.Data, Metadata: r.Metadata, Payload: r.Payload}
	if res.Status == "" {
		res.Status = "ok"
	}
	if res.Status == "error" {
		res.Error = &server.ExecError{EName: r.EName, EValue: r.EValue, Traceback: r.Traceback}
		if res.Error.EName == "" {
			res.Error.EName = "Error"
		}
	}
	return res
}
