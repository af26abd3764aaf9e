package pools

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"
)

// WorkerEnv is the environment variable that marks a process as a
// ProcessPool worker. [ServeProcessWorker] serves tasks when it is set.
const WorkerEnv = "CHANLAB_PROCESS_WORKER"

// A TaskFunc is a task a [ProcessPool] can run: it receives the JSON
// encoding of the argument given to [ProcessPool.Submit] and returns a
// value that encodes as JSON.
type TaskFunc func(arg json.RawMessage) (any, error)

var registry = struct {
	sync.RWMutex
	m map[string]TaskFunc
}{m: map[string]TaskFunc{}}

// RegisterTask makes fn available to process pools under name. Worker
// processes run the same program, so a task must be registered in the
// same way in every process: from an init function, or in main before
// [ServeProcessWorker] is called. Registering a name again replaces the
// earlier function. Functions defined in a notebook cell cannot be process
// tasks: a worker process does not run the cell.
func RegisterTask(name string, fn TaskFunc) {
	registry.Lock()
	defer registry.Unlock()
	if fn == nil {
		delete(registry.m, name)
		return
	}
	registry.m[name] = fn
}

// Tasks returns the names of the registered tasks, sorted.
func Tasks() []string {
	registry.RLock()
	defer registry.RUnlock()
	names := make([]string, 0, len(registry.m))
	for n := range registry.m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func lookup(name string) TaskFunc {
	registry.RLock()
	defer registry.RUnlock()
	return registry.m[name]
}

// request and response are the messages between a pool and its worker
// process, one JSON value each.
type request struct {
	ID   int64           `json:"id"`
	Task string          `json:"task"`
	Arg  json.RawMessage `json:"arg,omitempty"`
}

type response struct {
	ID     int64           `json:"id"`
	Ready  bool            `json:"ready,omitempty"` // first message: the worker is serving
	Pid    int             `json:"pid,omitempty"`
	Result json.RawMessage `json:"result,omitempty"`
	Error  string          `json:"error,omitempty"`
	Panic  string          `json:"panic,omitempty"`
	Stack  string          `json:"stack,omitempty"`
}

// ServeProcessWorker turns the process into a ProcessPool worker if it
// was started as one, and otherwise returns at once. Call it first thing
// in main, as Python programs guard with if __name__ == "__main__":
//
//	func main() {
//		pools.ServeProcessWorker()
//		...
//	}
//
// In a worker it reads requests from file descriptor 3, runs the named
// registered tasks one at a time, writes the results to file descriptor
// 4, and exits when the pool closes the pipe, or at once, even in the
// middle of a task, when the pool's process dies. It never returns.
// Standard output and standard error stay the parent's, so a task may
// print.
func ServeProcessWorker() {
	if os.Getenv(WorkerEnv) == "" {
		return
	}
	in := os.NewFile(3, "pool-requests")
	out := os.NewFile(4, "pool-responses")
	if in == nil || out == nil {
		fmt.Fprintln(os.Stderr, "pools: "+WorkerEnv+" is set but the request pipes are missing")
		os.Exit(2)
	}
	err := serve(in, out, func(err error) {
		// The pool closed the pipe or its process died: nobody waits
		// for the task that may be running.
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

// serve answers requests from r on w. A goroutine reads the requests, so
// the end of r is noticed while a task runs: it calls lost with nil at the
// end of r, or with the read error, and serve returns once the running
// task (if any) has finished.
func serve(r io.Reader, w io.Writer, lost func(error)) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	send := func(resp response) error {
		if err := enc.Encode(resp); err != nil {
			return fmt.Errorf("pools: worker writing response: %w", err)
		}
		return bw.Flush()
	}
	if err := send(response{Ready: true, Pid: os.Getpid()}); err != nil {
		return err
	}
	reqs := make(chan request)
	go func() {
		defer close(reqs)
		dec := json.NewDecoder(bufio.NewReader(r))
		for {
			var req request
			if err := dec.Decode(&req); err != nil {
				if errors.Is(err, io.EOF) {
					err = nil
				} else {
					err = fmt.Errorf("pools: worker reading request: %w", err)
				}
				lost(err)
				return
			}
			reqs <- req
		}
	}()
	for req := range reqs {
		if err := send(runTask(req)); err != nil {
			return err
		}
	}
	return nil
}

func runTask(req request) (resp response) {
	resp.ID = req.ID
	fn := lookup(req.Task)
	if fn == nil {
		resp.Error = fmt.Sprintf("pools: unknown task %q (registered: %s)", req.Task, strings.Join(Tasks(), ", "))
		return resp
	}
	defer func() {
		if v := recover(); v != nil {
			resp.Result, resp.Error = nil, ""
			resp.Panic, resp.Stack = fmt.Sprint(v), string(debug.Stack())
		}
	}()
	v, err := fn(req.Arg)
	if err != nil {
		resp.Error = err.Error()
		return resp
	}
	b, err := json.Marshal(v)
	if err != nil {
		resp.Error = fmt.Sprintf("pools: task %s: encoding result: %v", req.Task, err)
		return resp
	}
	resp.Result = b
	return resp
}

// A TaskError is the error a task returned in a worker process.
type TaskError struct {
	Task    string
	Message string
}

// Error returns the message of the task's error.
func (e *TaskError) Error() string { return e.Message }

// A ProcessPool runs registered tasks in at most a fixed number of worker
// processes, like Python's ProcessPoolExecutor. Each worker is the running
// program started again with [WorkerEnv] set, so it must call
// [ServeProcessWorker] first thing in main. Processes start when tasks
// need them and stay until [ProcessPool.Close]; arguments and results
// travel as JSON. A ProcessPool is safe for concurrent use.
//
// A worker that dies (os.Exit, a fatal runtime error) fails the task it
// was running and is replaced for the next task.
type ProcessPool struct {
	s       sched
	mu      sync.Mutex
	started int
	spawn   time.Duration
	nextID  int64
}

// NewProcessPool returns a pool of at most workers processes (at least 1).
func NewProcessPool(workers int, opts ...Option) *ProcessPool {
	p := &ProcessPool{}
	p.s.lane = "process"
	p.s.run = p.run
	p.s.init(workers, opts)
	return p
}

// Workers returns the largest number of worker processes.
func (p *ProcessPool) Workers() int { return p.s.max }

// Started returns how many worker processes the pool has started so far,
// and the total time spent starting them (until each was ready to serve).
func (p *ProcessPool) Started() (n int, startup time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.started, p.spawn
}

// Submit queues the registered task with arg (encoded as JSON now, in the
// caller's goroutine) and returns its Future at once. The result is the
// task's value decoded from JSON: numbers that are whole become int,
// others float64; arrays become []any and objects map[string]any. A task
// error becomes a *[TaskError], a panic in the worker a *[PanicError].
func (p *ProcessPool) Submit(task string, arg any) *Future {
	f := p.s.newFuture("", task) // labelled "CountPrimes 3": the task name and its number
	b, err := json.Marshal(arg)
	if err != nil {
		f.finish(nil, fmt.Errorf("pools: encoding argument of %s: %w", task, err))
		return f
	}
	f.task, f.arg = task, b
	return p.s.submit(f)
}

// Map runs task once per argument and waits for all of them. It returns
// the values in argument order and the error of the lowest index that
// failed, wrapped with that index.
func (p *ProcessPool) Map(task string, args []any) ([]any, error) {
	futs := make([]*Future, len(args))
	for i, a := range args {
		futs[i] = p.Submit(task, a)
	}
	return collect(futs)
}

// Shutdown stops the pool accepting tasks, waits until every queued and
// running task has finished, and then stops the worker processes.
func (p *ProcessPool) Shutdown() {
	p.s.shutdown(false)
	p.stopChildren()
}

// Close stops the pool accepting tasks, cancels the tasks that have not
// started (they fail with [ErrCancelled]), waits for the running ones and
// stops the worker processes.
func (p *ProcessPool) Close() {
	p.s.shutdown(true)
	p.stopChildren()
}

func (p *ProcessPool) stopChildren() {
	p.s.mu.Lock()
	var kids []*child
	for _, w := range p.s.free {
		if w.child != nil {
			kids = append(kids, w.child)
			w.child = nil
		}
	}
	p.s.mu.Unlock()
	for _, c := range kids {
		c.stop()
	}
}

func (p *ProcessPool) run(w *slot, f *Future) (any, error) {
	if w.child == nil {
		start := time.Now()
		c, err := startChild(p.s.ctx)
		if err != nil {
			return nil, err
		}
		p.mu.Lock()
		p.started++
		p.spawn += time.Since(start)
		p.mu.Unlock()
		w.child = c
	}
	p.mu.Lock()
	p.nextID++
	id := p.nextID
	p.mu.Unlock()
	resp, err := w.child.call(p.s.ctx, request{ID: id, Task: f.task, Arg: f.arg})
	if err != nil {
		w.child.stop()
		w.child = nil
		if ctxErr := p.s.ctx.Err(); ctxErr != nil {
			return nil, ctxErr
		}
		return nil, fmt.Errorf("pools: task %s: %w", f.task, err)
	}
	switch {
	case resp.Panic != "":
		return nil, &PanicError{Value: resp.Panic, Stack: []byte(resp.Stack)}
	case resp.Error != "":
		return nil, &TaskError{Task: f.task, Message: resp.Error}
	}
	if len(resp.Result) == 0 {
		return nil, nil
	}
	return decodeJSON(resp.Result)
}

// decodeJSON decodes b into plain Go values, turning whole numbers into int.
func decodeJSON(b []byte) (any, error) {
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("pools: decoding result: %w", err)
	}
	return plain(v), nil
}

func plain(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return int(i)
		}
		f, _ := x.Float64()
		return f
	case []any:
		for i := range x {
			x[i] = plain(x[i])
		}
	case map[string]any:
		for k := range x {
			x[k] = plain(x[k])
		}
	}
	return v
}

