//go:build ignore

// gen_logos writes logo-32x32.png and logo-64x64.png from kernelspec.Logo.
// Run it with go generate in kernel/kernelspec.
package main

import (
	"fmt"
	"image/png"
	"log"
	"os"

	"github.com/chanlab/chanlab/kernel/kernelspec"
)

func main() {
	for _, size := range []int{32, 64} {
		name := fmt.Sprintf("logo-%dx%d.png", size, size)
		f, err := os.Create(name)
		if err != nil {
			log.Fatal(err)
		}
		if err := png.Encode(f, kernelspec.Logo(size)); err != nil {
			log.Fatal(err)
		}
		if err := f.Close(); err != nil {
			log.Fatal(err)
		}
	}
}
