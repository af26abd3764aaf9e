package main

import (
	"bytes"
	"fmt"
)

func main() {
	b := []byte("hello")
	b[0] = 'H'
	fmt.Println(string(b))
	var buf bytes.Buffer
	buf.WriteString("abc")
	buf.WriteByte('-')
	buf.Write([]byte{'x', 'y'})
	fmt.Println(buf.String(), buf.Len())
	fmt.Println(bytes.Equal([]byte("a"), []byte("a")), bytes.ToUpper([]byte("up")))
}
