package main

import (
	"fmt"
	"strings"
)

func main() {
	var b strings.Builder
	for i := 0; i < 3; i++ {
		fmt.Fprintf(&b, "[%d]", i)
	}
	b.WriteString("!")
	fmt.Println(b.String())
	fmt.Println(strings.ToUpper("go"), strings.Repeat("ab", 3))
	fmt.Println(strings.Split("a,b,c", ","), strings.Fields("  x  y "))
	fmt.Println(strings.Contains("chanlab", "lab"), strings.Index("chanlab", "n"))
	fmt.Println(strings.TrimSpace("  pad  "), strings.ReplaceAll("a-b-c", "-", "+"))
}