// child is one worker process.
type child struct {
	cmd  *exec.Cmd
	in   io.WriteCloser // requests (the child's fd 3)
	out  *os.File       // responses (the child's fd 4)
	dec  *json.Decoder
	once sync.Once
}

// readyTimeout bounds the wait for a new worker's first message: a
// program that does not call ServeProcessWorker runs its own main instead.
const readyTimeout = 30 * time.Second

func startChild(ctx context.Context) (*child, error) {
	if os.Getenv(WorkerEnv) != "" {
		// We are a worker whose main did not call ServeProcessWorker:
		// starting workers from here would start processes without end.
		return nil, errors.New("pools: a worker process cannot start workers; call pools.ServeProcessWorker() first thing in main")
	}
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("pools: finding the program to start workers: %w", err)
	}
	reqR, reqW, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("pools: pipe: %w", err)
	}
	respR, respW, err := os.Pipe()
	if err != nil {
		reqR.Close()
		reqW.Close()
		return nil, fmt.Errorf("pools: pipe: %w", err)
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), WorkerEnv+"=1")
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	cmd.ExtraFiles = []*os.File{reqR, respW}
	err = cmd.Start()
	reqR.Close()
	respW.Close()
	if err != nil {
		reqW.Close()
		respR.Close()
		return nil, fmt.Errorf("pools: starting worker process %s: %w", exe, err)
	}
	c := &child{cmd: cmd, in: reqW, out: respR, dec: json.NewDecoder(bufio.NewReader(respR))}
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	resp, err := c.receive(ctx)
	if err != nil || !resp.Ready {
		c.stop()
		if err == nil {
			err = errors.New("unexpected first message")
		}
		return nil, fmt.Errorf("pools: worker process did not start serving (does main call pools.ServeProcessWorker() first?): %w", err)
	}
	return c, nil
}

