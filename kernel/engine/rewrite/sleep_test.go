package rewrite

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/chanlab/chanlab/kernel/engine/rt"
)

func TestSleepRewrites(t *testing.T) {
	testRewrites(t, []rewriteCase{
		{name: "only time.Sleep", in: `
import "time"

func f(d int64) {
	time.Sleep(time.Duration(d))
	sleep := time.Sleep
	sleep(1)
	var t struct{ Sleep func(int) }
	t.Sleep(2)
}`, want: `
import "time"

func f(d int64) {
	_clrt.Sleep(time.Duration(d))
	sleep := _clrt.Sleep
	sleep(1)
	var t struct{ Sleep func(int) }
	t.Sleep(2)
}`},
		{name: "renamed import", in: `
import tm "time"

func f() {
	tm.Sleep(tm.Millisecond)
}`, want: `
import tm "time"

func f() {
	_clrt.Sleep(tm.Millisecond)
}`},
		{name: "a variable named time", in: `
type clock struct{}

func (clock) Sleep(n int) {}

func f() {
	var time clock
	time.Sleep(1)
}`},
	})
}

// TestInterruptStopsGoroutines starts goroutines blocked in time.Sleep, in
// a select and in select {}, then cancels the cell as the engine does
// (rt.Cancel, then the context of EvalWithContext) and checks that every
// goroutine has gone and that the interpreter still works.
func TestInterruptStopsGoroutines(t *testing.T) {
	rt.Reset()
	defer rt.Reset()
	src := rewriteSrc(t, `package main

import (
	"fmt"
	"time"
)

func run() {
	block := make(chan int)
	go func() {
		time.Sleep(time.Hour)
		fmt.Println("woke up")
	}()
	go func() {
		select {
		case <-block:
		case <-time.After(time.Hour):
		}
		fmt.Println("selected")
	}()
	go func() {
		select {}
	}()
	fmt.Println("started")
	time.Sleep(time.Hour)
	fmt.Println("main woke up")
}
`)
	var out lockedBuffer
	i := newInterp(t, &out)
	base := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	if _, err := i.Eval(src); err != nil {
		t.Fatal(err)
	}
	go func() {
		_, err := i.EvalWithContext(ctx, "run()")
		done <- err
	}()
	for rt.Running() < 3 {
		runtime.Gosched()
	}
	rt.Cancel()
	cancel()
	if err := <-done; err == nil {
		t.Fatal("EvalWithContext returned no error after cancel")
	}
	if n := rt.Running(); n != 0 {
		t.Errorf("Running() = %d after Cancel", n)
	}
	// Every goroutine of the cell ends: the three, the cell's own and the
	// one EvalWithContext ran it in.
	deadline := time.Now().Add(time.Minute)
	for runtime.NumGoroutine() > base && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > base {
		buf := make([]byte, 1<<20)
		t.Errorf("%d goroutines left over after the interrupt:\n%s", n-base, buf[:runtime.Stack(buf, true)])
	}
	if strings.Contains(out.String(), "woke") || strings.Contains(out.String(), "selected") {
		t.Errorf("a goroutine went on after the interrupt: %q", out.String())
	}
	// Sleeping works again in the next epoch, which SetCell begins.
	rt.SetCell(2)
	if _, err := i.Eval(rewriteSrc(t, "package main\nfunc nap() int { time.Sleep(time.Millisecond); return 1 }\n")); err != nil {
		t.Fatal(err)
	}
	if v, err := i.Eval("nap()"); err != nil || v.Int() != 1 {
		t.Fatalf("nap() = %v, %v", v, err)
	}
}
