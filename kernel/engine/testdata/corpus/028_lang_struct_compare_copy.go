package main

import "fmt"

type Config struct {
	Name  string
	Ports []int
}

type Key struct{ A, B int }

func main() {
	c1 := Config{"a", []int{1}}
	c2 := c1
	c2.Name = "b"
	c2.Ports[0] = 9
	fmt.Println(c1.Name, c1.Ports, c2.Name)
	seen := map[Key]bool{{1, 2}: true}
	fmt.Println(seen[Key{1, 2}], seen[Key{2, 1}])
}
