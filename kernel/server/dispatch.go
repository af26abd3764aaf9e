package server

import (
	"encoding/json"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/chanlab/chanlab/kernel/wire"
)

// A handler answers one request. It runs with busy/idle status published
// around it, and replies on the socket the request came from.
type handler func(s *Server, r *request)

// request is a decoded message together with the socket it arrived on.
type request struct {
	msg  *wire.Message
	sock zmq4.Socket
	mu   *sync.Mutex
	// after, if set by the handler, runs once the idle status is out.
	after func()
}

// reply answers r on its own socket.
func (r *request) reply(s *Server, msgType string, content any) {
	s.reply(r.sock, r.mu, r.msg, msgType, content)
}

// decode unmarshals the request content into v.
func (r *request) decode(v any) error { return json.Unmarshal(r.msg.Content, v) }

// handlers is the whole dispatch table: msg_type → handler. execute_request
// is queued and run in order by execLoop; every other shell request is
// answered at once, so completion and inspection work while a cell runs.
var handlers = map[string]handler{
	"kernel_info_request": handleKernelInfo,
	"execute_request":     nil, // queued: see handleShell and execLoop
	"complete_request":    handleComplete,
	"inspect_request":     handleInspect,
	"is_complete_request": handleIsComplete,
	"history_request":     handleHistory,
	"comm_info_request":   handleCommInfo,
	"comm_open":           handleCommOpen,
	"comm_msg":            handleCommIgnored,
	"comm_close":          handleCommIgnored,
	"shutdown_request":    handleShutdown,
	"interrupt_request":   handleInterrupt,
}

// controlOnly lists requests that belong on the control channel; the
// server also accepts them on shell, as older clients send them there.
var controlOnly = map[string]bool{"shutdown_request": true, "interrupt_request": true}

func (s *Server) handleShell(msg *wire.Message) {
	t := msg.Header.MsgType
	if t == "execute_request" {
		s.execQueue <- msg
		return
	}
	s.serve(&request{msg: msg, sock: s.shell, mu: &s.shellMu})
}

func (s *Server) handleControl(msg *wire.Message) {
	s.serve(&request{msg: msg, sock: s.control, mu: &s.controlMu})
}

// serve runs the handler for r with busy/idle status around it. A handler
// that panics (on content no test foresaw) is logged, never fatal.
func (s *Server) serve(r *request) {
	t := r.msg.Header.MsgType
	h, ok := handlers[t]
	if !ok || h == nil {
		s.log.Printf("ignored a %s message: not a request this kernel handles", t)
		return
	}
	quiet := t == "comm_msg" || t == "comm_close"
	if !quiet {
		s.publishStatus(r.msg, "busy")
	}
	func() {
		defer func() {
			if p := recover(); p != nil {
				s.log.Printf("%s: handler panicked: %v", t, p)
			}
		}()
		h(s, r)
	}()
	if !quiet {
		s.publishStatus(r.msg, "idle")
	}
	if r.after != nil {
		r.after()
	}
}

// KernelInfo is the content of kernel_info_reply.
type KernelInfo struct {
	Status                string       `json:"status"`
	ProtocolVersion       string       `json:"protocol_version"`
	Implementation        string       `json:"implementation"`
	ImplementationVersion string       `json:"implementation_version"`
	LanguageInfo          LanguageInfo `json:"language_info"`
	Banner                string       `json:"banner"`
	HelpLinks             []HelpLink   `json:"help_links"`
	Debugger              bool         `json:"debugger"`
}

// LanguageInfo describes the kernel's language.
type LanguageInfo struct {
	Name              string `json:"name"`
	Version           string `json:"version"`
	MIMEType          string `json:"mimetype"`
	FileExtension     string `json:"file_extension"`
	PygmentsLexer     string `json:"pygments_lexer"`
	CodeMirrorMode    string `json:"codemirror_mode"`
	NBConvertExporter string `json:"nbconvert_exporter"`
}

// HelpLink is an entry of the Help menu.
type HelpLink struct {
	Text string `json:"text"`
	URL  string `json:"url"`
}

func handleKernelInfo(s *Server, r *request) {
	info := s.cfg.Info
	info.Status = "ok"
	info.ProtocolVersion = wire.ProtocolVersion
	r.reply(s, "kernel_info_reply", info)
}

func handleCommInfo(s *Server, r *request) {
	r.reply(s, "comm_info_reply", map[string]any{"status": "ok", "comms": map[string]any{}})
}

// handleCommOpen refuses comms: no comm targets are registered, so the
// comm is closed at once, as the spec asks.
func handleCommOpen(s *Server, r *request) {
	var c struct {
		CommID string `json:"comm_id"`
	}
	r.decode(&c)
	s.publish(r.msg, "comm_close", map[string]any{"comm_id": c.CommID, "data": map[string]any{}})
}

func handleCommIgnored(s *Server, r *request) {}

func handleShutdown(s *Server, r *request) {
	var c struct {
		Restart bool `json:"restart"`
	}
	r.decode(&c)
	content := map[string]any{"status": "ok", "restart": c.Restart}
	// Stop the engine first, so that a restart does not wait for it.
	s.cfg.Engine.Shutdown()
	r.reply(s, "shutdown_reply", content)
	s.publish(r.msg, "shutdown_reply", content)
	s.log.Printf("shutdown requested (restart=%v)", c.Restart)
	r.after = s.stop
}

func handleInterrupt(s *Server, r *request) {
	s.cfg.Engine.Interrupt()
	r.reply(s, "interrupt_reply", map[string]any{"status": "ok"})
}

// abortFlush is how long a failed cell's reply waits, under stop_on_error,
// for requests already sent to reach the execute queue.
const abortFlush = 50 * time.Millisecond

