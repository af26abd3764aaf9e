package supervisor

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chanlab/chanlab/kernel/ipc"
	"github.com/chanlab/chanlab/kernel/server"
)

// The test binary doubles as a scripted worker: with CHANLAB_FAKE_WORKER=1
// it speaks the worker contract instead of running tests.
func TestMain(m *testing.M) {
	if os.Getenv("CHANLAB_FAKE_WORKER") == "1" {
		os.Exit(fakeWorker())
	}
	os.Exit(m.Run())
}

// fakeWorker runs cells whose code is a command (see runFake).
func fakeWorker() int {
	debug.SetMaxStack(1 << 20) // a quick stack overflow
	signal.Ignore(syscall.SIGINT)
	reqs := os.NewFile(3, "requests")
	ipc.WriteFrame(os.Stdout, ipc.Event{Type: "ready"})

	var mu sync.Mutex
	cancel := func() {}
	queue := make(chan ipc.Request, 16)
	go func() {
		dec := json.NewDecoder(reqs)
		for {
			var r ipc.Request
			if err := dec.Decode(&r); err != nil {
				close(queue)
				return
			}
			if r.Op == "interrupt" {
				mu.Lock()
				cancel()
				mu.Unlock()
				continue
			}
			queue <- r
		}
	}()
	seq, replayed := 0, 0
	done := func(id int, res *ipc.Result) {
		seq++
		ipc.WriteFrame(os.Stderr, ipc.Event{Type: "sync", Seq: seq})
		ipc.WriteFrame(os.Stdout, ipc.Event{Type: "done", ID: id, Seq: seq, Result: res})
	}
	for r := range queue {
		switch r.Op {
		case "shutdown":
			return 0
		case "replay":
			replayed += len(r.Cells)
			fmt.Println("replay output is muted")
			done(r.ID, &ipc.Result{Status: "ok", Notes: []string{fmt.Sprintf("replayed %d cells, counts %v", len(r.Cells), r.Counts)}})
		case "execute":
			ctx, c := context.WithCancel(context.Background())
			mu.Lock()
			cancel = c
			mu.Unlock()
			res := runFake(ctx, r, replayed)
			c()
			done(r.ID, res)
		}
	}
	return 0
}

func runFake(ctx context.Context, r ipc.Request, replayed int) *ipc.Result {
	ok := &ipc.Result{Status: "ok"}
	cmd, arg, _ := strings.Cut(r.Code, ":")
	switch cmd {
	case "print":
		fmt.Print(arg)
	case "eprint":
		fmt.Fprint(os.Stderr, arg)
	case "lines":
		n, _ := strconv.Atoi(arg)
		for i := range n {
			fmt.Printf("line %d\n", i)
		}
	case "bytes": // one byte per write, pausing inside multi-byte runes
		for i := 0; i < len(arg); i++ {
			os.Stdout.Write([]byte{arg[i]})
			if !utf8.RuneStart(arg[i]) || i+1 < len(arg) && !utf8.RuneStart(arg[i+1]) {
				time.Sleep(30 * time.Millisecond)
			}
		}
	case "mixed":
		fmt.Print("a")
		ipc.WriteFrame(os.Stdout, ipc.Event{Type: "display", Data: map[string]any{"text/plain": "X"}})
		fmt.Print("b")
		ipc.WriteFrame(os.Stdout, ipc.Event{Type: "clear", Wait: true})
		fmt.Print("c")
	case "value":
		return &ipc.Result{Status: "ok", Data: map[string]any{"text/plain": arg}}
	case "error":
		return &ipc.Result{Status: "error", EName: "E", EValue: "bad", Traceback: []string{"bad"}}
	case "note":
		fmt.Print("out\n")
		return &ipc.Result{Status: "ok", Notes: []string{arg}}
	case "errnote":
		return &ipc.Result{Status: "error", EName: "E", EValue: "bad", Traceback: []string{"bad"}, Notes: []string{arg}}
	case "wait":
		<-ctx.Done()
		return &ipc.Result{Status: "error", EName: "Interrupted", EValue: "interrupted"}
	case "hang":
		select {}
	case "overflow":
		var f func(int) int
		f = func(n int) int { return f(n+1) + 1 }
		fmt.Println(f(0))
	case "exit":
		n, _ := strconv.Atoi(arg)
		os.Exit(n)
	case "gopanic":
		ipc.WriteFrame(os.Stdout, ipc.Event{Type: "panic", Cell: r.Count,
			Result: &ipc.Result{Status: "error", EName: "panic", EValue: arg}})
	case "late":
		go func() {
			time.Sleep(50 * time.Millisecond)
			fmt.Print(arg)
		}()
	case "replayed":
		fmt.Print(replayed)
	case "falsealarm":
		fmt.Fprintln(os.Stderr, "panic: not really")
	}
	return ok
}

