// This file adds to and replaces parts of yaegi's interpreted slices
// package (from Go 1.22) with the Go 1.21-1.23 functions cells use most,
// in forms yaegi infers: slice types as []E, one type parameter, and no
// range-over-func inside.
package slices

// extOrdered is cmp.Ordered.
type extOrdered interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 |
		~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr |
		~float32 | ~float64 | ~string
}

// extCompare is cmp.Compare: NaNs sort first.
func extCompare[E extOrdered](a, b E) int {
	aNaN, bNaN := a != a, b != b
	switch {
	case aNaN && bNaN:
		return 0
	case aNaN || a < b:
		return -1
	case bNaN || a > b:
		return 1
	}
	return 0
}

// extZero sets every element of s to the zero value (yaegi has no clear).
func extZero[E any](s []E) {
	var zero E
	for i := range s {
		s[i] = zero
	}
}

// All returns an iterator over the indexes and values of s.
func All[E any](s []E) func(yield func(int, E) bool) {
	return func(yield func(int, E) bool) {
		for i, v := range s {
			if !yield(i, v) {
				return
			}
		}
	}
}

// Values returns an iterator over the values of s.
func Values[E any](s []E) func(yield func(E) bool) {
	return func(yield func(E) bool) {
		for _, v := range s {
			if !yield(v) {
				return
			}
		}
	}
}

// Backward returns an iterator over the indexes and values of s, last first.
func Backward[E any](s []E) func(yield func(int, E) bool) {
	return func(yield func(int, E) bool) {
		for i := len(s) - 1; i >= 0; i-- {
			if !yield(i, s[i]) {
				return
			}
		}
	}
}

// AppendSeq appends the values of seq to s.
func AppendSeq[E any](s []E, seq func(yield func(E) bool)) []E {
	seq(func(v E) bool {
		s = append(s, v)
		return true
	})
	return s
}

// Collect returns a new slice of the values of seq.
func Collect[E any](seq func(yield func(E) bool)) []E {
	var s []E
	seq(func(v E) bool {
		s = append(s, v)
		return true
	})
	return s
}

// Sorted collects the values of seq into a new sorted slice.
func Sorted[E extOrdered](seq func(yield func(E) bool)) []E {
	s := Collect[E](seq)
	Sort[E](s)
	return s
}

// SortedFunc collects the values of seq into a new slice sorted by cmp.
func SortedFunc[E any](seq func(yield func(E) bool), cmp func(E, E) int) []E {
	s := Collect[E](seq)
	extSort[E](s, cmp)
	return s
}

// SortedStableFunc is SortedFunc keeping equal elements in order.
func SortedStableFunc[E any](seq func(yield func(E) bool), cmp func(E, E) int) []E {
	return SortedFunc[E](seq, cmp)
}

// Chunk returns an iterator over consecutive sub-slices of s of up to n
// elements. It panics if n < 1.
func Chunk[E any](s []E, n int) func(yield func([]E) bool) {
	if n < 1 {
		panic("cannot be less than 1")
	}
	return func(yield func([]E) bool) {
		for i := 0; i < len(s); i += n {
			end := i + n
			if end > len(s) {
				end = len(s)
			}
			if !yield(s[i:end:end]) {
				return
			}
		}
	}
}

// extSort sorts s stably by cmp: insertion sort for short runs, then a
// bottom-up merge sort (no recursion).
func extSort[E any](s []E, cmp func(E, E) int) {
	n := len(s)
	const run = 12
	for lo := 0; lo < n; lo += run {
		hi := lo + run
		if hi > n {
			hi = n
		}
		for i := lo + 1; i < hi; i++ {
			for j := i; j > lo && cmp(s[j], s[j-1]) < 0; j-- {
				s[j], s[j-1] = s[j-1], s[j]
			}
		}
	}
	if n <= run {
		return
	}
	src, dst := s, make([]E, n)
	swapped := false
	for width := run; width < n; width *= 2 {
		for lo := 0; lo < n; lo += 2 * width {
			mid, hi := lo+width, lo+2*width
			if mid > n {
				mid = n
			}
			if hi > n {
				hi = n
			}
			i, j, k := lo, mid, lo
			for i < mid && j < hi {
				if cmp(src[j], src[i]) < 0 {
					dst[k] = src[j]
					j++
				} else {
					dst[k] = src[i]
					i++
				}
				k++
			}
			k += copy(dst[k:], src[i:mid])
			copy(dst[k:], src[j:hi])
		}
		src, dst = dst, src
		swapped = !swapped
	}
	if swapped {
		copy(s, src)
	}
}

