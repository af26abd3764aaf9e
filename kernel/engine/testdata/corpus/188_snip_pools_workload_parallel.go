package main

import (
	"fmt"

	"github.com/chanlab/chanlab/snippets/pools"
	"github.com/chanlab/chanlab/snippets/workload"
)

func main() {
	p := pools.New(4)
	defer p.Shutdown()
	ranges := [][2]int{{0, 1000}, {1000, 2000}, {2000, 3000}, {3000, 4000}}
	out, err := p.Map(len(ranges), func(i int) (any, error) {
		return workload.CountPrimes(ranges[i][0], ranges[i][1]), nil
	})
	total := 0
	for _, v := range out {
		total += v.(int)
	}
	fmt.Println(out, total, err, workload.CountPrimes(0, 4000))
}
