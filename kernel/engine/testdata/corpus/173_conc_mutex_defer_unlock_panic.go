package main

import (
	"fmt"
	"sync"
)

type Store struct {
	mu   sync.Mutex
	data map[string]int
}

func (s *Store) SafeGet(k string) (v int, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	if k == "" {
		panic("empty key")
	}
	return s.data[k], nil
}

func main() {
	s := &Store{data: map[string]int{"a": 1}}
	fmt.Println(s.SafeGet("a"))
	fmt.Println(s.SafeGet(""))
	fmt.Println(s.mu.TryLock())
}
