package main

import (
	"errors"
	"fmt"
)

type timeoutErr struct{}

func (timeoutErr) Error() string   { return "timeout" }
func (timeoutErr) Is(t error) bool { return t == errTemporary }

var errTemporary = errors.New("temporary")

func main() {
	err := fmt.Errorf("call failed: %w", timeoutErr{})
	fmt.Println(err)
	fmt.Println(errors.Is(err, errTemporary))
}
