package main

import (
	"fmt"
	"sync"
)

type job struct{ id int }

func (j job) String() string { return fmt.Sprintf("job#%d", j.id) }

func main() {
	out := make([]string, 3)
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Go(func() { out[i] = fmt.Sprint(job{i}) })
	}
	wg.Wait()
	fmt.Println(out)
}
