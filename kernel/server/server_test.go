package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/chanlab/chanlab/kernel/wire"
)

// fakeEngine runs scripted cells. A cell's code is a command:
//
//	print:TEXT   stream TEXT on stdout, status ok
//	value:X      status ok with text/plain X as the cell's value
//	display:X    display_data with text/plain X
//	error        status error
//	gate         wait until the test closes gate, then ok
//	block        wait for Interrupt, then status error
type fakeEngine struct {
	gate      chan struct{}
	interrupt chan struct{}
	started   chan string

	mu        sync.Mutex
	ran       []string
	shutdowns int
}

func newFakeEngine() *fakeEngine {
	return &fakeEngine{
		gate:      make(chan struct{}),
		interrupt: make(chan struct{}, 1),
		started:   make(chan string, 100),
	}
}

func (e *fakeEngine) Execute(ctx context.Context, req ExecuteRequest, out Output) ExecuteResult {
	e.mu.Lock()
	e.ran = append(e.ran, req.Code)
	e.mu.Unlock()
	e.started <- req.Code
	cmd, arg, _ := strings.Cut(req.Code, ":")
	switch cmd {
	case "print":
		out.Stream("stdout", arg)
	case "value":
		return ExecuteResult{Status: "ok", Data: map[string]any{"text/plain": arg}}
	case "display":
		out.Display(map[string]any{"text/plain": arg}, nil, "", false)
	case "error":
		return ExecuteResult{Status: "error", Error: &ExecError{EName: "E", EValue: "boom", Traceback: []string{"boom"}}}
	case "gate":
		<-e.gate
	case "block":
		<-e.interrupt
		return ExecuteResult{Status: "error", Error: &ExecError{EName: "Interrupted", EValue: "interrupted"}}
	case "panic":
		if eo, ok := out.(ErrorOutput); ok {
			eo.Error(ExecError{EName: "GoroutinePanic", EValue: arg})
		}
	}
	return ExecuteResult{Status: "ok"}
}

func (e *fakeEngine) Interrupt() {
	select {
	case e.interrupt <- struct{}{}:
	default:
	}
}

func (e *fakeEngine) Shutdown() {
	e.mu.Lock()
	e.shutdowns++
	e.mu.Unlock()
}

func (e *fakeEngine) cells() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.ran...)
}

// freePorts returns n distinct free loopback TCP ports.
func freePorts(t *testing.T, n int) []int {
	t.Helper()
	var ports []int
	var ls []net.Listener
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	for _, l := range ls {
		l.Close()
	}
	return ports
}

// client is a minimal Jupyter client over real zmq4 sockets.
type client struct {
	t       *testing.T
	signer  *wire.Signer
	session string
	shell   zmq4.Socket
	control zmq4.Socket
	iopub   zmq4.Socket
	hb      zmq4.Socket

	shellIn, controlIn, iopubIn chan *wire.Message
}

const testKey = "test-key"

// recvTimeout only guards against a hang; no test depends on speed.
const recvTimeout = 20 * time.Second

type harness struct {
	*client
	srv    *Server
	engine *fakeEngine
	logBuf *syncBuffer
	runErr chan error
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func start(t *testing.T) *harness {
	t.Helper()
	p := freePorts(t, 5)
	ci := &ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", ShellPort: p[0], ControlPort: p[1],
		StdinPort: p[2], IOPubPort: p[3], HBPort: p[4], Key: testKey, SignatureScheme: "hmac-sha256"}
	eng := newFakeEngine()
	logs := &syncBuffer{}
	srv, err := New(Config{
		Conn: ci, Engine: eng,
		Info: KernelInfo{Implementation: "fake", LanguageInfo: LanguageInfo{Name: "go"}},
		Log:  log.New(logs, "", 0),
	})
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{srv: srv, engine: eng, logBuf: logs, runErr: make(chan error, 1)}
	go func() { h.runErr <- srv.Run(context.Background()) }()
	t.Cleanup(func() {
		srv.stop()
		if t.Failed() {
			t.Logf("server log:\n%s", logs.String())
		}
	})

	ctx := t.Context()
	c := &client{t: t, signer: wire.NewSigner([]byte(testKey)), session: wire.NewID(),
		shellIn: make(chan *wire.Message, 1000), controlIn: make(chan *wire.Message, 100),
		iopubIn: make(chan *wire.Message, 10000)}
	id := zmq4.WithID(zmq4.SocketIdentity(c.session))
	c.shell = zmq4.NewDealer(ctx, id)
	c.control = zmq4.NewDealer(ctx, id)
	c.iopub = zmq4.NewSub(ctx)
	c.hb = zmq4.NewReq(ctx)
	for _, d := range []struct {
		s    zmq4.Socket
		port int
	}{{c.shell, p[0]}, {c.control, p[1]}, {c.iopub, p[3]}, {c.hb, p[4]}} {
		if err := d.s.Dial(fmt.Sprintf("tcp://127.0.0.1:%d", d.port)); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.iopub.SetOption(zmq4.OptionSubscribe, ""); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, s := range []zmq4.Socket{c.shell, c.control, c.iopub, c.hb} {
			s.Close()
		}
	})
	go c.pump(c.shell, c.shellIn)
	go c.pump(c.control, c.controlIn)
	go c.pump(c.iopub, c.iopubIn)
	h.client = c

	// Wait until iopub is connected: ask for kernel_info until a status
	// message arrives, as jupyter_client does.
	deadline := time.Now().Add(recvTimeout)
	for {
		c.send(c.shell, "kernel_info_request", map[string]any{})
		select {
		case <-c.iopubIn:
			time.Sleep(50 * time.Millisecond)
			c.drain()
			return h
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatal("iopub never connected")
		}
	}
}

