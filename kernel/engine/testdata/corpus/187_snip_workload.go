package main

import (
	"fmt"

	"github.com/chanlab/chanlab/snippets/workload"
)

func main() {
	fmt.Println(workload.IsPrime(97), workload.IsPrime(91))
	fmt.Println(workload.CountPrimes(0, 100))
	fmt.Println(workload.SumSquares(10), workload.Fib(20))
}