// execLoop runs queued execute requests one at a time, in arrival order.
func (s *Server) execLoop() {
	for {
		select {
		case <-s.ctx.Done():
			return
		case msg := <-s.execQueue:
			if n := s.execute(&request{msg: msg, sock: s.shell, mu: &s.shellMu}); n > 0 {
				s.abortQueued(n)
			}
		}
	}
}

// abortQueued answers the next n queued execute requests with status
// "aborted", as stop_on_error asks. Like ipykernel, it does not count them.
func (s *Server) abortQueued(n int) {
	for ; n > 0; n-- {
		select {
		case msg := <-s.execQueue:
			r := &request{msg: msg, sock: s.shell, mu: &s.shellMu}
			s.publishStatus(msg, "busy")
			r.reply(s, "execute_reply", map[string]any{
				"status": "aborted", "execution_count": s.count,
				"user_expressions": map[string]any{}, "payload": []any{},
			})
			s.publishStatus(msg, "idle")
		default:
			return
		}
	}
}

type executeContent struct {
	Code            string         `json:"code"`
	Silent          bool           `json:"silent"`
	StoreHistory    *bool          `json:"store_history"`
	UserExpressions map[string]any `json:"user_expressions"`
	AllowStdin      bool           `json:"allow_stdin"`
	StopOnError     *bool          `json:"stop_on_error"`
}

// execute runs one execute_request. When the cell failed and stop_on_error
// is set, it returns how many execute requests were queued before its reply
// went out: those are the ones to abort. A request the client sends after
// it has seen the error reply runs normally.
func (s *Server) execute(r *request) (abort int) {
	var c executeContent
	if err := r.decode(&c); err != nil {
		s.log.Printf("execute_request: bad content: %v", err)
		s.publishStatus(r.msg, "busy")
		r.reply(s, "execute_reply", map[string]any{
			"status": "error", "execution_count": s.count,
			"ename": "BadRequest", "evalue": "execute_request content: " + err.Error(),
			"traceback": []string{}, "user_expressions": map[string]any{}, "payload": []any{},
		})
		s.publishStatus(r.msg, "idle")
		return 0
	}
	store := !c.Silent && (c.StoreHistory == nil || *c.StoreHistory)
	stopOnError := c.StopOnError == nil || *c.StopOnError

	s.publishStatus(r.msg, "busy")
	defer s.publishStatus(r.msg, "idle")
	if store {
		s.count++
	}
	count := s.count
	if !c.Silent {
		s.publish(r.msg, "execute_input", map[string]any{"code": c.Code, "execution_count": count})
	}
	out := &iopubOutput{s: s, parent: r.msg, silent: c.Silent}
	res := s.cfg.Engine.Execute(s.ctx, ExecuteRequest{
		Code: c.Code, Count: count, Silent: c.Silent, StoreHistory: store,
	}, out)

	if store && s.cfg.History != nil {
		if err := s.cfg.History.Append(count, c.Code); err != nil {
			s.log.Printf("history: %v", err)
		}
	}
	if s.cfg.Assistant != nil && res.Status == "ok" {
		s.cfg.Assistant.AddCell(c.Code)
	}

	reply := map[string]any{
		"status":           res.Status,
		"execution_count":  count,
		"user_expressions": map[string]any{},
		"payload":          []any{},
	}
	if res.Payload != nil {
		reply["payload"] = res.Payload
	}
	switch res.Status {
	case "ok":
		if res.Data != nil && !c.Silent {
			md := res.Metadata
			if md == nil {
				md = map[string]any{}
			}
			s.publish(r.msg, "execute_result", map[string]any{
				"execution_count": count, "data": res.Data, "metadata": md,
			})
		}
	case "error":
		e := res.Error
		if e == nil {
			e = &ExecError{EName: "Error", EValue: "unknown error"}
		}
		if e.Traceback == nil {
			e.Traceback = []string{}
		}
		s.publish(r.msg, "error", e)
		reply["ename"], reply["evalue"], reply["traceback"] = e.EName, e.EValue, e.Traceback
	}
	if res.Status == "error" && stopOnError {
		// Like ipykernel's flush of the shell stream before it aborts:
		// give requests the client sent before this reply (still on their
		// way through the socket) a moment to reach the queue. A request
		// sent after the client has seen the reply can't be among them.
		time.Sleep(abortFlush)
		abort = len(s.execQueue)
	}
	r.reply(s, "execute_reply", reply)
	return abort
}

// iopubOutput publishes a cell's output with its request as parent.
type iopubOutput struct {
	s      *Server
	parent *wire.Message
	silent bool
}

func (o *iopubOutput) Stream(name, text string) {
	if text == "" {
		return
	}
	o.s.publish(o.parent, "stream", map[string]string{"name": name, "text": text})
}

func (o *iopubOutput) Display(data, metadata map[string]any, displayID string, update bool) {
	if metadata == nil {
		metadata = map[string]any{}
	}
	content := map[string]any{"data": data, "metadata": metadata, "transient": map[string]any{}}
	if displayID != "" {
		content["transient"] = map[string]any{"display_id": displayID}
	}
	t := "display_data"
	if update {
		t = "update_display_data"
	}
	o.s.publish(o.parent, t, content)
}

// Error publishes an error output while the cell runs (a goroutine
// panic); the cell's own result is reported separately.
func (o *iopubOutput) Error(e ExecError) {
	if e.Traceback == nil {
		e.Traceback = []string{}
	}
	o.s.publish(o.parent, "error", e)
}

func (o *iopubOutput) Clear(wait bool) {
	o.s.publish(o.parent, "clear_output", map[string]bool{"wait": wait})
}
