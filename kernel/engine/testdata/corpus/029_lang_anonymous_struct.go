package main

import "fmt"

func main() {
	rows := []struct {
		Name string
		N    int
	}{{"x", 1}, {"y", 2}}
	for _, r := range rows {
		fmt.Printf("%s=%d\n", r.Name, r.N)
	}
	pt := struct{ X, Y int }{3, 4}
	fmt.Println(pt.X + pt.Y)
}
