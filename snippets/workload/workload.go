// Package workload provides compiled CPU-bound and I/O-bound functions for
// timing experiments, so that comparisons of sequential, concurrent and
// parallel code measure the concurrency and not the interpreter: a loop in
// a notebook cell runs about 100 times slower than the same loop compiled.
//
// The CPU-bound functions ([IsPrime], [CountPrimes], [SumSquares], [Fib],
// [Spin]) keep one core busy; the I/O-bound one ([SleepIO]) waits without
// using a core, like a network call. Importing the package also registers
// each function as a process-pool task of the same name (see
// pools.RegisterTask), so a pools.ProcessPool can run it in another
// process: Submit("CountPrimes", []int{lo, hi}).
package workload

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/chanlab/chanlab/snippets/pools"
)

// IsPrime reports whether n is prime, by trial division.
func IsPrime(n int) bool {
	if n < 2 {
		return false
	}
	if n%2 == 0 {
		return n == 2
	}
	for d := 3; d*d <= n; d += 2 {
		if n%d == 0 {
			return false
		}
	}
	return true
}

// CountPrimes returns how many primes p satisfy lo <= p < hi.
func CountPrimes(lo, hi int) int {
	count := 0
	for n := lo; n < hi; n++ {
		if IsPrime(n) {
			count++
		}
	}
	return count
}

// SumSquares returns the sum of i*i for 0 <= i < n, the "cpu_bound_task"
// of the Python chapters. It wraps around on overflow, as int arithmetic
// does.
func SumSquares(n int) int {
	sum := 0
	for i := 0; i < n; i++ {
		sum += i * i
	}
	return sum
}

// Fib returns the n-th Fibonacci number by naive recursion (exponential
// time: a classic CPU burner). Fib(0) = 0, Fib(1) = 1.
func Fib(n int) int {
	if n < 2 {
		return n
	}
	return Fib(n-1) + Fib(n-2)
}

// Spin keeps the CPU busy for d of wall-clock time and returns the number
// of loop iterations it made. Unlike [SleepIO] it occupies a core, so two
// Spins on a one-core budget (GOMAXPROCS(1)) take twice as long.
func Spin(d time.Duration) int {
	deadline := time.Now().Add(d)
	n, x := 0, 1
	for {
		for i := 0; i < 1000; i++ {
			x = x*1103515245 + 12345
		}
		n += 1000
		if !time.Now().Before(deadline) {
			break
		}
	}
	if x == 0 { // keep the loop from being optimised away
		n++
	}
	return n
}

// SleepIO waits for d without using the CPU, standing in for a network or
// disk call.
func SleepIO(d time.Duration) {
	time.Sleep(d)
}

// Chunks splits the range [lo, hi) into n nearly equal parts and returns
// them as [2]int{start, end} values in a []any, ready for
// ProcessPool.Map("CountPrimes", ...). n < 1 counts as 1.
func Chunks(lo, hi, n int) []any {
	if n < 1 {
		n = 1
	}
	parts := make([]any, 0, n)
	size, extra := (hi-lo)/n, (hi-lo)%n
	start := lo
	for i := 0; i < n; i++ {
		end := start + size
		if i < extra {
			end++
		}
		parts = append(parts, [2]int{start, end})
		start = end
	}
	return parts
}

// Process-pool task names, one per function.
const (
	TaskIsPrime     = "IsPrime"
	TaskCountPrimes = "CountPrimes"
	TaskSumSquares  = "SumSquares"
	TaskFib         = "Fib"
	TaskSpin        = "Spin"
	TaskSleepIO     = "SleepIO"
)

func init() {
	pools.RegisterTask(TaskIsPrime, func(arg json.RawMessage) (any, error) {
		n, err := intArg(arg)
		return IsPrime(n), err
	})
	pools.RegisterTask(TaskCountPrimes, func(arg json.RawMessage) (any, error) {
		var r [2]int
		if err := json.Unmarshal(arg, &r); err != nil {
			return nil, fmt.Errorf("workload: CountPrimes wants [lo, hi]: %w", err)
		}
		return CountPrimes(r[0], r[1]), nil
	})
	pools.RegisterTask(TaskSumSquares, func(arg json.RawMessage) (any, error) {
		n, err := intArg(arg)
		if err != nil {
			return nil, err
		}
		return SumSquares(n), nil
	})
	pools.RegisterTask(TaskFib, func(arg json.RawMessage) (any, error) {
		n, err := intArg(arg)
		if err != nil {
			return nil, err
		}
		return Fib(n), nil
	})
	pools.RegisterTask(TaskSpin, func(arg json.RawMessage) (any, error) {
		d, err := durationArg(arg)
		if err != nil {
			return nil, err
		}
		return Spin(d), nil
	})
	pools.RegisterTask(TaskSleepIO, func(arg json.RawMessage) (any, error) {
		d, err := durationArg(arg)
		if err != nil {
			return nil, err
		}
		SleepIO(d)
		return d.String(), nil
	})
}

func intArg(arg json.RawMessage) (int, error) {
	var n int
	if err := json.Unmarshal(arg, &n); err != nil {
		return 0, fmt.Errorf("workload: want an integer argument: %w", err)
	}
	return n, nil
}

// durationArg accepts a number of nanoseconds (a time.Duration encodes so)
// or a string such as "250ms".
func durationArg(arg json.RawMessage) (time.Duration, error) {
	var ns int64
	if err := json.Unmarshal(arg, &ns); err == nil {
		return time.Duration(ns), nil
	}
	var s string
	if err := json.Unmarshal(arg, &s); err != nil {
		return 0, fmt.Errorf("workload: want a duration (nanoseconds or \"250ms\"): %w", err)
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("workload: %w", err)
	}
	return d, nil
}
