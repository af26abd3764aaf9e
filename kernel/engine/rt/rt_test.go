package rt

import (
	"bytes"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestGoStartEndCountsAndReports(t *testing.T) {
	Reset()
	defer Reset()
	var got []Panic
	var mu sync.Mutex
	SetPanicHandler(func(p Panic) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, p)
	})
	SetCell(4)
	a, b := GoStart(), GoStart()
	if Running() != 2 || Started() != 2 {
		t.Fatalf("Running %d Started %d, want 2 2", Running(), Started())
	}
	GoEnd(a, nil, "cell:1")
	GoEnd(b, errors.New("boom"), "cell:2")
	if Running() != 0 || Panics() != 1 {
		t.Fatalf("Running %d Panics %d, want 0 1", Running(), Panics())
	}
	if len(got) != 1 || got[0].Cell != 4 || got[0].Where != "cell:2" || got[0].Value.(error).Error() != "boom" {
		t.Fatalf("reported %+v", got)
	}
	if s := got[0].String(); !strings.Contains(s, "panic: boom") || !strings.Contains(s, "cell:2") {
		t.Errorf("String() = %q", s)
	}
}

func TestCancelForgetsRunningGoroutines(t *testing.T) {
	Reset()
	defer Reset()
	old := GoStart()
	Cancel()
	if Running() != 0 {
		t.Fatalf("Running() = %d after Cancel", Running())
	}
	cur := GoStart()
	GoEnd(old, nil, "") // a goroutine of the old epoch ending late
	if Running() != 1 {
		t.Fatalf("Running() = %d, want 1 (the old epoch's end must not count)", Running())
	}
	GoEnd(cur, nil, "")
	if Running() != 0 {
		t.Fatalf("Running() = %d, want 0", Running())
	}
}

func TestPanicWithoutHandlerIsPrinted(t *testing.T) {
	Reset()
	defer Reset()
	var buf bytes.Buffer
	errOut = &buf
	defer func() { errOut = defaultErrOut }()
	GoEnd(GoStart(), "bad", "cell.go:9")
	if !strings.Contains(buf.String(), "panic: bad") || !strings.Contains(buf.String(), "cell.go:9") {
		t.Errorf("printed %q", buf.String())
	}
}

func TestSleep(t *testing.T) {
	Reset()
	defer Reset()
	Sleep(0)
	Sleep(-time.Second)
	start := time.Now()
	Sleep(time.Millisecond)
	if time.Since(start) < time.Millisecond {
		t.Error("Sleep returned early")
	}
}

// TestCancelStopsSleepAndSelect blocks goroutines in Sleep and in Select
// and checks that Cancel ends them with runtime.Goexit (their deferred
// calls run, the code after the call does not).
func TestCancelStopsSleepAndSelect(t *testing.T) {
	Reset()
	defer Reset()
	const n = 20
	var wg sync.WaitGroup
	var mu sync.Mutex
	returned := 0
	ready := make(chan bool, 2*n)
	for i := 0; i < n; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			ready <- true
			Sleep(time.Hour)
			mu.Lock()
			returned++
			mu.Unlock()
		}()
		go func() {
			defer wg.Done()
			ready <- true
			Select(false, Recv(make(chan int)))
			mu.Lock()
			returned++
			mu.Unlock()
		}()
	}
	for i := 0; i < 2*n; i++ {
		<-ready
	}
	// The goroutines may not have reached Sleep or Select yet; cancel
	// until all have gone (each Cancel ends those already blocked).
	stopped := make(chan bool)
	go func() { wg.Wait(); close(stopped) }()
	for {
		Cancel()
		select {
		case <-stopped:
			if returned != 0 {
				t.Fatalf("%d calls returned instead of stopping", returned)
			}
			return
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// TestCancelHoldsUntilSetCell checks that a goroutine reaching Sleep or
// Select after Cancel (it was about to block when the interrupt came)
// stops at once, and that SetCell lets them block again.
func TestCancelHoldsUntilSetCell(t *testing.T) {
	Reset()
	defer Reset()
	Cancel()
	for _, f := range []func(){
		func() { Sleep(time.Hour) },
		func() { Select(false) },
	} {
		done := make(chan bool)
		go func() {
			defer close(done)
			f()
			t.Error("returned instead of stopping")
		}()
		<-done
	}
	SetCell(2)
	if i, _, _ := Select(true); i != -1 {
		t.Fatalf("Select(default) = %d after SetCell", i)
	}
	Sleep(time.Microsecond)
}
