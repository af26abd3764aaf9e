package main

import (
	"errors"
	"fmt"
)

type NotFound struct{ Key string }

func (e NotFound) Error() string { return "not found: " + e.Key }

func main() {
	err := fmt.Errorf("lookup: %w", NotFound{"k1"})
	if nf, ok := errors.AsType[NotFound](err); ok {
		fmt.Println("key:", nf.Key)
	}
	_, ok := errors.AsType[NotFound](errors.New("other"))
	fmt.Println(ok)
}
