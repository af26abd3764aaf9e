package main

import "fmt"

func items() func(func(string) bool) {
	return func(yield func(string) bool) {
		for _, s := range []string{"a", "b", "c"} {
			if !yield(s) {
				return
			}
		}
	}
}

func process() (log []string) {
	defer func() { log = append(log, "end") }()
	for s := range items() {
		defer func() { log = append(log, "deferred "+s) }()
		log = append(log, "item "+s)
	}
	return log
}

func main() {
	fmt.Println(process())
}
