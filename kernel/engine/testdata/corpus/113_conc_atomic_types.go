package main

import (
	"fmt"
	"sync/atomic"
)

func main() {
	var i32 atomic.Int32
	var u64 atomic.Uint64
	var b atomic.Bool
	i32.Store(5)
	fmt.Println(i32.Add(3), i32.Swap(1), i32.Load())
	u64.Add(10)
	fmt.Println(u64.CompareAndSwap(10, 20), u64.Load())
	b.Store(true)
	fmt.Println(b.Load())
}
