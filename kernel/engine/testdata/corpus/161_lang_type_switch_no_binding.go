package main

import "fmt"

type Cat struct{}
type Dog struct{}

func kind(v any) string {
	switch v.(type) {
	case Cat:
		return "cat"
	case Dog:
		return "dog"
	case int, int64:
		return "integer"
	}
	return "unknown"
}

func main() {
	fmt.Println(kind(Cat{}), kind(Dog{}), kind(3), kind("x"))
}