// call sends req and waits for its response. If ctx ends first, the
// process is killed and call returns the context's error.
func (c *child) call(ctx context.Context, req request) (response, error) {
	b, err := json.Marshal(req)
	if err != nil {
		return response{}, fmt.Errorf("encoding request: %w", err)
	}
	if _, err := c.in.Write(append(b, '\n')); err != nil {
		return response{}, fmt.Errorf("worker process %d: sending request: %w", c.cmd.Process.Pid, err)
	}
	resp, err := c.receive(ctx)
	if err == nil && resp.ID != req.ID {
		err = fmt.Errorf("worker process %d: answer %d to request %d", c.cmd.Process.Pid, resp.ID, req.ID)
	}
	return resp, err
}

func (c *child) receive(ctx context.Context) (response, error) {
	stop := context.AfterFunc(ctx, func() { c.cmd.Process.Kill() })
	defer stop()
	var resp response
	if err := c.dec.Decode(&resp); err != nil {
		if ctx.Err() != nil {
			return resp, ctx.Err()
		}
		return resp, fmt.Errorf("worker process %d exited: %w", c.cmd.Process.Pid, err)
	}
	return resp, nil
}

// stop closes the request pipe, which tells the worker to exit, and waits
// for it, killing it if it does not exit within a second.
func (c *child) stop() {
	c.once.Do(func() {
		c.in.Close()
		t := time.AfterFunc(time.Second, func() { c.cmd.Process.Kill() })
		c.cmd.Wait()
		t.Stop()
		c.out.Close()
	})
}
