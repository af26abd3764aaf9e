package rt

import (
	"errors"
	"fmt"
	"testing"
)

func TestTextFormats(t *testing.T) {
	x := Text{S: "custom"}
	got := fmt.Sprintf("%v|%s|%q|%x|%8s|%-8v|%d", x, x, x, x, x, x, 1)
	if want := `custom|custom|"custom"|637573746f6d|  custom|custom  |1`; got != want {
		t.Errorf("Sprintf = %s, want %s", got, want)
	}
	var err error = x
	if got := fmt.Sprint(err, " ", errors.Unwrap(err) == nil); got != "custom true" {
		t.Errorf("Sprint = %q", got)
	}
}
