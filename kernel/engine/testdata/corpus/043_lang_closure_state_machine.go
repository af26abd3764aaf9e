package main

import "fmt"

type state func(r rune) state

func main() {
	digits, letters := 0, 0
	var start state
	start = func(r rune) state {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r >= 'a' && r <= 'z':
			letters++
		}
		return start
	}
	s := start
	for _, r := range "ab12c3" {
		s = s(r)
	}
	fmt.Println(digits, letters)
}
