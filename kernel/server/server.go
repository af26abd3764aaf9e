// Package server is the protocol side of the ChanLab kernel: it binds the
// five ZeroMQ sockets named in a connection file, verifies and decodes every
// incoming message, dispatches it to the handler for its msg_type (see
// handlers in dispatch.go) and publishes output on iopub.
//
// The server never runs user code: cells go to an Engine (in the kernel, the
// supervisor of a separate engine process), and completion, inspection and
// is_complete go to an Assistant, so they are answered while a cell runs.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/chanlab/chanlab/kernel/wire"
)

// Config holds what a Server is built from.
type Config struct {
	Conn      *ConnectionInfo
	Engine    Engine
	Assistant Assistant
	History   History
	// Info is the kernel_info_reply content.
	Info KernelInfo
	// Log receives diagnostics (dropped messages, socket errors). Defaults
	// to a logger on stderr.
	Log *log.Logger
}

// Server is a running kernel protocol endpoint.
type Server struct {
	cfg     Config
	signer  *wire.Signer
	log     *log.Logger
	session string

	shell, control, stdin, iopub, hb zmq4.Socket

	shellMu, controlMu, iopubMu sync.Mutex

	execQueue chan *wire.Message
	abortMu   sync.Mutex
	count     int // execution counter, owned by the exec loop

	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{}
	once   sync.Once
}

// New binds the sockets of cfg.Conn and returns a Server ready to Run.
func New(cfg Config) (*Server, error) {
	if cfg.Log == nil {
		cfg.Log = log.New(os.Stderr, "chanlab: ", log.LstdFlags)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{
		cfg:       cfg,
		signer:    wire.NewSigner([]byte(cfg.Conn.Key)),
		log:       cfg.Log,
		session:   wire.NewID(),
		execQueue: make(chan *wire.Message, 1024),
		ctx:       ctx,
		cancel:    cancel,
		done:      make(chan struct{}),
	}
	s.shell = zmq4.NewRouter(ctx, zmq4.WithID(zmq4.SocketIdentity("shell")))
	s.control = zmq4.NewRouter(ctx, zmq4.WithID(zmq4.SocketIdentity("control")))
	s.stdin = zmq4.NewRouter(ctx, zmq4.WithID(zmq4.SocketIdentity("stdin")))
	s.iopub = zmq4.NewPub(ctx)
	s.hb = zmq4.NewRep(ctx)
	binds := []struct {
		name string
		sock zmq4.Socket
		port int
	}{
		{"shell", s.shell, cfg.Conn.ShellPort},
		{"control", s.control, cfg.Conn.ControlPort},
		{"stdin", s.stdin, cfg.Conn.StdinPort},
		{"iopub", s.iopub, cfg.Conn.IOPubPort},
		{"heartbeat", s.hb, cfg.Conn.HBPort},
	}
	for _, b := range binds {
		if err := b.sock.Listen(cfg.Conn.endpoint(b.port)); err != nil {
			s.closeSockets()
			cancel()
			return nil, fmt.Errorf("bind %s socket on %s: %w", b.name, cfg.Conn.endpoint(b.port), err)
		}
	}
	return s, nil
}

func (s *Server) closeSockets() {
	for _, sock := range []zmq4.Socket{s.shell, s.control, s.stdin, s.iopub, s.hb} {
		if sock != nil {
			sock.Close()
		}
	}
}

// Run serves until a shutdown_request arrives or ctx ends. SIGINT is
// caught and treated as an interrupt, never as a reason to exit.
func (s *Server) Run(ctx context.Context) error {
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGINT)
	defer signal.Stop(sigs)

	go s.heartbeat()
	go s.recvLoop("shell", s.shell, s.handleShell)
	go s.recvLoop("control", s.control, s.handleControl)
	go s.execLoop()
	s.publishStatus(nil, "starting")

	for {
		select {
		case <-sigs:
			s.log.Print("SIGINT: interrupting the running cell")
			s.cfg.Engine.Interrupt()
		case <-ctx.Done():
			s.stop()
			return ctx.Err()
		case <-s.done:
			return nil
		}
	}
}

// linger is how long stop waits for queued iopub messages (the last idle
// status, shutdown_reply) to leave before the sockets close.
const linger = 30 * time.Millisecond

func (s *Server) stop() {
	s.once.Do(func() {
		s.cfg.Engine.Shutdown()
		time.Sleep(linger)
		s.cancel()
		s.closeSockets()
		close(s.done)
	})
}

func (s *Server) heartbeat() {
	for {
		msg, err := s.hb.Recv()
		if err != nil {
			if s.ctx.Err() == nil {
				s.log.Printf("heartbeat: %v", err)
			}
			return
		}
		if err := s.hb.Send(msg); err != nil && s.ctx.Err() == nil {
			s.log.Printf("heartbeat: %v", err)
		}
	}
}

// recvLoop reads messages from a ROUTER socket, drops the ones that do not
// decode or verify (logging why), and hands the rest to handle.
func (s *Server) recvLoop(name string, sock zmq4.Socket, handle func(*wire.Message)) {
	for {
		raw, err := sock.Recv()
		if err != nil {
			if s.ctx.Err() != nil {
				return
			}
			s.log.Printf("%s: receive: %v", name, err)
			if errors.Is(err, context.Canceled) {
				return
			}
			continue
		}
		msg, err := s.signer.Decode(raw.Frames)
		if err != nil {
			s.log.Printf("%s: dropped a message: %v", name, err)
			continue
		}
		handle(msg)
	}
}

// send signs and sends msg on sock.
func (s *Server) send(sock zmq4.Socket, mu *sync.Mutex, msg *wire.Message) {
	frames, err := s.signer.Encode(msg)
	if err != nil {
		s.log.Printf("encode %s: %v", msg.Header.MsgType, err)
		return
	}
	mu.Lock()
	defer mu.Unlock()
	if err := sock.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil && s.ctx.Err() == nil {
		s.log.Printf("send %s: %v", msg.Header.MsgType, err)
	}
}

// reply answers req on the socket it came from.
func (s *Server) reply(sock zmq4.Socket, mu *sync.Mutex, req *wire.Message, msgType string, content any) {
	msg, err := wire.Reply(req, msgType, content)
	if err != nil {
		s.log.Print(err)
		return
	}
	s.send(sock, mu, msg)
}

// publish sends a message on iopub with parent as its parent (nil for none).
func (s *Server) publish(parent *wire.Message, msgType string, content any) {
	c, err := json.Marshal(content)
	if err != nil {
		s.log.Printf("publish %s: %v", msgType, err)
		return
	}
	msg := &wire.Message{Content: c}
	if parent != nil {
		msg.Header = wire.NewHeader(msgType, parent.Header.Session)
		msg.ParentHeader = parent.RawHeader
	} else {
		msg.Header = wire.NewHeader(msgType, s.session)
	}
	msg.Identities = [][]byte{[]byte("kernel." + s.session + "." + msgType)}
	s.send(s.iopub, &s.iopubMu, msg)
}

func (s *Server) publishStatus(parent *wire.Message, state string) {
	s.publish(parent, "status", map[string]string{"execution_state": state})
}
