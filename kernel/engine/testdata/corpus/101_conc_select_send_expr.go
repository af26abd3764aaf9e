package main

import "fmt"

func main() {
	out := make(chan int, 10)
	for g := 1; g <= 2; g++ {
		for k := 0; k < 3; k++ {
			select {
			case out <- g*1000 + k:
			default:
			}
		}
	}
	close(out)
	for v := range out {
		fmt.Print(v, " ")
	}
	fmt.Println()
}
