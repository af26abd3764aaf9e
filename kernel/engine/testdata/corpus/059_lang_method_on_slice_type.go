package main

import (
	"fmt"
	"strings"
)

type Path []string

func (p Path) String() string { return "/" + strings.Join(p, "/") }
func (p Path) Parent() Path   { return p[:len(p)-1] }

type IntList []int

func (l IntList) Sum() (s int) {
	for _, v := range l {
		s += v
	}
	return
}

func main() {
	p := Path{"usr", "local", "bin"}
	fmt.Println(p, p.Parent())
	fmt.Println(IntList{1, 2, 3}.Sum())
}
