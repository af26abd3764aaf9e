// Command gensymbols regenerates the yaegi symbol tables of package
// symbols. Run it through go generate in kernel/engine/symbols.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/chanlab/chanlab/kernel/engine/symbols/internal/gen"
)

func main() {
	out := flag.String("o", ".", "output directory (the symbols package)")
	onlySnippets := flag.Bool("snippets", false, "regenerate only the tables of the snippets packages (fast)")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("gensymbols: ")
	dir, err := os.Getwd()
	if err != nil {
		log.Fatal(err)
	}
	list, prune := gen.Packages, ""
	if *onlySnippets {
		list, prune = gen.Snippets, gen.SnippetsFilePrefix
	}
	pkgs, err := list(dir)
	if err != nil {
		log.Fatal(err)
	}
	skipped, err := gen.Generate(dir, *out, "symbols", pkgs, prune)
	for _, e := range skipped {
		fmt.Fprintln(os.Stderr, "gensymbols: skipped:", e)
	}
	if err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "gensymbols: %d packages\n", len(pkgs)-len(skipped))
}