// recorder is a server.Output that records what it receives.
type recorder struct {
	mu     sync.Mutex
	events []string
	notify chan struct{}
}

func newRecorder() *recorder { return &recorder{notify: make(chan struct{}, 1)} }

func (r *recorder) add(s string) {
	r.mu.Lock()
	r.events = append(r.events, s)
	r.mu.Unlock()
	select {
	case r.notify <- struct{}{}:
	default:
	}
}

func (r *recorder) Stream(name, text string) { r.add(name + ":" + text) }
func (r *recorder) Display(data, md map[string]any, id string, update bool) {
	r.add(fmt.Sprintf("display:%v", data["text/plain"]))
}
func (r *recorder) Clear(wait bool)          { r.add("clear") }
func (r *recorder) Error(e server.ExecError) { r.add("error:" + e.EName + ":" + e.EValue) }

func (r *recorder) all() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.events...)
}

// text joins the recorded text of one stream.
func (r *recorder) text(name string) string {
	var b strings.Builder
	for _, e := range r.all() {
		if t, ok := strings.CutPrefix(e, name+":"); ok {
			b.WriteString(t)
		}
	}
	return b.String()
}

// waitFor waits until some recorded event contains s.
func (r *recorder) waitFor(t *testing.T, s string) {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		for _, e := range r.all() {
			if strings.Contains(e, s) {
				return
			}
		}
		select {
		case <-r.notify:
		case <-deadline:
			t.Fatalf("never received %q; got %q", s, r.all())
		}
	}
}

func newSupervisor(t *testing.T, grace time.Duration) *Supervisor {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	s := New(Config{
		Command: func() (*exec.Cmd, error) {
			cmd := exec.Command(exe, "-test.run=^$")
			cmd.Env = append(os.Environ(), "CHANLAB_FAKE_WORKER=1")
			return cmd, nil
		},
		InterruptGrace: grace,
		Log:            log.New(io.Discard, "", 0),
	})
	t.Cleanup(s.Shutdown)
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	return s
}

func execCell(s *Supervisor, code string) (server.ExecuteResult, *recorder) {
	return execCellN(s, code, 1)
}

// execCellN runs code as the cell with execution count n.
func execCellN(s *Supervisor, code string, n int) (server.ExecuteResult, *recorder) {
	out := newRecorder()
	res := s.Execute(context.Background(), server.ExecuteRequest{Code: code, Count: n}, out)
	return res, out
}

func TestOutputInOrder(t *testing.T) {
	s := newSupervisor(t, time.Minute)
	res, out := execCell(s, "mixed")
	if res.Status != "ok" {
		t.Fatalf("result %+v", res)
	}
	got := strings.Join(out.all(), " ")
	if got != "stdout:a display:X stdout:b clear stdout:c" {
		t.Errorf("output = %s", got)
	}
	res, out = execCell(s, "value:42")
	if res.Status != "ok" || res.Data["text/plain"] != "42" {
		t.Errorf("value result %+v", res)
	}
	res, out = execCell(s, "eprint:oops")
	if out.text("stderr") != "oops" {
		t.Errorf("stderr = %q", out.all())
	}
	res, _ = execCell(s, "error")
	if res.Status != "error" || res.Error.EName != "E" {
		t.Errorf("error result %+v", res)
	}
}

