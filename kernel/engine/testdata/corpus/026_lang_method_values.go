package main

import "fmt"

type Acc struct{ total int }

func (a *Acc) Add(n int) { a.total += n }

func apply(f func(int), xs []int) {
	for _, x := range xs {
		f(x)
	}
}

func main() {
	var a Acc
	apply(a.Add, []int{1, 2, 3, 4})
	fmt.Println(a.total)
	f := (*Acc).Add
	f(&a, 10)
	fmt.Println(a.total)
}
