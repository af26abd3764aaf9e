package rewrite

import "testing"

func TestNameParamsRewrite(t *testing.T) {
	testRewrites(t, []rewriteCase{
		{"literal", `var f = func(int, string) (any, error) { return nil, nil }`,
			`var f = func(_ int, _ string) (any, error) { return nil, nil }`},
		{"declaration", `func h(int) {}`, `func h(_ int) {}`},
		{"named stay", `var f = func(a int, _ string) {}`, ""},
		{"types without bodies stay", `type F func(int) int
type I interface{ M(int) }`, ""},
	})
}

// Compiled code (strings.Map, a pool's Map) calling an interpreted literal
// with an unnamed parameter that declares a local variable.
func TestNameParamsRun(t *testing.T) {
	testRuns(t, []runCase{{"strings.Map", `package main

import (
	"fmt"
	"strings"
	"sync/atomic"
)

func main() {
	var n atomic.Int32
	s := strings.Map(func(rune) rune {
		k := n.Add(1)
		return 'a' + rune(k)
	}, "xyz")
	fmt.Println(s, n.Load())
}
`, "bcd 3\n"}})
	testSymbolRuns(t, []runCase{{"pool Map", `package main

import (
	"fmt"
	"sync/atomic"

	"github.com/chanlab/chanlab/snippets/pools"
)

func main() {
	p := pools.New(3)
	var cur, peak atomic.Int32
	_, err := p.Map(30, func(int) (any, error) {
		n := cur.Add(1)
		for {
			old := peak.Load()
			if n <= old || peak.CompareAndSwap(old, n) {
				break
			}
		}
		cur.Add(-1)
		return nil, nil
	})
	p.Shutdown()
	fmt.Println(err, peak.Load() <= 3)
}
`, "<nil> true\n"}})
}
