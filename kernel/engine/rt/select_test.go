package rt

import (
	"fmt"
	"reflect"
	"sync"
	"testing"
)

func TestSelectReceiveDeliver(t *testing.T) {
	Reset()
	defer Reset()
	a, b := make(chan int, 1), make(chan string, 1)
	b <- "hi"
	i, v, ok := Select(false, Recv(a), Recv(b))
	if i != 1 || !ok {
		t.Fatalf("Select = %d, %v, %v", i, v, ok)
	}
	var dst <-chan string = b
	Deliver(&dst, v, ok)
	if got := <-dst; got != "hi" {
		t.Fatalf("delivered %q", got)
	}
	close(a)
	i, v, ok = Select(false, Recv(a))
	var da chan int = a
	Deliver(&da, v, ok)
	got, ok2 := <-da
	if i != 0 || ok || got != 0 || ok2 {
		t.Fatalf("closed channel: %d %v %v %v", i, got, ok, ok2)
	}
}

func TestSelectSendAndDefault(t *testing.T) {
	Reset()
	defer Reset()
	out := make(chan any, 1)
	var buf chan<- any = out
	Buffer(&buf)
	buf <- nil // an interface value, converted by the sender
	i, _, _ := Select(true, Send(out, buf))
	if i != 0 {
		t.Fatalf("Select = %d, want 0", i)
	}
	if v := <-out; v != nil {
		t.Fatalf("sent %v", v)
	}
	var nilc chan int
	if i, _, _ := Select(true, Recv(nilc)); i != -1 {
		t.Fatalf("nil channel selected: %d", i)
	}
	if i, _, _ := Select(true); i != -1 {
		t.Fatalf("empty select with default: %d", i)
	}
}

func TestSelectPanicsLikeGo(t *testing.T) {
	Reset()
	defer Reset()
	check := func(name, want string, f func()) {
		t.Helper()
		defer func() {
			if r := fmt.Sprint(recover()); r != want {
				t.Errorf("%s: panic %q, want %q", name, r, want)
			}
		}()
		f()
	}
	check("send on closed", "send on closed channel", func() {
		c := make(chan int)
		close(c)
		b := c
		Buffer(&b)
		b <- 1
		Select(false, Send(c, b))
	})
	check("not a channel", "rt.Select: int is not a channel", func() { Select(true, Recv(3)) })
	check("buffer of a non-pointer", "rt.Buffer: chan int is not a pointer to a channel", func() { Buffer(make(chan int)) })
}

// TestSelectManyGoroutines runs one select per goroutine concurrently, each
// on its own channels, and checks that every value reaches its goroutine.
func TestSelectManyGoroutines(t *testing.T) {
	Reset()
	defer Reset()
	const workers, per = 32, 200
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		in, out := make(chan int), make(chan int)
		wg.Add(2)
		go func() { // sender: select with a send case
			defer wg.Done()
			for k := 0; k < per; k++ {
				b := in
				Buffer(&b)
				b <- w*1000 + k
				Select(false, Send(in, b))
			}
			close(in)
		}()
		go func() { // receiver
			defer wg.Done()
			sum := 0
			for {
				i, v, ok := Select(false, Recv(out), Recv(in))
				if i != 1 {
					errs <- fmt.Errorf("worker %d: case %d", w, i)
					return
				}
				if !ok {
					break
				}
				if int(v.Int())/1000 != w {
					errs <- fmt.Errorf("worker %d got %d", w, v.Int())
				}
				sum += int(v.Int()) % 1000
			}
			if sum != per*(per-1)/2 {
				errs <- fmt.Errorf("worker %d: sum %d", w, sum)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestSymbols(t *testing.T) {
	syms := Symbols[ImportPath+"/rt"]
	for _, name := range []string{"Select", "Recv", "Send", "Buffer", "Deliver", "Sleep", "GoStart", "GoEnd", "Case"} {
		if v, ok := syms[name]; !ok || !v.IsValid() {
			t.Errorf("Symbols lacks %s", name)
		}
	}
	if syms["Select"].Type() != reflect.TypeOf(Select) {
		t.Error("Select symbol has the wrong type")
	}
}
