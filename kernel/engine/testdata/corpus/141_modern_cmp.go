package main

import (
	"cmp"
	"fmt"
)

func main() {
	fmt.Println(cmp.Compare(1, 2), cmp.Compare(2, 2), cmp.Compare("b", "a"))
	fmt.Println(cmp.Less(1.5, 2.5))
	fmt.Println(cmp.Or("", "default"), cmp.Or(0, 7))
}
