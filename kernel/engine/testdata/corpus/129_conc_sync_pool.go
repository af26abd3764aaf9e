package main

import (
	"bytes"
	"fmt"
	"sync"
)

func main() {
	pool := sync.Pool{New: func() any { return new(bytes.Buffer) }}
	var wg sync.WaitGroup
	out := make([]string, 4)
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := pool.Get().(*bytes.Buffer)
			buf.Reset()
			fmt.Fprintf(buf, "item-%d", i)
			out[i] = buf.String()
			pool.Put(buf)
		}()
	}
	wg.Wait()
	fmt.Println(out)
}
