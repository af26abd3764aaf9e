package main

import "fmt"

func trace(msg string) func() {
	fmt.Println("enter", msg)
	return func() { fmt.Println("exit", msg) }
}

func work() (n int) {
	defer trace("work")()
	defer func() { n *= 2 }()
	x := 1
	defer fmt.Println("x at defer:", x)
	x = 2
	return x + 1
}

func main() {
	fmt.Println(work())
}
