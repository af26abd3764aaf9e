package rt

import (
	"fmt"
	"reflect"
	"runtime"
)

// Case is one communication of a Select: a receive made by Recv or a send
// made by Send.
type Case struct {
	send bool
	ch   any
	val  any
}

// Recv returns a case receiving from ch, a channel value (nil channels are
// never ready, as in Go).
func Recv(ch any) Case { return Case{ch: ch} }

// Send returns a case sending on ch the value waiting in buf, a channel
// prepared by Buffer into which the interpreted code has already sent the
// value. Passing the value through a channel of the case's own element type
// lets the interpreter convert it exactly as Go would (untyped constants,
// nil, interface values of interpreted types), where passing it as an any
// would lose the static type.
func Send(ch, buf any) Case { return Case{send: true, ch: ch, val: buf} }

// Buffer replaces the channel variable *chp by a new channel of the same
// element type with a buffer of one, for the value of a send case.
func Buffer(chp any) {
	p := reflect.ValueOf(chp)
	if p.Kind() != reflect.Pointer || p.Elem().Kind() != reflect.Chan {
		panic(fmt.Sprintf("rt.Buffer: %T is not a pointer to a channel", chp))
	}
	p.Elem().Set(reflect.MakeChan(reflect.ChanOf(reflect.BothDir, p.Elem().Type().Elem()), 1))
}

// Select runs a select statement over cases, whose channels and send
// values have already been evaluated. It returns the index of the case that
// proceeded, or -1 if hasDefault and no case was ready. For a receive case
// recv and ok are the received value and whether it was a real send (false
// when the channel was closed); pass them to Deliver.
//
// With no ready case and no default, Select blocks; if the epoch is
// cancelled meanwhile (see Cancel) the goroutine stops with runtime.Goexit.
// Select panics, like Go, when a send case's channel is closed.
func Select(hasDefault bool, cases ...Case) (index int, recv reflect.Value, ok bool) {
	rc := make([]reflect.SelectCase, 0, len(cases)+1)
	for _, c := range cases {
		rc = append(rc, c.reflect())
	}
	if hasDefault {
		rc = append(rc, reflect.SelectCase{Dir: reflect.SelectDefault})
	} else {
		rc = append(rc, reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(done())})
	}
	i, v, ok := reflect.Select(rc)
	if i == len(cases) {
		if hasDefault {
			return -1, reflect.Value{}, false
		}
		runtime.Goexit()
	}
	return i, v, ok
}

// reflect converts c to a reflect.SelectCase, checking what Go's compiler
// would have checked.
func (c Case) reflect() reflect.SelectCase {
	ch := reflect.ValueOf(c.ch)
	if ch.Kind() != reflect.Chan {
		panic(fmt.Sprintf("rt.Select: %T is not a channel", c.ch))
	}
	if !c.send {
		return reflect.SelectCase{Dir: reflect.SelectRecv, Chan: ch}
	}
	buf := bidir(reflect.ValueOf(c.val))
	v, ok := buf.TryRecv()
	if !ok {
		panic("rt.Select: send case without a buffered value")
	}
	return reflect.SelectCase{Dir: reflect.SelectSend, Chan: ch, Send: v}
}

// bidir returns c as a bidirectional channel: Buffer made every buffer
// bidirectional, but the variable holding it may have a directional type.
func bidir(c reflect.Value) reflect.Value {
	if c.Kind() != reflect.Chan {
		panic(fmt.Sprintf("rt.Select: buffer %s is not a channel", c.Type()))
	}
	if c.Type().ChanDir() == reflect.BothDir {
		return c
	}
	p := reflect.New(c.Type())
	p.Elem().Set(c)
	return reflect.NewAt(reflect.ChanOf(reflect.BothDir, c.Type().Elem()), p.UnsafePointer()).Elem()
}

// Deliver makes the received value of a Select available to the original
// receive expression: chp points to a channel variable of the case's
// channel type, which Deliver replaces with a new channel holding recv
// (when ok) or closed (when !ok), so that the receive form written by the
// user (v := <-c, v, ok = <-c, <-c) yields exactly what Go would.
func Deliver(chp any, recv reflect.Value, ok bool) {
	p := reflect.ValueOf(chp)
	if p.Kind() != reflect.Pointer || p.Elem().Kind() != reflect.Chan {
		panic(fmt.Sprintf("rt.Deliver: %T is not a pointer to a channel", chp))
	}
	t := p.Elem().Type()
	c := reflect.MakeChan(reflect.ChanOf(reflect.BothDir, t.Elem()), 1)
	if ok {
		if recv.Type() != t.Elem() {
			recv = recv.Convert(t.Elem())
		}
		c.Send(recv)
	} else {
		c.Close()
	}
	p.Elem().Set(c)
}
