package main

import (
	"errors"
	"fmt"
)

func main() {
	base := errors.New("base")
	err := fmt.Errorf("wrapped: %w", base)
	u, ok := err.(interface{ Unwrap() error })
	fmt.Println(ok, ok && u.Unwrap() == base)
	joined := errors.Join(base, errors.New("other"))
	m, ok := joined.(interface{ Unwrap() []error })
	fmt.Println(ok, ok && len(m.Unwrap()) == 2)
}
