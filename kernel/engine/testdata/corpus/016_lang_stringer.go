package main

import "fmt"

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

type Pair struct{ A, B int }

func (p Pair) String() string { return fmt.Sprintf("<%d,%d>", p.A, p.B) }

func main() {
	fmt.Println(Celsius(21.5))
	fmt.Println(Pair{1, 2})
	fmt.Printf("%v %s\n", Pair{3, 4}, Celsius(-3))
}
