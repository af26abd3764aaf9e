package server

import "context"

// Engine runs cells. The kernel's Engine is the supervisor of the engine
// worker process; tests use fakes.
type Engine interface {
	// Execute runs one cell, sending its output to out as it happens, and
	// returns when the cell has finished and all its output has been sent.
	// Cancelling ctx does not interrupt the cell; Interrupt does.
	Execute(ctx context.Context, req ExecuteRequest, out Output) ExecuteResult
	// Interrupt stops the running cell, if any.
	Interrupt()
	// Shutdown stops the engine for good.
	Shutdown()
}

// ExecuteRequest is what the engine needs from an execute_request.
type ExecuteRequest struct {
	Code         string
	Count        int
	Silent       bool
	StoreHistory bool
}

// Output receives a cell's output while it runs.
type Output interface {
	// Stream sends text to "stdout" or "stderr".
	Stream(name, text string)
	// Display shows a MIME bundle (display_data), or updates an earlier one
	// (update_display_data) when update is set.
	Display(data, metadata map[string]any, displayID string, update bool)
	// Clear clears the cell's output (clear_output).
	Clear(wait bool)
}

// ErrorOutput is implemented by an Output that can show an error while a
// cell runs, such as a panic in a goroutine the cell started. Engines fall
// back to Stream("stderr", ...) for Outputs without it.
type ErrorOutput interface {
	Error(e ExecError)
}

// ExecuteResult is the outcome of a cell.
type ExecuteResult struct {
	// Status is "ok", "error" or "aborted".
	Status string
	// Data is the MIME bundle of the cell's value (execute_result), or nil.
	Data     map[string]any
	Metadata map[string]any
	// Error is set when Status is "error".
	Error *ExecError
	// Payload holds reply payloads such as set_next_input.
	Payload []map[string]any
}

// ExecError describes a failed cell.
type ExecError struct {
	EName     string   `json:"ename"`
	EValue    string   `json:"evalue"`
	Traceback []string `json:"traceback"`
}
