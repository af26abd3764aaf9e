package display

import "sync"

// A RecordingSink keeps every display request instead of showing it. Tests
// install one with SetSink to check what code displays:
//
//	rec := &display.RecordingSink{}
//	defer display.SetSink(display.SetSink(rec))
//
// A RecordingSink is safe for concurrent use.
type RecordingSink struct {
	mu      sync.Mutex
	outputs []Output
	clears  []bool
}

// Show records o.
func (r *RecordingSink) Show(o Output) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.outputs = append(r.outputs, o)
}

// Clear records a clear request.
func (r *RecordingSink) Clear(wait bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.clears = append(r.clears, wait)
}

// Outputs returns a copy of the outputs recorded so far, oldest first.
func (r *RecordingSink) Outputs() []Output {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Output(nil), r.outputs...)
}

// Clears returns the wait flags of the Clear calls recorded so far.
func (r *RecordingSink) Clears() []bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]bool(nil), r.clears...)
}

// Reset forgets everything recorded.
func (r *RecordingSink) Reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.outputs, r.clears = nil, nil
}
