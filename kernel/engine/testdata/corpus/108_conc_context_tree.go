package main

import (
	"context"
	"fmt"
)

func main() {
	root, cancelRoot := context.WithCancel(context.Background())
	child, cancelChild := context.WithCancel(root)
	defer cancelChild()
	other, cancelOther := context.WithCancel(context.Background())
	defer cancelOther()
	cancelRoot()
	<-child.Done()
	fmt.Println(root.Err(), child.Err(), other.Err())
}
