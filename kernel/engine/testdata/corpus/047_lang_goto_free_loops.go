package main

import "fmt"

func main() {
	i := 0
	for i < 3 {
		i++
	}
	fmt.Println(i)
	sum := 0
	for {
		sum += i
		i--
		if i == 0 {
			break
		}
	}
	fmt.Println(sum)
	for i, j := 0, 10; i < j; i, j = i+1, j-2 {
		fmt.Print(i, ":", j, " ")
	}
	fmt.Println()
}
