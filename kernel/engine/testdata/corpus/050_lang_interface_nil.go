package main

import "fmt"

type E struct{}

func (*E) Error() string { return "E" }

func mayFail(fail bool) error {
	if fail {
		return &E{}
	}
	return nil
}

func main() {
	fmt.Println(mayFail(false) == nil, mayFail(true) == nil)
	var i interface{}
	fmt.Println(i == nil)
	i = 0
	fmt.Println(i == nil, i)
}
