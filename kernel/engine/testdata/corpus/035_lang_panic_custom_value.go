package main

import (
	"errors"
	"fmt"
)

func mustPositive(n int) int {
	if n <= 0 {
		panic(errors.New("not positive"))
	}
	return n
}

func try(n int) (res string) {
	defer func() {
		if r := recover(); r != nil {
			res = fmt.Sprint("panic: ", r)
		}
	}()
	return fmt.Sprint(mustPositive(n))
}

func main() {
	fmt.Println(try(3))
	fmt.Println(try(-1))
}
