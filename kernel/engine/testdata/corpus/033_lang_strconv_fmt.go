package main

import (
	"fmt"
	"strconv"
)

func main() {
	fmt.Println(strconv.Itoa(255), strconv.FormatInt(255, 2), strconv.FormatInt(255, 16))
	f, _ := strconv.ParseFloat("3.25", 64)
	fmt.Println(f * 2)
	b, _ := strconv.ParseBool("true")
	fmt.Println(b, strconv.Quote("hi\n"))
	fmt.Printf("%5d|%-5s|%05.2f|%x|%t\n", 42, "ab", 3.14159, 255, true)
	fmt.Printf("%v %q %c %U\n", []string{"a"}, "q", 'G', 'G')
}
