package main

import "fmt"

type Temp float64

func (t Temp) F() float64 { return float64(t)*9/5 + 32 }

func main() {
	conv := Temp.F
	fmt.Println(conv(100))
	bound := Temp(0).F
	fmt.Println(bound())
}
