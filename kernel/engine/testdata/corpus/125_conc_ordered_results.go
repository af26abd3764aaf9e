package main

import (
	"fmt"
	"strings"
	"sync"
)

func main() {
	words := []string{"go", "chan", "select", "mutex", "wait"}
	out := make([]string, len(words))
	var wg sync.WaitGroup
	for i, w := range words {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = strings.ToUpper(w)
		}()
	}
	wg.Wait()
	fmt.Println(strings.Join(out, " "))
}
