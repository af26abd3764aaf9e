package display

import (
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is a clock whose time moves only when a test says so; timers
// fire inside Advance.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []*fakeTimer
}

type fakeTimer struct {
	clk     *fakeClock
	at      time.Time
	f       func()
	stopped bool
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) AfterFunc(d time.Duration, f func()) stopper {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &fakeTimer{clk: c, at: c.now.Add(d), f: f}
	c.timers = append(c.timers, t)
	return t
}

func (t *fakeTimer) Stop() bool {
	t.clk.mu.Lock()
	defer t.clk.mu.Unlock()
	was := !t.stopped
	t.stopped = true
	return was
}

// Advance moves the clock on by d and runs the timers that came due.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	var due []*fakeTimer
	kept := c.timers[:0]
	for _, t := range c.timers {
		switch {
		case t.stopped:
		case !t.at.After(c.now):
			t.stopped = true
			due = append(due, t)
		default:
			kept = append(kept, t)
		}
	}
	c.timers = kept
	c.mu.Unlock()
	for _, t := range due {
		t.f()
	}
}

func (c *fakeClock) pending() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, t := range c.timers {
		if !t.stopped {
			n++
		}
	}
	return n
}

func text(o Output) string { return o.Data["text/plain"].(string) }

func TestProgressThrottles(t *testing.T) {
	rec := record(t)
	clk := &fakeClock{now: time.Unix(1000, 0)}
	p := newProgress("primes", 100, clk, 250*time.Millisecond)

	out := rec.Outputs()
	if len(out) != 1 || out[0].Update || !out[0].Interim || out[0].DisplayID == "" {
		t.Fatalf("NewProgress sent %+v; want one interim display with an ID", out)
	}
	if got, want := text(out[0]), "primes: 0/100 [....................]   0% 0.0s"; got != want {
		t.Errorf("first text = %q, want %q", got, want)
	}
	id := out[0].DisplayID

	// A burst of work within the interval sends nothing at once...
	for range 10 {
		p.Add(1)
	}
	clk.Advance(100 * time.Millisecond)
	if n := len(rec.Outputs()); n != 1 {
		t.Fatalf("%d outputs after a burst inside the interval, want 1", n)
	}
	// ...but one update when the interval is up, with the latest count.
	clk.Advance(150 * time.Millisecond)
	out = rec.Outputs()
	if len(out) != 2 {
		t.Fatalf("%d outputs after the interval, want 2", len(out))
	}
	if o := out[1]; !o.Update || !o.Interim || o.DisplayID != id || !strings.Contains(text(o), "10/100") {
		t.Errorf("throttled update = %+v", o)
	}

	// With nothing new, the clock running on sends nothing.
	clk.Advance(time.Second)
	if n := len(rec.Outputs()); n != 2 {
		t.Fatalf("%d outputs with no new work, want 2", n)
	}
	// Work after a quiet spell shows at once.
	p.Set(37)
	out = rec.Outputs()
	if len(out) != 3 || text(out[2]) != "primes: 37/100 [#######.............]  37% 1.2s" {
		t.Fatalf("update after a quiet spell: %d outputs, last %q", len(out), text(out[len(out)-1]))
	}

	// Done sends the final state at once, cancels the pending timer, and is
	// the only output a text sink prints.
	p.Add(1)
	if clk.pending() != 1 {
		t.Fatalf("want one pending timer, have %d", clk.pending())
	}
	clk.Advance(50 * time.Millisecond)
	p.Done()
	out = rec.Outputs()
	last := out[len(out)-1]
	if len(out) != 4 || last.Interim || !last.Update || last.DisplayID != id {
		t.Fatalf("Done sent %+v (%d outputs)", last, len(out))
	}
	if got, want := text(last), "primes: 38/100 [########............]  38% 1.3s"; got != want {
		t.Errorf("final text = %q, want %q", got, want)
	}
	if clk.pending() != 0 {
		t.Errorf("Done left %d timers pending", clk.pending())
	}
	if h := last.Data["text/html"].(string); !strings.Contains(h, "38/100") || !strings.Contains(h, "width:38.0%") {
		t.Errorf("final HTML = %s", h)
	}

	// After Done nothing changes on screen, and the clock has stopped.
	p.Add(10)
	p.Done()
	clk.Advance(time.Minute)
	if n := len(rec.Outputs()); n != 4 {
		t.Errorf("%d outputs after Done, want 4", n)
	}
	if got := p.String(); !strings.HasSuffix(got, " 1.3s") {
		t.Errorf("String after Done = %q; the clock should stop at Done", got)
	}
}

func TestProgressUnknownTotal(t *testing.T) {
	rec := record(t)
	clk := &fakeClock{now: time.Unix(0, 0)}
	p := newProgress("pages", 0, clk, time.Second)
	p.Add(7)
	clk.Advance(65 * time.Second)
	p.Done()
	out := rec.Outputs()
	if got := text(out[len(out)-1]); got != "pages: 7 1m05s" {
		t.Errorf("unknown total text = %q", got)
	}
}

func TestProgressConcurrentAdd(t *testing.T) {
	rec := record(t)
	p := NewProgress("", 4000)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 1000 {
				p.Add(1)
			}
		})
	}
	wg.Wait()
	p.Done()
	if p.Count() != 4000 {
		t.Errorf("count = %d, want 4000", p.Count())
	}
	out := rec.Outputs()
	if last := text(out[len(out)-1]); !strings.HasPrefix(last, "4000/4000 [####################] 100% ") {
		t.Errorf("final text = %q", last)
	}
}

func TestProgressTextSinkPrintsFinalOnly(t *testing.T) {
	var buf strings.Builder
	prev := SetSink(NewTextSink(&buf))
	defer SetSink(prev)
	clk := &fakeClock{now: time.Unix(0, 0)}
	p := newProgress("load", 3, clk, 0)
	p.Add(1)
	p.Add(1)
	p.Add(1)
	p.Done()
	if got, want := buf.String(), "load: 3/3 [####################] 100% 0.0s\n"; got != want {
		t.Errorf("text sink printed %q, want %q", got, want)
	}
}
