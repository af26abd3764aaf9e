package adapter

import (
	"slices"
	"testing"

	"github.com/chanlab/chanlab/kernel/assist"
)

func TestAdapter(t *testing.T) {
	s := New(assist.New(assist.Options{}))
	s.AddCell("import \"sync\"\nvar wg sync.WaitGroup")
	c := s.Complete("wg.W", 4)
	if !slices.Equal(c.Matches, []string{"Wait"}) || c.CursorStart != 3 || c.CursorEnd != 4 {
		t.Errorf("Complete = %+v", c)
	}
	if st, _ := s.IsComplete("func f() {"); st != "incomplete" {
		t.Errorf("IsComplete = %q, want incomplete", st)
	}
	if _, found := s.Inspect("wg.Wait", 5, 0); !found {
		t.Errorf("Inspect found nothing")
	}
}
