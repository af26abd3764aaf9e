package main

import (
	"fmt"
	"reflect"
)

type User struct {
	ID   int    `db:"id"`
	Name string `db:"name"`
}

func main() {
	t := reflect.TypeOf(User{})
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		fmt.Println(f.Name, f.Tag.Get("db"))
	}
	v := reflect.ValueOf(User{7, "ann"})
	fmt.Println(v.Field(0).Int(), v.Field(1).String())
}