// Sort sorts s in increasing order (NaNs first).
func Sort[E extOrdered](s []E) {
	extSort[E](s, extCompare[E])
}

// SortFunc sorts s by cmp (negative: a before b). This version is stable.
func SortFunc[E any](s []E, cmp func(a, b E) int) {
	extSort[E](s, cmp)
}

// SortStableFunc sorts s by cmp, keeping equal elements in order.
func SortStableFunc[E any](s []E, cmp func(a, b E) int) {
	extSort[E](s, cmp)
}

// IsSorted reports whether s is in increasing order.
func IsSorted[E extOrdered](s []E) bool {
	for i := 1; i < len(s); i++ {
		if extCompare[E](s[i], s[i-1]) < 0 {
			return false
		}
	}
	return true
}

// IsSortedFunc reports whether s is sorted by cmp.
func IsSortedFunc[E any](s []E, cmp func(a, b E) int) bool {
	for i := 1; i < len(s); i++ {
		if cmp(s[i], s[i-1]) < 0 {
			return false
		}
	}
	return true
}

// BinarySearch finds target in the sorted s: its index (or where it would
// be inserted) and whether it is there.
func BinarySearch[E extOrdered](s []E, target E) (int, bool) {
	lo, hi := 0, len(s)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if extCompare[E](s[m], target) < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo, lo < len(s) && extCompare[E](s[lo], target) == 0
}

// BinarySearchFunc is BinarySearch with cmp(element, target).
func BinarySearchFunc[E, T any](s []E, target T, cmp func(E, T) int) (int, bool) {
	lo, hi := 0, len(s)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if cmp(s[m], target) < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo, lo < len(s) && cmp(s[lo], target) == 0
}

// Min returns the smallest value of s; it panics if s is empty.
func Min[E extOrdered](s []E) E {
	if len(s) < 1 {
		panic("slices.Min: empty list")
	}
	m := s[0]
	for _, v := range s[1:] {
		if v != v {
			return v
		}
		if v < m {
			m = v
		}
	}
	return m
}

// Max returns the largest value of s; it panics if s is empty.
func Max[E extOrdered](s []E) E {
	if len(s) < 1 {
		panic("slices.Max: empty list")
	}
	m := s[0]
	for _, v := range s[1:] {
		if v != v {
			return v
		}
		if v > m {
			m = v
		}
	}
	return m
}

// MinFunc returns the first minimal value of s by cmp.
func MinFunc[E any](s []E, cmp func(a, b E) int) E {
	if len(s) < 1 {
		panic("slices.MinFunc: empty list")
	}
	m := s[0]
	for _, v := range s[1:] {
		if cmp(v, m) < 0 {
			m = v
		}
	}
	return m
}

// MaxFunc returns the first maximal value of s by cmp.
func MaxFunc[E any](s []E, cmp func(a, b E) int) E {
	if len(s) < 1 {
		panic("slices.MaxFunc: empty list")
	}
	m := s[0]
	for _, v := range s[1:] {
		if cmp(v, m) > 0 {
			m = v
		}
	}
	return m
}

// Equal reports whether s1 and s2 have the same length and elements.
func Equal[E comparable](s1, s2 []E) bool {
	if len(s1) != len(s2) {
		return false
	}
	for i := range s1 {
		if s1[i] != s2[i] {
			return false
		}
	}
	return true
}