// A cell's notes (a rebuild of the interpreter) reach the user: after
// the output of a cell that succeeded, in the traceback of one that failed.
func TestNotesAreShown(t *testing.T) {
	s := newSupervisor(t, time.Minute)
	res, out := execCell(s, "note:Rebuilt the interpreter.")
	if res.Status != "ok" {
		t.Fatalf("result %+v", res)
	}
	if got := strings.Join(out.all(), "|"); got != "stdout:out\n|stderr:Rebuilt the interpreter.\n" {
		t.Errorf("output %q", got)
	}
	res, _ = execCell(s, "errnote:Also stopped 2 goroutine(s).")
	if res.Status != "error" || strings.Join(res.Error.Traceback, "|") != "bad|Also stopped 2 goroutine(s)." {
		t.Errorf("error result %+v", res.Error)
	}
}

func TestManyLinesArriveInFewMessages(t *testing.T) {
	s := newSupervisor(t, time.Minute)
	const n = 100000
	_, out := execCell(s, fmt.Sprintf("lines:%d", n))
	var want strings.Builder
	for i := range n {
		fmt.Fprintf(&want, "line %d\n", i)
	}
	if got := out.text("stdout"); got != want.String() {
		t.Fatalf("got %d bytes, want %d", len(got), want.Len())
	}
	if msgs := len(out.all()); msgs > n/10 {
		t.Errorf("%d lines arrived as %d messages", n, msgs)
	}
	t.Logf("%d lines arrived as %d messages", n, len(out.all()))
}

func TestRunesAreNotSplit(t *testing.T) {
	s := newSupervisor(t, time.Minute)
	const text = "héllo, 世界 🙂"
	_, out := execCell(s, "bytes:"+text)
	for _, e := range out.all() {
		if !utf8.ValidString(e) {
			t.Errorf("invalid UTF-8 in %q", e)
		}
	}
	if got := out.text("stdout"); got != text {
		t.Errorf("got %q", got)
	}
}

func TestInterrupt(t *testing.T) {
	s := newSupervisor(t, time.Minute)
	pid := s.Pid()
	done := make(chan server.ExecuteResult)
	go func() { res, _ := execCell(s, "wait"); done <- res }()
	waitRunning(t, s)
	s.Interrupt()
	res := <-done
	if res.Status != "error" || res.Error.EName != "Interrupted" {
		t.Errorf("result %+v", res)
	}
	if s.Pid() != pid {
		t.Error("the worker was replaced after a cooperative interrupt")
	}
	s.Interrupt() // no cell running: nothing happens
	if res, _ := execCell(s, "print:x"); res.Status != "ok" {
		t.Errorf("after interrupt: %+v", res)
	}
}

