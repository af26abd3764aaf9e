package rewrite

import "testing"

func TestRangeRewrites(t *testing.T) {
	testRewrites(t, []rewriteCase{
		{name: "int variable", in: `
func f(n int) {
	for i := range n {
		println(i)
	}
}`, want: `
func f(n int) {
	for _clI1, _clN2 := 0, n; _clI1 < _clN2; _clI1++ {
		i := _clI1
		println(i)
	}
}`},
		{name: "int constant without variables", in: `
func f() {
	for range 3 {
		println("x")
	}
}`, want: `
func f() {
	for _clI1, _clN2 := 0, 3; _clI1 < _clN2; _clI1++ {
		println("x")
	}
}`},
		{name: "named integer type and assignment", in: `
type Weekday int

func f(w Weekday) {
	var i Weekday
	for i = range w {
		println(i)
	}
	for j := range Weekday(2) {
		println(j)
	}
}`, want: `
type Weekday int

func f(w Weekday) {
	var i Weekday
	for _clI1, _clN2 := Weekday(0), w; _clI1 < _clN2; _clI1++ {
		i = _clI1
		println(i)
	}
	for _clI3, _clN4 := Weekday(0), Weekday(2); _clI3 < _clN4; _clI3++ {
		j := _clI3
		println(j)
	}
}`},
		{name: "slice of channels keeps labels", in: `
func f(cs []chan int) {
outer:
	for i, c := range cs {
		for j := range int64(3) {
			if j == 1 {
				continue outer
			}
			c <- i
		}
	}
}`, want: `
func f(cs []chan int) {
outer:
	for _clI3, _clS4 := 0, cs; _clI3 < len(_clS4); _clI3++ {
		i, c := _clI3, _clS4[_clI3]
		for _clI1, _clN2 := int64(0), int64(3); _clI1 < _clN2; _clI1++ {
			j := _clI1
			if j == 1 {
				continue outer
			}
			c <- i
		}
	}
}`},
		{name: "maps and slices unchanged", in: `
func f(m map[string]int, s []int) {
	for k, v := range m {
		println(k, v)
	}
	for i := range s {
		println(i)
	}
}`},
	})
}

func TestRangeRuns(t *testing.T) {
	testRuns(t, []runCase{
		{name: "integers", src: `package main

import "fmt"

type Weekday uint8

func main() {
	n := 3
	for i := range n {
		fmt.Print(i, " ")
		i = 10 // does not change the iteration
	}
	for range 2 {
		fmt.Print("x ")
	}
	var w Weekday
	for w = range Weekday(3) {
	}
	fmt.Printf("%d %T\n", w, w+0 == 2)
	var fs []func() int
	for i := range 3 {
		fs = append(fs, func() int { return i })
	}
	for _, f := range fs {
		fmt.Print(f())
	}
	fmt.Println()
}
`, want: "0 1 2 x x 2 bool\n012\n"},
		{name: "slice and array of channels", src: `package main

import "fmt"

func main() {
	cs := []chan int{make(chan int, 1), make(chan int, 1), make(chan int, 1)}
	for i, c := range cs {
		c <- i * 10
	}
	var arr [2]chan string
	for i := range arr {
		arr[i] = make(chan string, 1)
	}
	for _, c := range arr {
		c <- "hi"
	}
	sum := 0
	for _, c := range cs {
		sum += <-c
	}
	for _, c := range &arr {
		fmt.Print(<-c, " ")
	}
	fmt.Println(sum)
}
`, want: "hi hi 30\n"},
	})
}