func (c *client) pump(s zmq4.Socket, ch chan<- *wire.Message) {
	for {
		raw, err := s.Recv()
		if err != nil {
			return
		}
		m, err := c.signer.Decode(raw.Frames)
		if err != nil {
			c.t.Errorf("client got a bad message: %v", err)
			continue
		}
		ch <- m
	}
}

// drain discards everything received so far.
func (c *client) drain() {
	for _, ch := range []chan *wire.Message{c.shellIn, c.controlIn, c.iopubIn} {
		for len(ch) > 0 {
			<-ch
		}
	}
}

func (c *client) sendWith(s zmq4.Socket, signer *wire.Signer, msgType string, content any) string {
	c.t.Helper()
	b, err := json.Marshal(content)
	if err != nil {
		c.t.Fatal(err)
	}
	m := &wire.Message{Header: wire.NewHeader(msgType, c.session), Content: b}
	frames, err := signer.Encode(m)
	if err != nil {
		c.t.Fatal(err)
	}
	if err := s.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		c.t.Fatal(err)
	}
	return m.Header.MsgID
}

func (c *client) send(s zmq4.Socket, msgType string, content any) string {
	c.t.Helper()
	return c.sendWith(s, c.signer, msgType, content)
}

func (c *client) execute(code string, extra map[string]any) string {
	c.t.Helper()
	content := map[string]any{"code": code, "silent": false, "store_history": true,
		"user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true}
	for k, v := range extra {
		content[k] = v
	}
	return c.send(c.shell, "execute_request", content)
}

func (c *client) recv(ch chan *wire.Message, what string) *wire.Message {
	c.t.Helper()
	select {
	case m := <-ch:
		return m
	case <-time.After(recvTimeout):
		c.t.Fatalf("no %s message", what)
		return nil
	}
}

func parentID(m *wire.Message) string {
	var p struct {
		MsgID string `json:"msg_id"`
	}
	json.Unmarshal(m.ParentHeader, &p)
	return p.MsgID
}

func content(t *testing.T, m *wire.Message) map[string]any {
	t.Helper()
	var c map[string]any
	if err := json.Unmarshal(m.Content, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// iopubUntilIdle returns the iopub messages with parent id up to and
// including its idle status, as "type" or "type:detail" strings.
func (c *client) iopubUntilIdle(id string) []string {
	c.t.Helper()
	var got []string
	for {
		m := c.recv(c.iopubIn, "iopub")
		if parentID(m) != id {
			continue
		}
		ct := content(c.t, m)
		s := m.Header.MsgType
		switch s {
		case "status":
			s += ":" + ct["execution_state"].(string)
		case "stream":
			s += ":" + ct["text"].(string)
		case "execute_input":
			s += fmt.Sprintf(":%v", ct["execution_count"])
		case "error":
			s += ":" + ct["ename"].(string)
		}
		got = append(got, s)
		if s == "status:idle" {
			return got
		}
	}
}

func (c *client) reply(ch chan *wire.Message, id, want string) map[string]any {
	c.t.Helper()
	m := c.recv(ch, want)
	if m.Header.MsgType != want || parentID(m) != id {
		c.t.Fatalf("got %s (parent %s), want %s for %s", m.Header.MsgType, parentID(m), want, id)
	}
	return content(c.t, m)
}

func TestKernelInfo(t *testing.T) {
	h := start(t)
	id := h.send(h.shell, "kernel_info_request", map[string]any{})
	r := h.reply(h.shellIn, id, "kernel_info_reply")
	if r["status"] != "ok" || r["protocol_version"] != wire.ProtocolVersion || r["implementation"] != "fake" {
		t.Errorf("reply = %v", r)
	}
	if li, _ := r["language_info"].(map[string]any); li["name"] != "go" {
		t.Errorf("language_info = %v", r["language_info"])
	}
	got := h.iopubUntilIdle(id)
	if strings.Join(got, " ") != "status:busy status:idle" {
		t.Errorf("iopub = %v", got)
	}
}

func TestHeartbeat(t *testing.T) {
	h := start(t)
	if err := h.hb.Send(zmq4.NewMsgString("ping")); err != nil {
		t.Fatal(err)
	}
	m, err := h.hb.Recv()
	if err != nil || string(m.Frames[0]) != "ping" {
		t.Fatalf("heartbeat echoed %q, %v", m.Frames, err)
	}
}

func TestExecuteMessagesInOrder(t *testing.T) {
	h := start(t)
	id := h.execute("print:hi", nil)
	r := h.reply(h.shellIn, id, "execute_reply")
	if r["status"] != "ok" || r["execution_count"] != 1.0 {
		t.Errorf("reply = %v", r)
	}
	want := "status:busy execute_input:1 stream:hi status:idle"
	if got := strings.Join(h.iopubUntilIdle(id), " "); got != want {
		t.Errorf("iopub = %s, want %s", got, want)
	}

	id = h.execute("value:42", nil)
	r = h.reply(h.shellIn, id, "execute_reply")
	if r["execution_count"] != 2.0 {
		t.Errorf("reply = %v", r)
	}
	want = "status:busy execute_input:2 execute_result status:idle"
	if got := strings.Join(h.iopubUntilIdle(id), " "); got != want {
		t.Errorf("iopub = %s, want %s", got, want)
	}

	// silent: no execute_input, no execute_result, the count stays.
	id = h.execute("value:7", map[string]any{"silent": true})
	r = h.reply(h.shellIn, id, "execute_reply")
	if r["execution_count"] != 2.0 || r["status"] != "ok" {
		t.Errorf("silent reply = %v", r)
	}
	if got := strings.Join(h.iopubUntilIdle(id), " "); got != "status:busy status:idle" {
		t.Errorf("silent iopub = %s", got)
	}

	// store_history false: runs, counted neither.
	id = h.execute("display:x", map[string]any{"store_history": false})
	r = h.reply(h.shellIn, id, "execute_reply")
	if r["execution_count"] != 2.0 {
		t.Errorf("store_history=false reply = %v", r)
	}
	if got := strings.Join(h.iopubUntilIdle(id), " "); got != "status:busy execute_input:2 display_data status:idle" {
		t.Errorf("iopub = %s", got)
	}

	id = h.execute("error", nil)
	r = h.reply(h.shellIn, id, "execute_reply")
	if r["status"] != "error" || r["ename"] != "E" || r["execution_count"] != 3.0 {
		t.Errorf("error reply = %v", r)
	}
	if got := strings.Join(h.iopubUntilIdle(id), " "); got != "status:busy execute_input:3 error:E status:idle" {
		t.Errorf("iopub = %s", got)
	}

	id = h.execute("panic:in goroutine", nil)
	h.reply(h.shellIn, id, "execute_reply")
	if got := strings.Join(h.iopubUntilIdle(id), " "); got != "status:busy execute_input:4 error:GoroutinePanic status:idle" {
		t.Errorf("iopub = %s", got)
	}
}

func TestBadMessagesAreDroppedAndLogged(t *testing.T) {
	h := start(t)
	// Wrong key: dropped.
	h.sendWith(h.shell, wire.NewSigner([]byte("wrong")), "execute_request", map[string]any{"code": "print:bad"})
	// Garbage frames: dropped.
	h.shell.SendMulti(zmq4.NewMsgFrom([]byte("no delimiter here")))
	h.shell.SendMulti(zmq4.NewMsgFrom([]byte(wire.Delimiter), []byte("sig")))
	// Valid signature, nonsense content: answered with an error, no crash.
	id1 := h.send(h.shell, "execute_request", []int{1, 2})
	r := h.reply(h.shellIn, id1, "execute_reply")
	if r["status"] != "error" {
		t.Errorf("reply to bad content = %v", r)
	}
	id2 := h.send(h.shell, "complete_request", "not an object")
	h.reply(h.shellIn, id2, "complete_reply")
	h.send(h.shell, "no_such_request", map[string]any{})

	id := h.execute("print:good", nil)
	h.reply(h.shellIn, id, "execute_reply")
	if ran := h.engine.cells(); len(ran) != 1 || ran[0] != "print:good" {
		t.Errorf("engine ran %q", ran)
	}
	logs := h.logBuf.String()
	for _, want := range []string{"bad signature", "no <IDS|MSG>", "no_such_request"} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %q:\n%s", want, logs)
		}
	}
}

func TestControlWhileCellRuns(t *testing.T) {
	h := start(t)
	id := h.execute("block", nil)
	<-h.engine.started
	// Shell requests other than execute are answered while the cell runs.
	cid := h.send(h.shell, "is_complete_request", map[string]any{"code": "x"})
	h.reply(h.shellIn, cid, "is_complete_reply")
	kid := h.send(h.control, "kernel_info_request", map[string]any{})
	h.reply(h.controlIn, kid, "kernel_info_reply")
	iid := h.send(h.control, "interrupt_request", map[string]any{})
	h.reply(h.controlIn, iid, "interrupt_reply")
	r := h.reply(h.shellIn, id, "execute_reply")
	if r["status"] != "error" || r["ename"] != "Interrupted" {
		t.Errorf("reply = %v", r)
	}
}

func TestStopOnErrorAbortsQueuedCells(t *testing.T) {
	h := start(t)
	gate := h.execute("gate", nil)
	<-h.engine.started
	bad := h.execute("error", nil)
	a := h.execute("print:a", nil)
	b := h.execute("print:b", map[string]any{"stop_on_error": false})
	// Both are queued once the shell loop has read them; a kernel_info
	// reply proves that, as the shell loop reads in order.
	k := h.send(h.shell, "kernel_info_request", map[string]any{})
	h.reply(h.shellIn, k, "kernel_info_reply")
	close(h.engine.gate)

	for _, w := range []struct{ id, status string }{{gate, "ok"}, {bad, "error"}, {a, "aborted"}, {b, "aborted"}} {
		r := h.reply(h.shellIn, w.id, "execute_reply")
		if r["status"] != w.status {
			t.Errorf("reply %v, want status %s", r, w.status)
		}
	}
	// The abort does not stick; stop_on_error=false lets the next cell run.
	bad = h.execute("error", map[string]any{"stop_on_error": false})
	c := h.execute("print:c", nil)
	h.reply(h.shellIn, bad, "execute_reply")
	if r := h.reply(h.shellIn, c, "execute_reply"); r["status"] != "ok" {
		t.Errorf("after abort: %v", r)
	}
	if ran := strings.Join(h.engine.cells(), " "); ran != "gate error error print:c" {
		t.Errorf("engine ran %s", ran)
	}
}

func TestSmallRequests(t *testing.T) {
	h := start(t)
	for _, c := range []struct{ req, rep string }{
		{"complete_request", "complete_reply"},
		{"inspect_request", "inspect_reply"},
		{"is_complete_request", "is_complete_reply"},
		{"history_request", "history_reply"},
		{"comm_info_request", "comm_info_reply"},
	} {
		id := h.send(h.shell, c.req, map[string]any{"code": "fmt.Pr", "cursor_pos": 6, "hist_access_type": "tail", "n": 3})
		r := h.reply(h.shellIn, id, c.rep)
		if r["status"] != "ok" && c.req != "is_complete_request" {
			t.Errorf("%s: %v", c.rep, r)
		}
		if got := strings.Join(h.iopubUntilIdle(id), " "); got != "status:busy status:idle" {
			t.Errorf("%s iopub = %s", c.req, got)
		}
	}
	id := h.send(h.shell, "comm_open", map[string]any{"comm_id": "c1", "target_name": "nope", "data": map[string]any{}})
	if got := strings.Join(h.iopubUntilIdle(id), " "); got != "status:busy comm_close status:idle" {
		t.Errorf("comm_open iopub = %s", got)
	}
}

func TestShutdown(t *testing.T) {
	h := start(t)
	id := h.send(h.control, "shutdown_request", map[string]any{"restart": true})
	r := h.reply(h.controlIn, id, "shutdown_reply")
	if r["restart"] != true || r["status"] != "ok" {
		t.Errorf("reply = %v", r)
	}
	select {
	case err := <-h.runErr:
		if err != nil && !errors.Is(err, io.EOF) {
			t.Errorf("Run = %v", err)
		}
	case <-time.After(recvTimeout):
		t.Fatal("Run did not return after shutdown")
	}
	h.engine.mu.Lock()
	defer h.engine.mu.Unlock()
	if h.engine.shutdowns == 0 {
		t.Error("engine was not shut down")
	}
}
