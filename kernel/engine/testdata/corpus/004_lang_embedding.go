package main

import "fmt"

type Animal struct{ Name string }

func (a Animal) Describe() string { return "I am " + a.Name }

type Dog struct {
	Animal
	Breed string
}

func (d Dog) Speak() string { return d.Name + " says woof" }

func main() {
	d := Dog{Animal{"Rex"}, "collie"}
	fmt.Println(d.Describe())
	fmt.Println(d.Speak())
	fmt.Println(d.Animal.Name, d.Breed)
}
