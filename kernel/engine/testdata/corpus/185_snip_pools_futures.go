package main

import (
	"errors"
	"fmt"
	"sort"

	"github.com/chanlab/chanlab/snippets/pools"
)

func main() {
	p := pools.New(2)
	defer p.Shutdown()
	var futs []*pools.Future
	for i := range 5 {
		futs = append(futs, p.Submit(func() (any, error) {
			if i == 3 {
				return nil, errors.New("task 3 failed")
			}
			return i * 10, nil
		}))
	}
	var vals []int
	var errs []string
	for f := range pools.AsCompleted(futs) {
		v, err := f.Result()
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		vals = append(vals, v.(int))
	}
	sort.Ints(vals)
	fmt.Println(vals, errs)
}
