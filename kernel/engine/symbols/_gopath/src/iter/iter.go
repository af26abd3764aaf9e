// Package iter is ChanLab's interpreted stand-in for the standard iter
// package: the Seq and Seq2 types and the Pull functions, written so the
// yaegi interpreter runs them (no range-over-func inside).
package iter

// Seq is an iterator over sequences of single values: it calls yield with
// each value in turn and stops early when yield returns false.
type Seq[V any] func(yield func(V) bool)

// Seq2 is an iterator over sequences of pairs of values.
type Seq2[K, V any] func(yield func(K, V) bool)

// pullMsg carries one value (or pair) from the iterator's goroutine to
// next: ok is false at the end, err holds a panic of the iterator. It is
// not generic: yaegi v0.16.0 fails to set fields of generic structs made
// inside generic functions.
type pullMsg struct {
	k, v any
	ok   bool
	err  any
}

// Pull turns the push-style iterator seq into a pull-style one: each call
// of next returns the next value and true, or the zero value and false at
// the end. stop ends the iteration early; calling it more than once is
// fine. The standard library uses coroutines; this version runs seq in a
// goroutine that waits for each request, which gives the same results.
// A panic in seq is re-raised in the caller of next.
func Pull[V any](seq func(yield func(V) bool)) (func() (V, bool), func()) {
	req := make(chan bool)
	resp := make(chan pullMsg)
	started, finished := false, false
	run := func() {
		defer func() {
			if r := recover(); r != nil {
				resp <- pullMsg{err: r}
				return
			}
			resp <- pullMsg{}
		}()
		if !<-req {
			return
		}
		seq(func(v V) bool {
			resp <- pullMsg{v: v, ok: true}
			more := <-req // (yaegi fails on "return <-req")
			return more
		})
	}
	next := func() (V, bool) {
		var zero V
		if finished {
			return zero, false
		}
		if !started {
			started = true
			go run()
		}
		req <- true
		m := <-resp
		if m.err != nil {
			finished = true
			panic(m.err)
		}
		if !m.ok {
			finished = true
		}
		if !m.ok {
			return zero, false
		}
		return m.v.(V), true
	}
	stop := func() {
		if finished {
			return
		}
		finished = true
		if started {
			req <- false
			m := <-resp
			if m.err != nil {
				panic(m.err)
			}
		}
	}
	return next, stop
}

// Pull2 is Pull for a Seq2.
//
// (Pull and Pull2 take the func types under Seq and Seq2: yaegi infers V
// from those, not from the named generic types.)
func Pull2[K, V any](seq func(yield func(K, V) bool)) (func() (K, V, bool), func()) {
	req := make(chan bool)
	resp := make(chan pullMsg)
	started, finished := false, false
	run := func() {
		defer func() {
			if r := recover(); r != nil {
				resp <- pullMsg{err: r}
				return
			}
			resp <- pullMsg{}
		}()
		if !<-req {
			return
		}
		seq(func(k K, v V) bool {
			resp <- pullMsg{k: k, v: v, ok: true}
			more := <-req // (yaegi fails on "return <-req")
			return more
		})
	}
	next := func() (K, V, bool) {
		var zk K
		var zv V
		if finished {
			return zk, zv, false
		}
		if !started {
			started = true
			go run()
		}
		req <- true
		m := <-resp
		if m.err != nil {
			finished = true
			panic(m.err)
		}
		if !m.ok {
			finished = true
		}
		if !m.ok {
			return zk, zv, false
		}
		return m.k.(K), m.v.(V), true
	}
	stop := func() {
		if finished {
			return
		}
		finished = true
		if started {
			req <- false
			m := <-resp
			if m.err != nil {
				panic(m.err)
			}
		}
	}
	return next, stop
}
