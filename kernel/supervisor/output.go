package supervisor

import (
	"sync"
	"time"
	"unicode/utf8"

	"github.com/chanlab/chanlab/kernel/server"
)

// Stream indexes for coalescer buffers.
const (
	stdout = iota
	stderr
)

var streamNames = [2]string{"stdout", "stderr"}

// coalescer gathers the worker's printed text into few stream messages:
// text is held for at most interval, or until size bytes are waiting, and
// always flushed before a display, a clear or a cell's reply, so that
// output keeps its order. Text from the two streams is flushed in the order
// it arrived: writing to one stream first flushes what the other holds.
//
// All output goes to the current sink: the running cell's Output, or the
// last cell's Output while no cell runs (text printed by goroutines after
// their cell finished belongs to the cell that started them, as far as the
// kernel can tell).
type coalescer struct {
	interval time.Duration
	size     int

	mu    sync.Mutex
	sink  server.Output
	muted bool
	buf   [2][]byte
	timer *time.Timer
}

func newCoalescer(interval time.Duration, size int) *coalescer {
	return &coalescer{interval: interval, size: size}
}

// setSink flushes what is held to the old sink and directs later output to
// out.
func (c *coalescer) setSink(out server.Output) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.flushLocked(true)
	c.sink = out
}

// setMuted drops (true) or resumes (false) text, displays and clears; the
// supervisor mutes the worker while it replays earlier cells.
func (c *coalescer) setMuted(m bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.flushLocked(true)
	c.muted = m
}

// write adds text printed on stream i.
func (c *coalescer) write(i int, p []byte) {
	if len(p) == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.muted {
		return
	}
	if other := 1 - i; len(c.buf[other]) > 0 {
		c.flushStream(other, true)
	}
	c.buf[i] = append(c.buf[i], p...)
	if len(c.buf[i]) >= c.size {
		c.flushStream(i, false)
		return
	}
	if c.timer == nil {
		c.timer = time.AfterFunc(c.interval, c.tick)
	}
}

func (c *coalescer) tick() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.timer = nil
	c.flushLocked(false)
}

// flush sends everything held, including a trailing partial UTF-8
// sequence.
func (c *coalescer) flush() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.flushLocked(true)
}

// with flushes held text and then calls f with the sink, unless muted; it
// keeps a display or clear in order with the text around it.
func (c *coalescer) with(f func(out server.Output)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.flushLocked(true)
	if !c.muted && c.sink != nil {
		f(c.sink)
	}
}

func (c *coalescer) flushLocked(all bool) {
	if c.timer != nil {
		c.timer.Stop()
		c.timer = nil
	}
	c.flushStream(stdout, all)
	c.flushStream(stderr, all)
}

// flushStream sends the text held for stream i. Unless all is set, an
// incomplete UTF-8 sequence at the end stays held for the next write, so
// a multi-byte character is never split across two messages.
func (c *coalescer) flushStream(i int, all bool) {
	b := c.buf[i]
	n := len(b)
	if !all {
		n = completeUTF8(b)
	}
	if n == 0 {
		return
	}
	if c.sink != nil {
		c.sink.Stream(streamNames[i], string(b[:n]))
	}
	c.buf[i] = append(b[:0:0], b[n:]...)
}

// completeUTF8 returns the length of b without a trailing incomplete UTF-8
// sequence.
func completeUTF8(b []byte) int {
	for k := 1; k <= utf8.UTFMax && k <= len(b); k++ {
		c := b[len(b)-k]
		if utf8.RuneStart(c) {
			if !utf8.FullRune(b[len(b)-k:]) {
				return len(b) - k
			}
			return len(b)
		}
	}
	return len(b)
}
