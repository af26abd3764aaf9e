// Package sync is ChanLab's interpreted sync: the compiled package's types
// and functions under their own names (through the table registered as
// chanlab.internal/sync), plus the generic OnceValue and OnceValues, which
// can't come from a compiled table. yaegi imports a package either from a
// table or from source, never both, so this one package carries both.
package sync

import csync "chanlab.internal/sync"

// The compiled types: aliases, so values are the real sync types.
type (
	Cond      = csync.Cond
	Locker    = csync.Locker
	Map       = csync.Map
	Mutex     = csync.Mutex
	Once      = csync.Once
	Pool      = csync.Pool
	RWMutex   = csync.RWMutex
	WaitGroup = csync.WaitGroup
)

// NewCond returns a new Cond with Locker l.
func NewCond(l Locker) *Cond { return csync.NewCond(l) }

// OnceFunc returns a function that calls f only once.
func OnceFunc(f func()) func() { return csync.OnceFunc(f) }

// OnceValue returns a function that calls f once and returns its value on
// every call. If f panics, every call panics with the same value.
func OnceValue[T any](f func() T) func() T {
	var (
		once   csync.Once
		value  T
		failed bool
		p      any
	)
	return func() T {
		once.Do(func() {
			failed = true
			defer func() {
				p = recover()
			}()
			value = f()
			failed = false
		})
		if failed {
			panic(p)
		}
		return value
	}
}

// OnceValues is OnceValue for a function with two results.
func OnceValues[T1, T2 any](f func() (T1, T2)) func() (T1, T2) {
	var (
		once   csync.Once
		v1     T1
		v2     T2
		failed bool
		p      any
	)
	return func() (T1, T2) {
		once.Do(func() {
			failed = true
			defer func() {
				p = recover()
			}()
			v1, v2 = f()
			failed = false
		})
		if failed {
			panic(p)
		}
		return v1, v2
	}
}
