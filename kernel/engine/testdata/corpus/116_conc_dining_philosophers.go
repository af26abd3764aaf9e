package main

import (
	"fmt"
	"sync"
)

func main() {
	const n = 5
	forks := make([]sync.Mutex, n)
	meals := make([]int, n)
	var wg sync.WaitGroup
	for p := 0; p < n; p++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, b := p, (p+1)%n
			if a > b {
				a, b = b, a
			}
			for k := 0; k < 3; k++ {
				forks[a].Lock()
				forks[b].Lock()
				meals[p]++
				forks[b].Unlock()
				forks[a].Unlock()
			}
		}()
	}
	wg.Wait()
	fmt.Println(meals)
}
