package main

import (
	"encoding/json"
	"fmt"
)

type Item struct {
	Name  string   `json:"name"`
	Price float64  `json:"price"`
	Tags  []string `json:"tags,omitempty"`
}

func main() {
	b, _ := json.Marshal(Item{"pen", 1.5, nil})
	fmt.Println(string(b))
	var it Item
	err := json.Unmarshal([]byte(`{"name":"cup","price":3,"tags":["a","b"]}`), &it)
	fmt.Println(err, it.Name, it.Price, it.Tags)
	var m map[string]any
	json.Unmarshal([]byte(`{"x":1,"y":[true,null]}`), &m)
	fmt.Println(m["x"], m["y"])
}
