package display

import (
	"crypto/rand"
	"encoding/hex"
)

// A Handle is a display that can be replaced in place: Jupyter's
// display_id. Create one with [New].
type Handle struct {
	id string
}

// New displays v like [Show] and returns a Handle to update it later.
// Each Handle has a new random display ID.
func New(v any) *Handle {
	h := &Handle{id: newID()}
	emit(Output{Data: Bundle(v), Metadata: MetadataOf(v), DisplayID: h.id})
	return h
}

// Update replaces what the handle's display shows with v, wherever in the
// notebook that display is (even in an earlier cell).
func (h *Handle) Update(v any) {
	emit(Output{Data: Bundle(v), Metadata: MetadataOf(v), DisplayID: h.id, Update: true})
}

func (h *Handle) update(m MIME, interim bool) {
	emit(Output{Data: m, DisplayID: h.id, Update: true, Interim: interim})
}

// ID returns the handle's display ID, 32 hexadecimal digits.
func (h *Handle) ID() string { return h.id }

func newID() string {
	var b [16]byte
	rand.Read(b[:]) // never fails (crypto/rand crashes the program instead)
	return hex.EncodeToString(b[:])
}
