package main

import (
	"errors"
	"fmt"
)

type codeErr struct{ code int }

func (e codeErr) Error() string { return fmt.Sprintf("code %d", e.code) }

func main() {
	err := errors.Join(errors.New("plain"), codeErr{404})
	fmt.Println(err)
	var ce codeErr
	fmt.Println(errors.As(err, &ce), ce.code)
}
