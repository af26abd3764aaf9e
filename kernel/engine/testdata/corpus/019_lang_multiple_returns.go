package main

import (
	"fmt"
	"strconv"
)

func divmod(a, b int) (q, r int) {
	q = a / b
	r = a % b
	return
}

func main() {
	q, r := divmod(17, 5)
	fmt.Println(q, r)
	n, err := strconv.Atoi("42")
	fmt.Println(n, err)
	_, err = strconv.Atoi("x")
	fmt.Println(err)
}
