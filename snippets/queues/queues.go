// Package queues provides a blocking FIFO queue and a priority queue in the
// manner of Python's queue module, for goroutines that hand work to each
// other.
//
// In Go the usual tool is a channel, and the examples show the channel
// idiom beside each method. A [Queue] adds what a channel lacks: an
// unbounded capacity, a length that can be read, timeouts on Put and Get
// without a select, and the TaskDone/Join bookkeeping that lets a producer
// wait until every item has been processed, not just received.
//
// Closing a Queue is the counterpart of closing a channel: Get drains the
// remaining items and then reports that the queue is closed, and Put on a
// closed queue panics, as a send on a closed channel does.
package queues

import (
	"container/heap"
	"errors"
	"sync"
	"time"
)

// Errors returned by the methods with timeouts.
var (
	ErrEmpty  = errors.New("queues: queue is empty")
	ErrFull   = errors.New("queues: queue is full")
	ErrClosed = errors.New("queues: queue is closed")
)

// waiter is the condition-variable part shared by both queues: every
// change of state closes the current channel, waking everyone who waits on
// it, and replaces it. Unlike sync.Cond this works with timeouts.
type waiter struct {
	mu      sync.Mutex
	changed chan struct{}
}

// wait releases mu until the next change or the deadline and reports
// whether the deadline has passed. mu must be held. A zero deadline waits
// without limit.
func (w *waiter) wait(deadline time.Time) (expired bool) {
	if w.changed == nil {
		w.changed = make(chan struct{})
	}
	ch := w.changed
	w.mu.Unlock()
	defer w.mu.Lock()
	if deadline.IsZero() {
		<-ch
		return false
	}
	d := time.Until(deadline)
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ch:
		return false
	case <-t.C:
		return true
	}
}

// broadcast wakes every waiter. mu must be held.
func (w *waiter) broadcast() {
	if w.changed != nil {
		close(w.changed)
		w.changed = nil
	}
}

func deadlineAfter(d time.Duration) time.Time {
	if d <= 0 {
		return time.Now() // do not wait at all
	}
	return time.Now().Add(d)
}

// A Queue is a first-in, first-out queue safe for use by many goroutines,
// like Python's queue.Queue. The zero Queue is an open, unbounded queue
// ready to use.
type Queue struct {
	w          waiter
	items      []any
	capacity   int // 0 = unbounded
	unfinished int // items put but not yet marked done by TaskDone
	closed     bool
}

// New returns a queue holding at most capacity items; capacity 0 (or
// less) means no limit.
func New(capacity int) *Queue {
	if capacity < 0 {
		capacity = 0
	}
	return &Queue{capacity: capacity}
}

// Put adds v to the back of the queue, waiting while the queue is full.
// Put panics if the queue is closed, or is closed while Put waits, as a
// send on a closed channel does.
func (q *Queue) Put(v any) {
	q.w.mu.Lock()
	defer q.w.mu.Unlock()
	if err := q.put(v, time.Time{}); err != nil {
		panic(err)
	}
}

// PutTimeout adds v to the back of the queue, waiting at most d for room.
// It returns [ErrFull] if there was no room in time, and [ErrClosed] if
// the queue is closed. d <= 0 does not wait (Python's put_nowait).
func (q *Queue) PutTimeout(v any, d time.Duration) error {
	q.w.mu.Lock()
	defer q.w.mu.Unlock()
	return q.put(v, deadlineAfter(d))
}

func (q *Queue) put(v any, deadline time.Time) error {
	for expired := false; ; expired = q.w.wait(deadline) {
		if q.closed {
			return ErrClosed
		}
		if q.capacity == 0 || len(q.items) < q.capacity {
			break
		}
		if expired {
			return ErrFull
		}
	}
	q.items = append(q.items, v)
	q.unfinished++
	q.w.broadcast()
	return nil
}

// Get removes and returns the item at the front of the queue, waiting
// while the queue is empty. After [Queue.Close], Get keeps returning the
// remaining items and then returns (nil, false), like a receive from a
// closed channel.
func (q *Queue) Get() (any, bool) {
	q.w.mu.Lock()
	defer q.w.mu.Unlock()
	v, err := q.get(time.Time{})
	return v, err == nil
}

// GetTimeout removes and returns the item at the front of the queue,
// waiting at most d for one. It returns [ErrEmpty] if none came in time,
// and [ErrClosed] if the queue is closed and empty. d <= 0 does not wait
// (Python's get_nowait).
func (q *Queue) GetTimeout(d time.Duration) (any, error) {
	q.w.mu.Lock()
	defer q.w.mu.Unlock()
	return q.get(deadlineAfter(d))
}

func (q *Queue) get(deadline time.Time) (any, error) {
	for expired := false; len(q.items) == 0; expired = q.w.wait(deadline) {
		if q.closed {
			return nil, ErrClosed
		}
		if expired {
			return nil, ErrEmpty
		}
	}
	v := q.items[0]
	q.items[0] = nil
	q.items = q.items[1:]
	if len(q.items) == 0 {
		q.items = nil // let the backing array go
	}
	q.w.broadcast()
	return v, nil
}

