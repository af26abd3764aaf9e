package main

import (
	"fmt"
	"sync"

	"github.com/chanlab/chanlab/snippets/queues"
)

func main() {
	q := queues.New(2)
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := range 5 {
			q.Put(i * i)
		}
		q.Close()
	})
	var got []any
	for {
		v, ok := q.Get()
		if !ok {
			break
		}
		got = append(got, v)
	}
	wg.Wait()
	fmt.Println(got, q.Len())
}
