package workload_test

import (
	"fmt"

	"github.com/chanlab/chanlab/snippets/workload"
)

func ExampleCountPrimes() {
	fmt.Println(workload.CountPrimes(0, 100))
	// Output: 25
}

func ExampleChunks() {
	fmt.Println(workload.Chunks(0, 100, 4))
	// Output: [[0 25] [25 50] [50 75] [75 100]]
}

func ExampleSumSquares() {
	fmt.Println(workload.SumSquares(1000000))
	// Output: 333332833333500000
}
