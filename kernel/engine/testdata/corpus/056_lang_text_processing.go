package main

import (
	"bufio"
	"fmt"
	"strings"
)

func main() {
	input := "alpha 1\nbeta 2\ngamma 3\n"
	sc := bufio.NewScanner(strings.NewReader(input))
	total := 0
	for sc.Scan() {
		var name string
		var n int
		fmt.Sscanf(sc.Text(), "%s %d", &name, &n)
		total += n
		fmt.Println(strings.ToUpper(name[:1])+name[1:], n)
	}
	fmt.Println("total", total)
}
