package rewrite

import "testing"

func TestSelectRewrites(t *testing.T) {
	testRewrites(t, []rewriteCase{
		{name: "receive, send and default", in: `
func f(in <-chan int, out chan<- string, g, k int) {
	select {
	case v, ok := <-in:
		println(v, ok)
	case out <- name(g*1000 + k):
	default:
		println("idle")
	}
}

func name(n int) string { return "" }`, want: `
func f(in <-chan int, out chan<- string, g, k int) {
	{
		_clC3 := in

		_clC4 := out
		_clB5 := _clC4
		_clrt.Buffer(&_clB5)
		_clB5 <- name(g*1000 + k)
		switch _clI6, _clV1, _clOK2 := _clrt.Select(true, _clrt.Recv(_clC3), _clrt.Send(_clC4, _clB5)); _clI6 {
		case 0:
			_clrt.Deliver(&_clC3, _clV1, _clOK2)
			v, ok := <-_clC3
			println(v, ok)
		case 1:
		default:
			println("idle")
		}
	}
}

func name(n int) string { return "" }`},
		{name: "assignment, break to a label, return", in: `
func f(a, b chan int, done chan struct{}) (x int) {
loop:
	for {
		select {
		case x = <-a:
		case <-b:
			break loop
		case <-done:
			return
		}
	}
	return x
}`, want: `
func f(a, b chan int, done chan struct{}) (x int) {
loop:
	for {
		{
			_clC3 := a
			_clC4 := b

			_clC5 := done
			switch _clI6, _clV1, _clOK2 := _clrt.Select(false, _clrt.Recv(_clC3), _clrt.Recv(_clC4), _clrt.Recv(_clC5)); _clI6 {
			case 0:
				_clrt.Deliver(&_clC3, _clV1, _clOK2)
				x = <-_clC3
			case 1:
				break loop
			case 2:
				return
			}
		}
	}
	return x
}`},
		{name: "empty select", in: `
func f() {
	select {}
}`, want: `
func f() {
	_clrt.Select(false)
}`},
	})
}

func TestSelectRuns(t *testing.T) {
	testRuns(t, []runCase{
		{name: "evaluation order and values", src: `package main

import (
	"errors"
	"fmt"
	"time"
)

type msg struct {
	from string
	n    int
}

func trace(s string, v int) int {
	fmt.Print(s, " ")
	return v
}

func main() {
	chs := []chan int{make(chan int, 1), make(chan int, 1)}
	out := make(chan int, 1)
	for g := range 2 {
		for k := range 2 {
			select {
			case out <- g*1000 + k:
			}
			fmt.Print(<-out, " ")
		}
	}
	fmt.Println()
	select {
	case chs[trace("c0", 0)] <- trace("v0", 7):
	case chs[trace("c1", 1)] <- trace("v1", 8):
	}
	fmt.Println(len(chs[0]) + len(chs[1]))

	msgs := make(chan msg, 1)
	errs := make(chan error, 1)
	var nilc chan int
	msgs <- msg{"a", 1}
	select {
	case m := <-msgs:
		fmt.Printf("%v %d\n", m.from, m.n)
	case <-nilc:
		fmt.Println("nil channel ready?")
	}
	errs <- nil
	select {
	case err := <-errs:
		fmt.Println(err == nil)
	}
	errs <- errors.New("boom")
	var err error
	select {
	case err = <-errs:
	}
	fmt.Println(err)

	closed := make(chan msg)
	close(closed)
	select {
	case m, ok := <-closed:
		fmt.Println(m.from == "", m.n, ok)
	}
	select {
	case v := <-nilc:
		fmt.Println(v)
	default:
		fmt.Println("default")
	}
	var dir <-chan time.Time = time.After(time.Millisecond)
	select {
	case t := <-dir:
		fmt.Println(!t.IsZero())
	}
	ticks := 0
loop:
	for {
		select {
		case <-time.After(time.Millisecond):
			ticks++
			if ticks == 3 {
				break loop
			}
		}
	}
	fmt.Println("ticks", ticks)
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		c := make(chan int, 1)
		close(c)
		select {
		case c <- 1:
		}
	}()
}
`, want: "0 1 1000 1001 \nc0 v0 c1 v1 1\na 1\ntrue\nboom\ntrue 0 false\ndefault\ntrue\nticks 3\nrecovered: send on closed channel\n"},
	})
}
