package main

import (
	"fmt"
	"math/bits"
)

func main() {
	x := uint8(0b1011_0010)
	fmt.Printf("%08b %08b %08b\n", x, x>>2, x&^0b0011_0000)
	fmt.Println(bits.OnesCount8(x), bits.LeadingZeros8(x), bits.Len(255))
	fmt.Println(1<<10, 0xff, 0o17, 1_000_000)
}
