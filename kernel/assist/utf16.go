package assist

import "unicode/utf8"

// byteOffset converts a cursor in UTF-16 code units, as JupyterLab sends
// it, to a byte offset in s. Cursors past the end give len(s); a cursor in
// the middle of a surrogate pair gives the start of that character.
func byteOffset(s string, units int) int {
	u := 0
	for i, r := range s {
		if u >= units {
			return i
		}
		n := 1
		if r >= 0x10000 {
			n = 2
		}
		if u+n > units {
			return i
		}
		u += n
	}
	return len(s)
}

// unitOffset converts a byte offset in s to UTF-16 code units.
func unitOffset(s string, off int) int {
	if off > len(s) {
		off = len(s)
	}
	u := 0
	for i := 0; i < off; {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= 0x10000 {
			u += 2
		} else {
			u++
		}
		i += size
	}
	return u
}
