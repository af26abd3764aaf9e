// Package labserver runs a small HTTP server on the loopback interface, a
// local stand-in for httpbin.org and for a web site to crawl, so that the
// network examples of ChanLab's notebooks work offline and give the same
// answers every time.
//
// [Start] listens on 127.0.0.1 on a free port and serves in the
// background; [Server.URL] is the base address and [Server.Close] stops
// it, ending slow responses early and waiting for every handler to
// return, so no goroutine outlives it.
//
// Endpoints, in the manner of httpbin:
//
//	GET  /get              the request as JSON (args, headers, origin, url)
//	POST /post             the same plus the body (data, json)
//	GET  /headers, /ip, /user-agent
//	GET  /json, /html, /xml  fixed documents of each kind
//	GET  /uuid             a random UUID
//	GET  /delay/{seconds}  answers after the delay (at most 10 s; fractions allowed)
//	GET  /status/{code}    answers with that status code
//	GET  /bytes/{n}        n random bytes (at most 1 MiB; ?seed= makes them repeatable)
//	GET  /site/            a small linked web site for a crawler exercise
//
// The server counts requests and the largest number it served at once
// ([Server.Requests], [Server.MaxInFlight]), which shows whether a
// client's concurrency limit (a semaphore, a pool size) really held.
package labserver

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	mathrand "math/rand"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// MaxDelay is the longest delay /delay/{seconds} accepts.
const MaxDelay = 10 * time.Second

// A Server is a running lab server.
type Server struct {
	// URL is the base address, such as "http://127.0.0.1:38271", with no
	// trailing slash.
	URL string

	srv      *http.Server
	served   chan error
	done     chan struct{} // closed by Close: slow handlers stop waiting
	mu       sync.Mutex
	closed   bool
	handlers sync.WaitGroup

	requests, inFlight, peak atomic.Int64
}

// Start starts a server on 127.0.0.1 on a free port. It returns an error
// if it cannot listen.
func Start() (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("labserver: listen: %w", err)
	}
	s := &Server{
		URL:    "http://" + ln.Addr().String(),
		served: make(chan error, 1),
		done:   make(chan struct{}),
	}
	s.srv = &http.Server{Handler: s.track(s.routes()), ReadHeaderTimeout: 10 * time.Second}
	go func() { s.served <- s.srv.Serve(ln) }()
	return s, nil
}

// MustStart is [Start] that panics if the server cannot start, for
// notebook cells and examples.
func MustStart() *Server {
	s, err := Start()
	if err != nil {
		panic(err)
	}
	return s
}

// Close stops the server: it stops listening, closes every connection,
// ends pending delays at once, and waits until every handler has
// returned. Calling Close again does nothing.
func (s *Server) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	close(s.done)
	s.mu.Unlock()
	err := s.srv.Close()
	s.handlers.Wait()
	if serr := <-s.served; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	if err != nil {
		return fmt.Errorf("labserver: close: %w", err)
	}
	return nil
}

// Requests returns the number of requests served since the start or the
// last [Server.ResetStats].
func (s *Server) Requests() int64 { return s.requests.Load() }

// MaxInFlight returns the largest number of requests that were being
// served at the same moment since the start or the last
// [Server.ResetStats].
func (s *Server) MaxInFlight() int64 { return s.peak.Load() }

// ResetStats sets the request count and the in-flight peak to zero.
func (s *Server) ResetStats() {
	s.requests.Store(0)
	s.peak.Store(s.inFlight.Load())
}

// track counts requests and registers each handler so Close can wait.
func (s *Server) track(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			http.Error(w, "server closing", http.StatusServiceUnavailable)
			return
		}
		s.handlers.Add(1)
		s.mu.Unlock()
		defer s.handlers.Done()
		s.requests.Add(1)
		n := s.inFlight.Add(1)
		defer s.inFlight.Add(-1)
		for {
			p := s.peak.Load()
			if n <= p || s.peak.CompareAndSwap(p, n) {
				break
			}
		}
		h.ServeHTTP(w, r)
	})
}

