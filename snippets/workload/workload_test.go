package workload

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/chanlab/chanlab/snippets/pools"
)

func TestFunctions(t *testing.T) {
	primes := []int{2, 3, 5, 7, 11, 13, 97, 7919}
	for _, p := range primes {
		if !IsPrime(p) {
			t.Errorf("IsPrime(%d) = false", p)
		}
	}
	for _, n := range []int{-7, 0, 1, 4, 9, 91, 7917} {
		if IsPrime(n) {
			t.Errorf("IsPrime(%d) = true", n)
		}
	}
	if got := CountPrimes(0, 100); got != 25 {
		t.Errorf("CountPrimes(0, 100) = %d", got)
	}
	if got := SumSquares(4); got != 0+1+4+9 {
		t.Errorf("SumSquares(4) = %d", got)
	}
	if got := Fib(20); got != 6765 {
		t.Errorf("Fib(20) = %d", got)
	}
	start := time.Now()
	if n := Spin(5 * time.Millisecond); n <= 0 || time.Since(start) < 5*time.Millisecond {
		t.Errorf("Spin returned %d after %v", n, time.Since(start))
	}
}

func TestChunks(t *testing.T) {
	parts := Chunks(0, 10, 3)
	want := [][2]int{{0, 4}, {4, 7}, {7, 10}}
	for i, p := range parts {
		if p.([2]int) != want[i] {
			t.Fatalf("Chunks = %v", parts)
		}
	}
	if len(Chunks(5, 5, 0)) != 1 {
		t.Fatal("n < 1")
	}
}

func TestTasksRegistered(t *testing.T) {
	names := map[string]bool{}
	for _, n := range pools.Tasks() {
		names[n] = true
	}
	for _, n := range []string{TaskIsPrime, TaskCountPrimes, TaskSumSquares, TaskFib, TaskSpin, TaskSleepIO} {
		if !names[n] {
			t.Errorf("task %s not registered", n)
		}
	}
	if _, err := durationArg(json.RawMessage(`"25ms"`)); err != nil {
		t.Error(err)
	}
	if d, err := durationArg(json.RawMessage(`1000`)); err != nil || d != time.Microsecond {
		t.Error(d, err)
	}
	if _, err := durationArg(json.RawMessage(`{}`)); err == nil {
		t.Error("object accepted as duration")
	}
}
