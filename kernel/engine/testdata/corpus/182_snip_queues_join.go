package main

import (
	"fmt"
	"sync/atomic"
	"time"

	"github.com/chanlab/chanlab/snippets/queues"
)

func main() {
	q := queues.New(0)
	var total atomic.Int64
	for range 3 {
		go func() {
			for {
				v, ok := q.Get()
				if !ok {
					return
				}
				total.Add(int64(v.(int)))
				q.TaskDone()
			}
		}()
	}
	for i := 1; i <= 10; i++ {
		q.Put(i)
	}
	q.Join()
	fmt.Println("all done:", total.Load())
	q.Close()
	_, err := queues.New(1).GetTimeout(5 * time.Millisecond)
	fmt.Println(err == queues.ErrEmpty)
}
