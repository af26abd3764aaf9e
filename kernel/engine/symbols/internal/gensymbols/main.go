// Command gensymbols regenerates the yaegi symbol tables of package
// symbols. Run it through go generate in kernel/engine/symbols.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"

	"github.com/chanlab/chanlab/kernel/engine/symbols/internal/gen"
)

func main() {
	out := flag.String("o", ".", "directory of package symbols (standard-library tables go to internal/stdlib under it)")
	onlySnippets := flag.Bool("snippets", false, "regenerate only the tables of the snippets packages (fast)")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("gensymbols: ")
	dir, err := os.Getwd()
	if err != nil {
		log.Fatal(err)
	}
	snip, err := gen.Snippets(dir)
	if err != nil {
		log.Fatal(err)
	}
	n := generate(dir, *out, "symbols", snip, gen.SnippetsFilePrefix)
	if !*onlySnippets {
		all, err := gen.Packages(dir)
		if err != nil {
			log.Fatal(err)
		}
		var std []string
		for _, p := range all {
			if !slices.Contains(snip, p) {
				std = append(std, p)
			}
		}
		n += generate(dir, filepath.Join(*out, "internal", "stdlib"), "stdlib", std, "")
	}
	fmt.Fprintf(os.Stderr, "gensymbols: %d packages\n", n)
}

// generate writes the tables of pkgs into outDir and returns how many it wrote.
func generate(dir, outDir, dest string, pkgs []string, prune string) int {
	skipped, err := gen.Generate(dir, outDir, dest, pkgs, prune)
	for _, e := range skipped {
		fmt.Fprintln(os.Stderr, "gensymbols: skipped:", e)
	}
	if err != nil {
		log.Fatal(err)
	}
	return len(pkgs) - len(skipped)
}