// Compare compares s1 and s2 element by element, then by length.
func Compare[E extOrdered](s1, s2 []E) int {
	for i := 0; i < len(s1) && i < len(s2); i++ {
		if c := extCompare[E](s1[i], s2[i]); c != 0 {
			return c
		}
	}
	switch {
	case len(s1) < len(s2):
		return -1
	case len(s1) > len(s2):
		return 1
	}
	return 0
}

// Index returns the index of the first v in s, or -1.
func Index[E comparable](s []E, v E) int {
	for i := range s {
		if s[i] == v {
			return i
		}
	}
	return -1
}

// IndexFunc returns the index of the first element satisfying f, or -1.
func IndexFunc[E any](s []E, f func(E) bool) int {
	for i := range s {
		if f(s[i]) {
			return i
		}
	}
	return -1
}

// Contains reports whether v is in s.
func Contains[E comparable](s []E, v E) bool {
	return Index[E](s, v) >= 0
}

// ContainsFunc reports whether an element of s satisfies f.
func ContainsFunc[E any](s []E, f func(E) bool) bool {
	return IndexFunc[E](s, f) >= 0
}

// Clone returns a copy of s (nil for nil).
func Clone[E any](s []E) []E {
	if s == nil {
		return nil
	}
	return append([]E{}, s...)
}

// Compact replaces runs of equal elements by one copy.
func Compact[E comparable](s []E) []E {
	if len(s) < 2 {
		return s
	}
	out := s[:1]
	for _, v := range s[1:] {
		if v != out[len(out)-1] {
			out = append(out, v)
		}
	}
	extZero[E](s[len(out):])
	return out
}

// CompactFunc is Compact with eq deciding equality.
func CompactFunc[E any](s []E, eq func(E, E) bool) []E {
	if len(s) < 2 {
		return s
	}
	out := s[:1]
	for _, v := range s[1:] {
		if !eq(out[len(out)-1], v) {
			out = append(out, v)
		}
	}
	extZero[E](s[len(out):])
	return out
}

// Reverse reverses s in place.
func Reverse[E any](s []E) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}

// Repeat returns s repeated count times.
func Repeat[E any](s []E, count int) []E {
	if count < 0 {
		panic("cannot be negative")
	}
	out := make([]E, 0, len(s)*count)
	for i := 0; i < count; i++ {
		out = append(out, s...)
	}
	return out
}

// Insert inserts the values v at index i of s.
func Insert[E any](s []E, i int, v ...E) []E {
	_ = s[i:]
	out := make([]E, 0, len(s)+len(v))
	out = append(out, s[:i]...)
	out = append(out, v...)
	return append(out, s[i:]...)
}

// Concat returns a new slice of the given slices joined in order. yaegi
// can't infer E from the variadic argument alone: call Concat[int](a, b)
// (explicit type arguments always work).
func Concat[E any](ss ...[]E) []E {
	n := 0
	for _, s := range ss {
		n += len(s)
	}
	out := make([]E, 0, n)
	for _, s := range ss {
		out = append(out, s...)
	}
	return out
}

// Delete removes s[i:j] and zeroes the freed tail.
func Delete[E any](s []E, i, j int) []E {
	_ = s[i:j:len(s)]
	if i == j {
		return s
	}
	n := len(s)
	s = append(s[:i], s[j:]...)
	extZero[E](s[len(s):n])
	return s
}

// DeleteFunc removes the elements for which del returns true.
func DeleteFunc[E any](s []E, del func(E) bool) []E {
	out := s[:0]
	for _, v := range s {
		if !del(v) {
			out = append(out, v)
		}
	}
	extZero[E](s[len(out):])
	return out
}

// Grow makes room for n more elements without another allocation.
func Grow[E any](s []E, n int) []E {
	if n < 0 {
		panic("cannot be negative")
	}
	if n -= cap(s) - len(s); n > 0 {
		s = append(s[:cap(s)], make([]E, n)...)[:len(s)]
	}
	return s
}

// Clip removes the unused capacity of s.
func Clip[E any](s []E) []E {
	return s[:len(s):len(s)]
}
