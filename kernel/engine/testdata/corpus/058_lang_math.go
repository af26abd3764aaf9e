package main

import (
	"fmt"
	"math"
)

func main() {
	fmt.Printf("%.4f %.4f %.4f\n", math.Sqrt(2), math.Pow(2, 0.5), math.Hypot(3, 4))
	fmt.Println(math.MaxInt8, math.Floor(-1.5), math.Ceil(1.2), math.Abs(-3))
	fmt.Println(math.Inf(1) > 1e308, math.IsNaN(math.NaN()))
}
