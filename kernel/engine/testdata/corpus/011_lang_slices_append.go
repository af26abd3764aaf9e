package main

import "fmt"

func main() {
	var s []int
	for i := 0; i < 5; i++ {
		s = append(s, i*i)
	}
	fmt.Println(s, len(s))
	t := s[1:3]
	t[0] = 100
	fmt.Println(s, t)
	u := make([]int, 2, 10)
	copy(u, s)
	fmt.Println(u, len(u), cap(u))
}
