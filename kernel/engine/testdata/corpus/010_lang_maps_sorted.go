package main

import (
	"fmt"
	"sort"
)

func main() {
	ages := map[string]int{"bob": 31, "alice": 29, "carol": 35}
	ages["dave"] = 40
	delete(ages, "bob")
	keys := make([]string, 0, len(ages))
	for k := range ages {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Println(k, ages[k])
	}
	_, ok := ages["bob"]
	fmt.Println(len(ages), ok)
}
