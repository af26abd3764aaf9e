package main

import (
	"fmt"
	"sync"
)

type job struct{ id, n int }
type result struct{ id, sq int }

func main() {
	jobs := make(chan job)
	results := make(chan result)
	var wg sync.WaitGroup
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- result{j.id, j.n * j.n}
			}
		}()
	}
	go func() {
		for i := 0; i < 10; i++ {
			jobs <- job{i, i + 1}
		}
		close(jobs)
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	out := make([]int, 10)
	for r := range results {
		out[r.id] = r.sq
	}
	fmt.Println(out)
}