func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /get", s.handleGet)
	mux.HandleFunc("POST /post", s.handlePost)
	mux.HandleFunc("GET /headers", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"headers": headers(r)})
	})
	mux.HandleFunc("GET /ip", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"origin": origin(r)})
	})
	mux.HandleFunc("GET /user-agent", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"user-agent": r.UserAgent()})
	})
	mux.HandleFunc("GET /json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, jsonDoc)
	})
	mux.HandleFunc("GET /html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, htmlDoc)
	})
	mux.HandleFunc("GET /xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		io.WriteString(w, xmlDoc)
	})
	mux.HandleFunc("GET /uuid", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"uuid": newUUID()})
	})
	mux.HandleFunc("GET /delay/{seconds}", s.handleDelay)
	mux.HandleFunc("/status/{code}", handleStatus)
	mux.HandleFunc("GET /bytes/{n}", handleBytes)
	mux.HandleFunc("GET /site/", s.handleSite)
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, indexDoc)
	})
	return mux
}

func (s *Server) handleGet(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.echo(r))
}

func (s *Server) echo(r *http.Request) map[string]any {
	args := map[string]any{}
	for k, v := range r.URL.Query() {
		if len(v) == 1 {
			args[k] = v[0]
		} else {
			args[k] = v
		}
	}
	return map[string]any{
		"args":    args,
		"headers": headers(r),
		"origin":  origin(r),
		"url":     s.URL + r.URL.RequestURI(),
	}
}

func (s *Server) handlePost(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		http.Error(w, "reading body: "+err.Error(), http.StatusBadRequest)
		return
	}
	out := s.echo(r)
	out["data"] = string(body)
	var js any
	if json.Unmarshal(body, &js) == nil {
		out["json"] = js
	} else {
		out["json"] = nil
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleDelay(w http.ResponseWriter, r *http.Request) {
	secs, err := strconv.ParseFloat(r.PathValue("seconds"), 64)
	if err != nil || secs < 0 {
		http.Error(w, "delay must be a number of seconds", http.StatusBadRequest)
		return
	}
	d := time.Duration(secs * float64(time.Second))
	if d > MaxDelay {
		d = MaxDelay
	}
	if !s.sleep(r.Context(), d) {
		return // client gone or server closing
	}
	out := s.echo(r)
	out["delay"] = d.Seconds()
	writeJSON(w, http.StatusOK, out)
}

// sleep waits for d, or until the request ends or the server closes; it
// reports whether the full time passed.
func (s *Server) sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	case <-s.done:
		return false
	}
}

func handleStatus(w http.ResponseWriter, r *http.Request) {
	code, err := strconv.Atoi(r.PathValue("code"))
	if err != nil || code < 100 || code > 599 {
		http.Error(w, "status code must be 100..599", http.StatusBadRequest)
		return
	}
	if code >= 300 && code < 400 {
		w.Header().Set("Location", "/get")
	}
	w.WriteHeader(code)
}

func handleBytes(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 0 {
		http.Error(w, "n must be a non-negative integer", http.StatusBadRequest)
		return
	}
	if n > 1<<20 {
		n = 1 << 20
	}
	b := make([]byte, n)
	if seed := r.URL.Query().Get("seed"); seed != "" {
		v, err := strconv.ParseInt(seed, 10, 64)
		if err != nil {
			http.Error(w, "seed must be an integer", http.StatusBadRequest)
			return
		}
		mathrand.New(mathrand.NewSource(v)).Read(b)
	} else {
		rand.Read(b)
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.Itoa(n))
	w.Write(b)
}

func headers(r *http.Request) map[string]string {
	h := map[string]string{"Host": r.Host}
	for k, v := range r.Header {
		if len(v) > 0 {
			h[k] = v[0]
		}
	}
	return h
}

func origin(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

func newUUID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
