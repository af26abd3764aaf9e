package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/chanlab/chanlab/kernel/history"
	"github.com/chanlab/chanlab/kernel/kernelspec"
	"github.com/chanlab/chanlab/kernel/server"
	"github.com/chanlab/chanlab/kernel/supervisor"
)

// runKernel serves the connection file until a shutdown_request.
func runKernel(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("kernel", flag.ContinueOnError)
	fs.SetOutput(stderr)
	connFile := fs.String("connection-file", "", "Jupyter connection `file`")
	fs.StringVar(connFile, "f", "", "short for --connection-file")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *connFile == "" {
		fmt.Fprintln(stderr, "chanlab kernel: --connection-file is required")
		return 2
	}
	logger := log.New(stderr, "chanlab: ", log.LstdFlags)
	ci, err := server.ReadConnectionFile(*connFile)
	if err != nil {
		logger.Print(err)
		return 1
	}

	sup := supervisor.New(supervisor.Config{Log: logger})
	// Start the worker now, so the first cell does not wait for it; a
	// failure here is reported to the first cell instead.
	go func() {
		if err := sup.Start(); err != nil {
			logger.Printf("worker: %v", err)
		}
	}()

	engine := &magicEngine{Engine: sup}
	cfg := server.Config{Conn: ci, Engine: engine, Info: kernelInfo(), Log: logger}
	if h := openHistory(logger); h != nil {
		defer h.store.Close()
		cfg.History = h
		engine.magic.History = h.store
	}
	cfg.Assistant = newAssistant()

	srv, err := server.New(cfg)
	if err != nil {
		sup.Shutdown()
		logger.Print(err)
		return 1
	}
	if err := srv.Run(context.Background()); err != nil {
		logger.Print(err)
		return 1
	}
	return 0
}

// kernelInfo is the content of kernel_info_reply, less status and
// protocol version.
func kernelInfo() server.KernelInfo {
	goVersion := strings.TrimPrefix(runtime.Version(), "go")
	return server.KernelInfo{
		Implementation:        "chanlab",
		ImplementationVersion: version(),
		LanguageInfo: server.LanguageInfo{
			Name:              "go",
			Version:           goVersion,
			MIMEType:          "text/x-go",
			FileExtension:     ".go",
			PygmentsLexer:     "go",
			CodeMirrorMode:    "go",
			NBConvertExporter: "script",
		},
		Banner: fmt.Sprintf("ChanLab %s: Go %s, interpreted by yaegi, for learning concurrency", version(), goVersion),
		HelpLinks: []server.HelpLink{
			{Text: "Go documentation", URL: "https://go.dev/doc/"},
			{Text: "Go standard library", URL: "https://pkg.go.dev/std"},
			{Text: "The Go memory model", URL: "https://go.dev/ref/mem"},
			{Text: "Effective Go", URL: "https://go.dev/doc/effective_go"},
			{Text: "Go by Example", URL: "https://gobyexample.com/"},
			{Text: "yaegi interpreter", URL: "https://github.com/traefik/yaegi"},
		},
	}
}

// historyStore adapts history.Store to server.History.
type historyStore struct {
	store *history.Store
}

// openHistory opens the history file: $CHANLAB_HISTORY, else
// chanlab/history.jsonl in the Jupyter data directory ($JUPYTER_DATA_DIR,
// else ~/.local/share/jupyter on Linux). CHANLAB_HISTORY=off
// disables history. Failures are logged and leave history off.
func openHistory(logger *log.Logger) *historyStore {
	path := os.Getenv("CHANLAB_HISTORY")
	if path == "off" {
		return nil
	}
	if path == "" {
		kernels, err := kernelspec.UserDir()
		if err != nil {
			logger.Printf("history off: %v", err)
			return nil
		}
		// The Jupyter data directory, where the kernelspecs live too.
		path = filepath.Join(filepath.Dir(kernels), "chanlab", "history.jsonl")
	}
	st, err := history.Open(path)
	if err != nil {
		logger.Printf("history off: %v", err)
		return nil
	}
	if _, err := st.NewSession(); err != nil {
		logger.Printf("history off: %v", err)
		st.Close()
		return nil
	}
	return &historyStore{store: st}
}

func (h *historyStore) Append(line int, input string) error {
	return h.store.Append(0, line, input, "")
}

func (h *historyStore) Query(req server.HistoryRequest) ([]server.HistoryEntry, error) {
	entries, err := h.store.Query(history.Request{
		Output: req.Output, HistAccessType: req.HistAccessType, Session: req.Session,
		Start: req.Start, Stop: req.Stop, N: req.N, Pattern: req.Pattern, Unique: req.Unique,
	})
	out := make([]server.HistoryEntry, 0, len(entries))
	for _, e := range entries {
		he := server.HistoryEntry{Session: e.Session, Line: e.Line, Input: e.Input}
		if req.Output {
			o := e.Output
			he.Output = &o
		}
		out = append(out, he)
	}
	return out, err
}
