package display

import (
	"fmt"
	"html"
	"strings"
	"sync"
	"time"
)

// ProgressInterval is the least time between two updates of a
// [Progress] display: about four redraws a second, plus the final one.
const ProgressInterval = 250 * time.Millisecond

// A Progress is a live progress bar: it shows when created and redraws in
// place (through one display ID) as work is counted, at most every
// [ProgressInterval], and once more on [Progress.Done]. In a compiled
// program the text sink prints only the final state,
//
//	primes: 37/100 [#######.............]  37% 1.2s
//
// A Progress is safe for concurrent use: workers may call Add at once.
type Progress struct {
	mu       sync.Mutex
	title    string
	total    int
	n        int
	start    time.Time
	end      time.Time // when Done ran
	lastSent time.Time
	dirty    bool
	done     bool
	timer    stopper
	h        *Handle
	clk      clock
	interval time.Duration
}

// clock is the time source of a Progress; tests use a fake one.
type clock interface {
	Now() time.Time
	AfterFunc(d time.Duration, f func()) stopper
}

type stopper interface{ Stop() bool }

type realClock struct{}

func (realClock) Now() time.Time                              { return time.Now() }
func (realClock) AfterFunc(d time.Duration, f func()) stopper { return time.AfterFunc(d, f) }

// NewProgress shows a progress bar for total units of work (total <= 0
// means unknown: the count shows without a bar) and returns it.
func NewProgress(title string, total int) *Progress {
	return newProgress(title, total, realClock{}, ProgressInterval)
}

func newProgress(title string, total int, clk clock, interval time.Duration) *Progress {
	p := &Progress{title: title, total: total, clk: clk, interval: interval}
	p.start = clk.Now()
	p.lastSent = p.start
	p.h = &Handle{id: newID()}
	emit(Output{Data: p.bundle(), DisplayID: p.h.id, Interim: true})
	return p
}

// Add counts n more units of work done.
func (p *Progress) Add(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n += n
	p.changed()
}

// Set sets the count of units done to n.
func (p *Progress) Set(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n = n
	p.changed()
}

// Done stops the clock and draws the final state. Calls after the first,
// and Add or Set after Done, change nothing on screen.
func (p *Progress) Done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.done {
		return
	}
	p.done = true
	p.end = p.clk.Now()
	if p.timer != nil {
		p.timer.Stop()
		p.timer = nil
	}
	p.h.update(p.bundle(), false)
}

// Count returns the units of work counted so far.
func (p *Progress) Count() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.n
}

// String returns the bar as one line of text.
func (p *Progress) String() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.text()
}

// changed sends an update now if the last one is old enough, or else
// makes sure one is sent when the interval is up. p.mu is held.
func (p *Progress) changed() {
	if p.done {
		return
	}
	p.dirty = true
	wait := p.interval - p.clk.Now().Sub(p.lastSent)
	if wait <= 0 {
		p.send()
		return
	}
	if p.timer == nil {
		p.timer = p.clk.AfterFunc(wait, p.flush)
	}
}

// flush runs when the throttle interval is up.
func (p *Progress) flush() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.timer = nil
	if !p.done && p.dirty {
		p.send()
	}
}

func (p *Progress) send() {
	p.dirty = false
	p.lastSent = p.clk.Now()
	if p.timer != nil {
		p.timer.Stop()
		p.timer = nil
	}
	p.h.update(p.bundle(), true)
}

func (p *Progress) elapsed() time.Duration {
	if p.done {
		return p.end.Sub(p.start)
	}
	return p.clk.Now().Sub(p.start)
}

// fraction returns the share done, clamped to [0, 1], and whether the
// total is known.
func (p *Progress) fraction() (float64, bool) {
	if p.total <= 0 {
		return 0, false
	}
	f := float64(p.n) / float64(p.total)
	return min(max(f, 0), 1), true
}

const barWidth = 20

func (p *Progress) text() string {
	var b strings.Builder
	if p.title != "" {
		b.WriteString(p.title + ": ")
	}
	if f, ok := p.fraction(); ok {
		full := int(f*barWidth + 0.5)
		fmt.Fprintf(&b, "%d/%d [%s%s] %3.0f%% ", p.n, p.total,
			strings.Repeat("#", full), strings.Repeat(".", barWidth-full), f*100)
	} else {
		fmt.Fprintf(&b, "%d ", p.n)
	}
	b.WriteString(formatElapsed(p.elapsed()))
	return b.String()
}

func (p *Progress) html() string {
	color := "#4e79a7"
	if p.done {
		color = "#59a14f"
	}
	var b strings.Builder
	b.WriteString(`<div style="font-family:monospace;line-height:1.6">`)
	if p.title != "" {
		fmt.Fprintf(&b, "<span>%s</span> ", html.EscapeString(p.title))
	}
	count := fmt.Sprint(p.n)
	if f, ok := p.fraction(); ok {
		fmt.Fprintf(&b, `<span style="display:inline-block;width:16em;height:1em;vertical-align:middle;`+
			`background:#e6e6e6;border-radius:3px;overflow:hidden">`+
			`<span style="display:block;width:%.1f%%;height:100%%;background:%s"></span></span> `, f*100, color)
		count = fmt.Sprintf("%d/%d (%.0f%%)", p.n, p.total, f*100)
	}
	fmt.Fprintf(&b, "<span>%s %s</span></div>", count, formatElapsed(p.elapsed()))
	return b.String()
}

func (p *Progress) bundle() MIME {
	return MIME{"text/plain": p.text(), "text/html": p.html()}
}

// formatElapsed gives d to a tenth of a second under a minute, like
// "1.2s", and as "2m05s" above.
func formatElapsed(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%.1fs", d.Seconds())
	}
	d = d.Round(time.Second)
	return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
}
