// This file adds to yaegi's interpreted cmp package.
package cmp

// Or returns the first of its two arguments that is not the zero value.
// (The standard Or is variadic; yaegi can't infer variadic generics.)
func Or[T comparable](a, b T) T {
	var zero T
	if a != zero {
		return a
	}
	return b
}
