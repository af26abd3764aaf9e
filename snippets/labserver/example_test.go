package labserver_test

import (
	"fmt"
	"io"
	"net/http"
	"sync"

	"github.com/chanlab/chanlab/snippets/labserver"
)

func Example() {
	s := labserver.MustStart()
	defer s.Close()

	resp, err := http.Get(s.URL + "/status/418")
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()
	fmt.Println(resp.Status)
	// Output: 418 I'm a teapot
}

// Fetch several pages at once, at most two at a time, and check with the
// server that the limit held.
func ExampleServer_MaxInFlight() {
	s := labserver.MustStart()
	defer s.Close()

	paths := []string{"/site/", "/site/about", "/site/contact", "/site/products", "/site/blog/"}
	sem := make(chan struct{}, 2) // a semaphore of two
	var wg sync.WaitGroup
	sizes := make([]int, len(paths))
	for i, p := range paths {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			resp, err := http.Get(s.URL + p)
			if err != nil {
				return
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			sizes[i] = len(b)
		}()
	}
	wg.Wait()
	fmt.Println("requests:", s.Requests(), "at most at once:", s.MaxInFlight() <= 2)
	// Output: requests: 5 at most at once: true
}
