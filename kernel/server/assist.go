package server

// Assistant answers the requests that help while typing. It never runs
// user code and must not wait for a running cell.
type Assistant interface {
	// Complete returns completions at cursor (in UTF-16 code units).
	Complete(code string, cursor int) Completion
	// Inspect returns a MIME bundle describing the symbol at cursor.
	Inspect(code string, cursor, detailLevel int) (data map[string]any, found bool)
	// IsComplete reports "complete", "incomplete" (with an indent hint) or
	// "invalid".
	IsComplete(code string) (status, indent string)
	// AddCell records a cell that ran successfully.
	AddCell(code string)
}

// Completion is the content of a complete_reply, less its status.
type Completion struct {
	Matches     []string       `json:"matches"`
	CursorStart int            `json:"cursor_start"`
	CursorEnd   int            `json:"cursor_end"`
	Metadata    map[string]any `json:"metadata"`
}

// History stores executed cells across sessions.
type History interface {
	// Append records the input of cell number line of this session.
	Append(line int, input string) error
	// Query answers a history_request's content with its history list.
	Query(req HistoryRequest) ([]HistoryEntry, error)
}

// HistoryRequest is the content of a history_request.
type HistoryRequest struct {
	Output         bool   `json:"output"`
	Raw            bool   `json:"raw"`
	HistAccessType string `json:"hist_access_type"`
	Session        int    `json:"session"`
	Start          int    `json:"start"`
	Stop           int    `json:"stop"`
	N              int    `json:"n"`
	Pattern        string `json:"pattern"`
	Unique         bool   `json:"unique"`
}

// HistoryEntry is one (session, line, input) triple; Output is set only
// when the request asked for output.
type HistoryEntry struct {
	Session int
	Line    int
	Input   string
	Output  *string
}

func handleComplete(s *Server, r *request) {
	var c struct {
		Code      string `json:"code"`
		CursorPos int    `json:"cursor_pos"`
	}
	r.decode(&c)
	res := Completion{CursorStart: c.CursorPos, CursorEnd: c.CursorPos}
	if s.cfg.Assistant != nil {
		res = s.cfg.Assistant.Complete(c.Code, c.CursorPos)
	}
	if res.Matches == nil {
		res.Matches = []string{}
	}
	if res.Metadata == nil {
		res.Metadata = map[string]any{}
	}
	r.reply(s, "complete_reply", map[string]any{
		"status": "ok", "matches": res.Matches, "cursor_start": res.CursorStart,
		"cursor_end": res.CursorEnd, "metadata": res.Metadata,
	})
}

func handleInspect(s *Server, r *request) {
	var c struct {
		Code        string `json:"code"`
		CursorPos   int    `json:"cursor_pos"`
		DetailLevel int    `json:"detail_level"`
	}
	r.decode(&c)
	var data map[string]any
	found := false
	if s.cfg.Assistant != nil {
		data, found = s.cfg.Assistant.Inspect(c.Code, c.CursorPos, c.DetailLevel)
	}
	if data == nil {
		data = map[string]any{}
	}
	r.reply(s, "inspect_reply", map[string]any{
		"status": "ok", "found": found, "data": data, "metadata": map[string]any{},
	})
}

func handleIsComplete(s *Server, r *request) {
	var c struct {
		Code string `json:"code"`
	}
	r.decode(&c)
	status, indent := "unknown", ""
	if s.cfg.Assistant != nil {
		status, indent = s.cfg.Assistant.IsComplete(c.Code)
	}
	content := map[string]any{"status": status}
	if status == "incomplete" {
		content["indent"] = indent
	}
	r.reply(s, "is_complete_reply", content)
}

func handleHistory(s *Server, r *request) {
	var c HistoryRequest
	r.decode(&c)
	hist := [][]any{}
	if s.cfg.History != nil {
		entries, err := s.cfg.History.Query(c)
		if err != nil {
			s.log.Printf("history: %v", err)
		}
		for _, e := range entries {
			if c.Output {
				out := ""
				if e.Output != nil {
					out = *e.Output
				}
				hist = append(hist, []any{e.Session, e.Line, []any{e.Input, out}})
			} else {
				hist = append(hist, []any{e.Session, e.Line, e.Input})
			}
		}
	}
	r.reply(s, "history_reply", map[string]any{"status": "ok", "history": hist})
}