// TaskDone tells the queue that one item taken with Get has been fully
// processed. [Queue.Join] returns when every item put has been marked done.
// TaskDone panics if called more times than items were put, as Python
// raises ValueError and sync.WaitGroup panics on a negative counter.
func (q *Queue) TaskDone() {
	q.w.mu.Lock()
	defer q.w.mu.Unlock()
	if q.unfinished <= 0 {
		panic("queues: TaskDone called more times than there were items")
	}
	q.unfinished--
	if q.unfinished == 0 {
		q.w.broadcast()
	}
}

// Join waits until every item put into the queue has been taken and
// marked done with [Queue.TaskDone]. It returns at once if nothing is
// outstanding. Closing the queue does not release Join: items still need
// their TaskDone.
func (q *Queue) Join() {
	q.w.mu.Lock()
	defer q.w.mu.Unlock()
	for q.unfinished > 0 {
		q.w.wait(time.Time{})
	}
}

// Close marks the queue closed: waiting and later Puts panic (PutTimeout
// returns [ErrClosed]); Gets return the items left and then report the
// queue closed. Closing a closed queue does nothing.
func (q *Queue) Close() {
	q.w.mu.Lock()
	defer q.w.mu.Unlock()
	q.closed = true
	q.w.broadcast()
}

// Len returns the number of items waiting in the queue. Other goroutines
// may change it at any moment, so it is a hint, like Python's qsize.
func (q *Queue) Len() int {
	q.w.mu.Lock()
	defer q.w.mu.Unlock()
	return len(q.items)
}

// Cap returns the queue's capacity, 0 for an unbounded queue.
func (q *Queue) Cap() int { return q.capacity }

// A PriorityQueue hands out items lowest priority number first, like
// Python's queue.PriorityQueue with (priority, item) tuples; items of equal
// priority come out in the order they were put. It is unbounded and safe
// for use by many goroutines. The zero PriorityQueue is ready to use.
type PriorityQueue struct {
	w      waiter
	h      prioHeap
	seq    uint64
	closed bool
}

// NewPriority returns an empty priority queue.
func NewPriority() *PriorityQueue { return &PriorityQueue{} }

// Put adds v with the given priority. It panics if the queue is closed.
func (q *PriorityQueue) Put(priority int, v any) {
	q.w.mu.Lock()
	defer q.w.mu.Unlock()
	if q.closed {
		panic(ErrClosed)
	}
	heap.Push(&q.h, prioItem{priority: priority, seq: q.seq, value: v})
	q.seq++
	q.w.broadcast()
}

// Get removes and returns the item with the lowest priority number,
// waiting while the queue is empty. After [PriorityQueue.Close] it returns
// the remaining items and then ok == false.
func (q *PriorityQueue) Get() (priority int, v any, ok bool) {
	q.w.mu.Lock()
	defer q.w.mu.Unlock()
	priority, v, err := q.get(time.Time{})
	return priority, v, err == nil
}

// GetTimeout is [PriorityQueue.Get] waiting at most d: it returns
// [ErrEmpty] if no item came in time and [ErrClosed] if the queue is closed
// and empty. d <= 0 does not wait.
func (q *PriorityQueue) GetTimeout(d time.Duration) (priority int, v any, err error) {
	q.w.mu.Lock()
	defer q.w.mu.Unlock()
	return q.get(deadlineAfter(d))
}

func (q *PriorityQueue) get(deadline time.Time) (int, any, error) {
	for expired := false; q.h.Len() == 0; expired = q.w.wait(deadline) {
		if q.closed {
			return 0, nil, ErrClosed
		}
		if expired {
			return 0, nil, ErrEmpty
		}
	}
	it := heap.Pop(&q.h).(prioItem)
	return it.priority, it.value, nil
}

// Close marks the queue closed: later Puts panic and Gets drain the
// remaining items. Closing a closed queue does nothing.
func (q *PriorityQueue) Close() {
	q.w.mu.Lock()
	defer q.w.mu.Unlock()
	q.closed = true
	q.w.broadcast()
}

// Len returns the number of items waiting.
func (q *PriorityQueue) Len() int {
	q.w.mu.Lock()
	defer q.w.mu.Unlock()
	return q.h.Len()
}

type prioItem struct {
	priority int
	seq      uint64
	value    any
}

// prioHeap implements heap.Interface, ordered by priority then arrival.
type prioHeap []prioItem

func (h prioHeap) Len() int { return len(h) }
func (h prioHeap) Less(i, j int) bool {
	if h[i].priority != h[j].priority {
		return h[i].priority < h[j].priority
	}
	return h[i].seq < h[j].seq
}
func (h prioHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *prioHeap) Push(x any)   { *h = append(*h, x.(prioItem)) }
func (h *prioHeap) Pop() any {
	old := *h
	it := old[len(old)-1]
	old[len(old)-1] = prioItem{}
	*h = old[:len(old)-1]
	return it
}
