package main

import "fmt"

func main() {
	a := make(chan int, 5)
	b := make(chan int, 5)
	for i := range 5 {
		a <- i
		b <- i * 10
	}
	close(a)
	close(b)
	sumA, sumB := 0, 0
	for a != nil || b != nil {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				break
			}
			sumA += v
		case v, ok := <-b:
			if !ok {
				b = nil
				break
			}
			sumB += v
		}
	}
	fmt.Println(sumA, sumB)
}
