package rt

import "fmt"

// Text stands in, for compiled fmt and log code, for a value of a type
// declared in a cell that has an Error or String method, which yaegi
// v0.16.0 hides from compiled code: the rewrite of print calls calls the
// method inside the interpreter and passes a Text holding its result S.
type Text struct {
	S string
}

// Error returns t.S.
func (t Text) Error() string { return t.S }

// String returns t.S.
func (t Text) String() string { return t.S }

// Format formats t.S with the verb and flags given, as fmt formats the
// result of an Error or String method for %v, %s, %q, %x and %X. Other
// verbs (and %#v) format the string too, where Go would format the
// original value's fields.
func (t Text) Format(f fmt.State, verb rune) {
	fmt.Fprintf(f, fmt.FormatString(f, verb), t.S)
}
