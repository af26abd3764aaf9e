package main

import (
	"fmt"

	"github.com/chanlab/chanlab/snippets/queues"
)

func main() {
	pq := queues.NewPriority()
	pq.Put(3, "low")
	pq.Put(1, "urgent")
	pq.Put(2, "normal")
	for pq.Len() > 0 {
		p, v, _ := pq.Get()
		fmt.Println(p, v)
	}
}
