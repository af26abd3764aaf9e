package display_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/chanlab/chanlab/snippets/display"
)

// In a compiled program, displays print their text form.
func ExampleShow() {
	defer display.SetSink(display.SetSink(display.NewTextSink(os.Stdout)))

	display.Show(42)
	display.HTML("<p>Hello, <b>notebook</b></p>")
	display.Markdown("*Go* concurrency")
	// Output:
	// 42
	// Hello, notebook
	// *Go* concurrency
}

func ExampleTable() {
	t := display.Table{
		Title:  "Fetching 20 pages",
		Header: []string{"variant", "time", "speedup"},
		Note:   "loopback server, 100 ms delay per page",
	}
	t.AddRow("one by one", "2.04 s", "1.00x")
	t.AddRow("8 goroutines", "268 ms", "7.61x")
	fmt.Println(t)
	// Output:
	// Fetching 20 pages
	// variant         time  speedup
	// ------------  ------  -------
	// one by one    2.04 s    1.00x
	// 8 goroutines  268 ms    7.61x
	// loopback server, 100 ms delay per page
}

func ExampleNew() {
	rec := &display.RecordingSink{}
	defer display.SetSink(display.SetSink(rec))

	h := display.New("waiting...")
	h.Update("done")
	for _, o := range rec.Outputs() {
		fmt.Println(o.Data["text/plain"], o.Update, o.DisplayID == h.ID())
	}
	// Output:
	// waiting... false true
	// done true true
}

func ExampleNewProgress() {
	rec := &display.RecordingSink{}
	defer display.SetSink(display.SetSink(rec))

	p := display.NewProgress("primes", 50)
	for range 50 {
		p.Add(1)
	}
	p.Done()
	out := rec.Outputs()
	final := out[len(out)-1].Data["text/plain"].(string)
	fmt.Println(strings.Fields(final)[:4])
	// Output:
	// [primes: 50/50 [####################] 100%]
}