func waitRunning(t *testing.T, s *Supervisor) {
	t.Helper()
	for range 3000 {
		s.mu.Lock()
		r := s.running
		s.mu.Unlock()
		if r != nil {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("no cell started")
}

func TestInterruptKillsAStuckWorker(t *testing.T) {
	s := newSupervisor(t, 100*time.Millisecond)
	execCellN(s, "print:1", 1)
	execCellN(s, "error", 2)
	execCellN(s, "print:2", 3)
	pid := s.Pid()
	done := make(chan server.ExecuteResult)
	var out *recorder
	go func() {
		var res server.ExecuteResult
		res, out = execCell(s, "hang")
		done <- res
	}()
	waitRunning(t, s)
	s.Interrupt()
	res := <-done
	if res.Status != "error" || res.Error.EName != "Interrupted" {
		t.Fatalf("result %+v", res)
	}
	if s.Pid() == pid {
		t.Error("the stuck worker was not replaced")
	}
	if got := out.text("stderr"); got != "" {
		t.Errorf("stderr = %q (replay output must be muted)", got)
	}
	// The replay note is the last line of the error, after the
	// explanation, with the cells' execution counts sent along.
	tb := res.Error.Traceback
	if got := tb[len(tb)-1]; got != "A new Go worker was started and replayed 2 cells, counts [1 3]." {
		t.Errorf("last traceback line %q", got)
	}
	if _, out := execCell(s, "replayed"); out.text("stdout") != "2" {
		t.Errorf("new worker replayed %q cells", out.text("stdout"))
	}
}

func TestFatalErrorRecovers(t *testing.T) {
	s := newSupervisor(t, time.Minute)
	execCell(s, "print:1")
	res, out := execCell(s, "overflow")
	if res.Status != "error" || res.Error.EName != "FatalError" || res.Error.EValue != "stack overflow" {
		t.Fatalf("result %+v", res.Error)
	}
	tb := strings.Join(res.Error.Traceback, "\n")
	if strings.Contains(tb, "\ngoroutine ") || strings.Contains(tb, "runtime stack:") {
		t.Errorf("traceback shows goroutine stacks:\n%s", tb)
	}
	for _, want := range []string{"stopped (it exited with status 2): fatal error: stack overflow", "infinite recursion", "more lines of Go's crash report", "replayed"} {
		if !strings.Contains(tb, want) {
			t.Errorf("traceback lacks %q:\n%s", want, tb)
		}
	}
	if got := out.text("stderr"); got != "" {
		t.Errorf("stderr = %q: the crash dump must not be streamed", got)
	}
	if _, out := execCell(s, "replayed"); out.text("stdout") != "1" {
		t.Errorf("new worker replayed %q cells", out.text("stdout"))
	}
}

func TestExitStatus(t *testing.T) {
	s := newSupervisor(t, time.Minute)
	res, _ := execCell(s, "exit:3")
	if res.Status != "error" || !strings.Contains(res.Error.EValue, "exited with status 3") {
		t.Fatalf("result %+v", res.Error)
	}
	if res, out := execCell(s, "print:ok"); res.Status != "ok" || out.text("stdout") != "ok" {
		t.Errorf("after exit: %+v %q", res, out.all())
	}
}

func TestGoroutinePanicIsAnErrorOutput(t *testing.T) {
	s := newSupervisor(t, time.Minute)
	res, out := execCell(s, "gopanic:boom")
	if res.Status != "ok" {
		t.Errorf("result %+v", res)
	}
	if got := strings.Join(out.all(), " "); got != "error:panic:boom" {
		t.Errorf("output = %s", got)
	}
}

func TestLateOutputGoesToLastCell(t *testing.T) {
	s := newSupervisor(t, time.Minute)
	_, out := execCell(s, "late:afterwards")
	out.waitFor(t, "stdout:afterwards")
}

func TestPanicLookalikeIsStreamed(t *testing.T) {
	s := newSupervisor(t, time.Minute)
	res, out := execCell(s, "falsealarm")
	if res.Status != "ok" || out.text("stderr") != "panic: not really\n" {
		t.Errorf("result %+v, output %q", res, out.all())
	}
}

func TestShutdown(t *testing.T) {
	s := newSupervisor(t, time.Minute)
	pid := s.Pid()
	s.Shutdown()
	s.Shutdown()
	if err := syscall.Kill(pid, 0); err == nil {
		t.Error("worker still alive after Shutdown")
	}
	if res, _ := execCell(s, "print:x"); res.Status != "error" {
		t.Errorf("Execute after Shutdown: %+v", res)
	}
}

func TestCompleteUTF8(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{{"", 0}, {"abc", 3}, {"h\xc3", 1}, {"h\xc3\xa9", 3}, {"\xe4\xb8", 0}, {"a\xf0\x9f\x99", 1}, {"\x80", 1}} {
		if got := completeUTF8([]byte(c.in)); got != c.want {
			t.Errorf("completeUTF8(%q) = %d, want %d", c.in, got, c.want)
		}
	}
}
