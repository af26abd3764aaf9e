package queues_test

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chanlab/chanlab/snippets/queues"
)

func TestProducerConsumerJoin(t *testing.T) {
	q := queues.New(5)
	var processed atomic.Int64
	for w := 0; w < 3; w++ {
		go func() {
			for {
				v, ok := q.Get()
				if !ok {
					return
				}
				processed.Add(int64(v.(int)))
				q.TaskDone()
			}
		}()
	}
	var producers sync.WaitGroup
	for p := 0; p < 4; p++ {
		producers.Add(1)
		go func() {
			defer producers.Done()
			for i := 1; i <= 100; i++ {
				q.Put(i)
			}
		}()
	}
	producers.Wait()
	q.Join() // every item taken and marked done
	if got := processed.Load(); got != 4*5050 {
		t.Fatalf("processed %d, want %d", got, 4*5050)
	}
	if q.Len() != 0 {
		t.Fatalf("Len = %d after Join", q.Len())
	}
	q.Close()
}

func TestFIFOAndClose(t *testing.T) {
	var q queues.Queue // the zero Queue works
	for i := 0; i < 5; i++ {
		q.Put(i)
	}
	q.Close()
	q.Close()
	for i := 0; i < 5; i++ {
		v, ok := q.Get()
		if !ok || v != i {
			t.Fatalf("Get = %v, %v; want %d", v, ok, i)
		}
	}
	if v, ok := q.Get(); ok || v != nil {
		t.Fatalf("Get on closed, drained queue = %v, %v", v, ok)
	}
	if _, err := q.GetTimeout(time.Second); !errors.Is(err, queues.ErrClosed) {
		t.Fatalf("GetTimeout: %v", err)
	}
	if err := q.PutTimeout(1, 0); !errors.Is(err, queues.ErrClosed) {
		t.Fatalf("PutTimeout on closed: %v", err)
	}
	defer func() {
		if recover() == nil {
			t.Fatal("Put on a closed queue did not panic")
		}
	}()
	q.Put(1)
}

func TestCloseWakesBlockedGetters(t *testing.T) {
	q := queues.New(0)
	done := make(chan bool)
	for i := 0; i < 3; i++ {
		go func() { _, ok := q.Get(); done <- ok }()
	}
	q.Close()
	for i := 0; i < 3; i++ {
		if <-done {
			t.Fatal("blocked Get returned ok after Close")
		}
	}
}

func TestTimeouts(t *testing.T) {
	q := queues.New(1)
	if _, err := q.GetTimeout(0); !errors.Is(err, queues.ErrEmpty) {
		t.Fatalf("GetTimeout(0) on empty: %v", err)
	}
	if _, err := q.GetTimeout(10 * time.Millisecond); !errors.Is(err, queues.ErrEmpty) {
		t.Fatalf("GetTimeout on empty: %v", err)
	}
	if err := q.PutTimeout("a", 0); err != nil {
		t.Fatal(err)
	}
	if err := q.PutTimeout("b", 10*time.Millisecond); !errors.Is(err, queues.ErrFull) {
		t.Fatalf("PutTimeout on full: %v", err)
	}
	// A blocked Put proceeds when a Get makes room.
	put := make(chan struct{})
	go func() { q.Put("c"); close(put) }()
	if v, _ := q.Get(); v != "a" {
		t.Fatalf("got %v", v)
	}
	<-put
	if v, err := q.GetTimeout(time.Second); err != nil || v != "c" {
		t.Fatalf("got %v, %v", v, err)
	}
	if q.Cap() != 1 {
		t.Fatal(q.Cap())
	}
}

func TestTaskDoneTooManyPanics(t *testing.T) {
	q := queues.New(0)
	q.Put(1)
	q.Get()
	q.TaskDone()
	q.Join()
	defer func() {
		if recover() == nil {
			t.Fatal("extra TaskDone did not panic")
		}
	}()
	q.TaskDone()
}

func TestPriorityQueue(t *testing.T) {
	q := queues.NewPriority()
	q.Put(3, "low")
	q.Put(1, "urgent")
	q.Put(2, "normal-a")
	q.Put(2, "normal-b")
	want := []string{"urgent", "normal-a", "normal-b", "low"}
	for _, w := range want {
		_, v, ok := q.Get()
		if !ok || v != w {
			t.Fatalf("Get = %v, want %v", v, w)
		}
	}
	if _, _, err := q.GetTimeout(5 * time.Millisecond); !errors.Is(err, queues.ErrEmpty) {
		t.Fatalf("empty: %v", err)
	}
	got := make(chan any)
	go func() { _, v, _ := q.Get(); got <- v }()
	q.Put(0, "late")
	if v := <-got; v != "late" {
		t.Fatal(v)
	}
	q.Put(5, "x")
	q.Close()
	if _, v, ok := q.Get(); !ok || v != "x" || q.Len() != 0 {
		t.Fatal("drain after Close failed")
	}
	if _, _, ok := q.Get(); ok {
		t.Fatal("Get after drain returned ok")
	}
}

func BenchmarkQueue(b *testing.B) {
	q := queues.New(64)
	go func() {
		for i := 0; i < b.N; i++ {
			q.Put(i)
		}
	}()
	for i := 0; i < b.N; i++ {
		q.Get()
	}
}

func BenchmarkChannel(b *testing.B) {
	ch := make(chan any, 64)
	go func() {
		for i := 0; i < b.N; i++ {
			ch <- i
		}
	}()
	for i := 0; i < b.N; i++ {
		<-ch
	}
}

func BenchmarkQueueUnbounded(b *testing.B) {
	q := queues.New(0)
	go func() {
		for i := 0; i < b.N; i++ {
			q.Put(i)
		}
	}()
	for i := 0; i < b.N; i++ {
		q.Get()
	}
}

// One Put and one Get on a priority queue holding about 1000 items.
func BenchmarkPriorityQueue(b *testing.B) {
	q := queues.NewPriority()
	for i := 0; i < 1000; i++ {
		q.Put(i%100, i)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q.Put(i%100, i)
		q.Get()
	}
}
