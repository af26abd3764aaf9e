package main

import (
	"fmt"
	"sort"
	"sync"
)

type Broker struct {
	mu   sync.Mutex
	subs []chan string
}

func (b *Broker) Subscribe() <-chan string {
	b.mu.Lock()
	defer b.mu.Unlock()
	ch := make(chan string, 10)
	b.subs = append(b.subs, ch)
	return ch
}

func (b *Broker) Publish(msg string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, s := range b.subs {
		s <- msg
	}
}

func (b *Broker) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, s := range b.subs {
		close(s)
	}
}

func main() {
	var b Broker
	var wg sync.WaitGroup
	var mu sync.Mutex
	var got []string
	for i := 0; i < 3; i++ {
		ch := b.Subscribe()
		wg.Add(1)
		go func() {
			defer wg.Done()
			for m := range ch {
				mu.Lock()
				got = append(got, fmt.Sprintf("s%d:%s", i, m))
				mu.Unlock()
			}
		}()
	}
	b.Publish("hello")
	b.Publish("bye")
	b.Close()
	wg.Wait()
	sort.Strings(got)
	fmt.Println(got)
}
