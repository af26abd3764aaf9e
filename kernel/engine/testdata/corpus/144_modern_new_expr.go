package main

import "fmt"

type Options struct {
	Retries *int
	Name    *string
}

func main() {
	p := new(42)
	fmt.Println(*p)
	o := Options{Retries: new(3), Name: new("svc")}
	fmt.Println(*o.Retries, *o.Name)
	q := new(*p + 1)
	*q *= 2
	fmt.Println(*p, *q)
}
