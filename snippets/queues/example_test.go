package queues_test

import (
	"fmt"
	"sync"
	"time"

	"github.com/chanlab/chanlab/snippets/queues"
)

// A producer puts items, a consumer takes them and marks each one done,
// and Join waits until every item has been processed, not just taken.
func ExampleQueue_Join() {
	q := queues.New(2)
	go func() {
		for {
			v, ok := q.Get()
			if !ok {
				return
			}
			fmt.Println("processing", v)
			q.TaskDone()
		}
	}()
	for i := 1; i <= 3; i++ {
		q.Put(i)
	}
	q.Join()
	q.Close()
	fmt.Println("all done")
	// Output:
	// processing 1
	// processing 2
	// processing 3
	// all done
}

// The channel idiom for the same job: the consumer ranges over the
// channel, and a WaitGroup (or a done channel) replaces Join.
func ExampleQueue_Join_channel() {
	ch := make(chan int, 2)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for v := range ch {
			fmt.Println("processing", v)
		}
	}()
	for i := 1; i <= 3; i++ {
		ch <- i
	}
	close(ch)
	wg.Wait()
	fmt.Println("all done")
	// Output:
	// processing 1
	// processing 2
	// processing 3
	// all done
}

// Close works like closing a channel: Get drains what is left and then
// reports ok == false.
func ExampleQueue_Close() {
	q := queues.New(0)
	q.Put("a")
	q.Put("b")
	q.Close()
	for {
		v, ok := q.Get()
		if !ok {
			break
		}
		fmt.Println(v)
	}
	// Output:
	// a
	// b
}

// The channel idiom: range stops after the last value of a closed channel.
func ExampleQueue_Close_channel() {
	ch := make(chan string, 2)
	ch <- "a"
	ch <- "b"
	close(ch)
	for v := range ch {
		fmt.Println(v)
	}
	// Output:
	// a
	// b
}

// GetTimeout gives up after a while, like Python's q.get(timeout=...).
func ExampleQueue_GetTimeout() {
	q := queues.New(0)
	_, err := q.GetTimeout(10 * time.Millisecond)
	fmt.Println(err)
	// Output: queues: queue is empty
}

// The channel idiom for a receive with a timeout is a select.
func ExampleQueue_GetTimeout_channel() {
	ch := make(chan any)
	select {
	case v := <-ch:
		fmt.Println(v)
	case <-time.After(10 * time.Millisecond):
		fmt.Println("timed out")
	}
	// Output: timed out
}

// PutTimeout with no time to wait is Python's put_nowait.
func ExampleQueue_PutTimeout() {
	q := queues.New(1)
	fmt.Println(q.PutTimeout("first", 0))
	fmt.Println(q.PutTimeout("second", 0))
	// Output:
	// <nil>
	// queues: queue is full
}

// The channel idiom for a send that must not block: select with default.
func ExampleQueue_PutTimeout_channel() {
	ch := make(chan string, 1)
	for _, v := range []string{"first", "second"} {
		select {
		case ch <- v:
			fmt.Println("sent", v)
		default:
			fmt.Println("full, dropped", v)
		}
	}
	// Output:
	// sent first
	// full, dropped second
}

// Lower priority numbers come out first; equal ones in arrival order.
func ExamplePriorityQueue() {
	q := queues.NewPriority()
	q.Put(2, "write report")
	q.Put(1, "fix outage")
	q.Put(3, "tidy desk")
	q.Put(1, "call customer")
	for q.Len() > 0 {
		p, v, _ := q.Get()
		fmt.Println(p, v)
	}
	// Output:
	// 1 fix outage
	// 1 call customer
	// 2 write report
	// 3 tidy desk
}

// The channel idiom for priorities: a select cannot prefer one case, so
// check the urgent channel first on its own.
func ExamplePriorityQueue_channel() {
	urgent := make(chan string, 2)
	normal := make(chan string, 2)
	normal <- "write report"
	urgent <- "fix outage"
	for i := 0; i < 2; i++ {
		select {
		case v := <-urgent:
			fmt.Println("urgent:", v)
			continue
		default:
		}
		select {
		case v := <-urgent:
			fmt.Println("urgent:", v)
		case v := <-normal:
			fmt.Println("normal:", v)
		}
	}
	// Output:
	// urgent: fix outage
	// normal: write report
}
