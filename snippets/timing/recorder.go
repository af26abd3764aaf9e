package timing

import (
	"sort"
	"sync"
	"time"

	"github.com/chanlab/chanlab/snippets/chart"
	"github.com/chanlab/chanlab/snippets/display"
)

// A Recorder collects spans (chart.Span values): which lane did which piece of work, from when
// to when. Pools record their tasks into one (see pools.WithRecorder), and
// the spans draw a timeline that shows whether work really overlapped.
// A Recorder is safe for concurrent use. Times are relative to the moment
// [NewRecorder] (or [Recorder.Reset]) ran.
type Recorder struct {
	mu    sync.Mutex
	start time.Time
	spans []chart.Span
}

// NewRecorder returns an empty Recorder whose clock starts now.
func NewRecorder() *Recorder {
	return &Recorder{start: time.Now()}
}

// Record runs f and records it as a span on lane. If f panics, the span is
// still recorded (ending at the panic) and the panic continues.
func (r *Recorder) Record(lane, label string, f func()) {
	end := r.Begin(lane, label)
	defer end()
	f()
}

// Begin starts a span on lane and returns the function that ends it.
// Calling the returned function more than once records the span once.
func (r *Recorder) Begin(lane, label string) (end func()) {
	r.mu.Lock()
	base := r.start
	r.mu.Unlock()
	start := time.Since(base)
	var once sync.Once
	return func() {
		once.Do(func() {
			stop := time.Since(base)
			r.mu.Lock()
			defer r.mu.Unlock()
			if !r.start.Equal(base) {
				return // Reset ran in between; the span belongs to the old clock
			}
			r.spans = append(r.spans, chart.Span{Lane: lane, Label: label, Start: start, End: stop})
		})
	}
}

// Add records a finished span given by absolute times, for work timed
// elsewhere.
func (r *Recorder) Add(lane, label string, start, end time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.spans = append(r.spans, chart.Span{Lane: lane, Label: label, Start: start.Sub(r.start), End: end.Sub(r.start)})
}

// Reset forgets every span and restarts the clock.
func (r *Recorder) Reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.start = time.Now()
	r.spans = nil
}

// Spans returns the recorded spans ordered by start time.
func (r *Recorder) Spans() []chart.Span {
	r.mu.Lock()
	s := append([]chart.Span(nil), r.spans...)
	r.mu.Unlock()
	sort.SliceStable(s, func(i, j int) bool { return s[i].Start < s[j].Start })
	return s
}

// Lanes returns the distinct lanes in order of their first span.
func (r *Recorder) Lanes() []string {
	var lanes []string
	seen := map[string]bool{}
	for _, s := range r.Spans() {
		if !seen[s.Lane] {
			seen[s.Lane] = true
			lanes = append(lanes, s.Lane)
		}
	}
	return lanes
}

// Table returns the spans as a table: Lane | Label | Start | End.
func (r *Recorder) Table() display.Table {
	t := display.Table{Header: []string{"Lane", "Label", "Start", "End"}}
	for _, s := range r.Spans() {
		t.Rows = append(t.Rows, []string{s.Lane, s.Label, FormatDuration(s.Start), FormatDuration(s.End)})
	}
	return t
}

// Timeline returns a timeline chart of the spans: one row per lane.
func (r *Recorder) Timeline(title string) *chart.Chart {
	return chart.Timeline(title, r.Spans())
}

// String prints the spans as a text timeline.
func (r *Recorder) String() string { return r.Timeline("").String() }

// RenderMIME shows the timeline chart in a notebook.
func (r *Recorder) RenderMIME() display.MIME { return r.Timeline("").RenderMIME() }
