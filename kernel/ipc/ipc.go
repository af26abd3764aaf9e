// Package ipc is the small framed protocol between the kernel's protocol
// process and its engine worker process.
//
// Requests travel to the worker as JSON values on a dedicated pipe. Events
// travel back in-band on the worker's standard output, framed so that they
// can be told apart from whatever the cell prints:
//
//	0x00 0x1b 'C' 'L'  length (4 bytes, big-endian)  JSON
//
// Keeping events in the same byte stream as printed output means a display
// shown between two Println calls arrives between them. The worker's
// standard error carries only text and Sync frames, which mark how far it has
// been read when a cell finishes.
package ipc

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Magic starts every frame.
const Magic = "\x00\x1bCL"

// MaxFrame bounds a frame's payload (a PNG chart is well under this).
const MaxFrame = 256 << 20

// Request is a message from the protocol process to the worker.
type Request struct {
	// ID identifies the request; an "interrupt" carries the ID of the
	// execute request it stops, or 0 when no cell runs (the worker then
	// stops the goroutines earlier cells left running).
	ID int `json:"id"`
	// Op is "execute", "replay", "interrupt" or "shutdown".
	Op    string `json:"op"`
	Code  string `json:"code,omitempty"`
	Count int    `json:"count,omitempty"`
	// Cells are the sources replayed by "replay".
	Cells []string `json:"cells,omitempty"`
	// Counts, if set, are the execution counts of Cells, so that messages
	// about replayed code name the cells as the user saw them.
	Counts []int `json:"counts,omitempty"`
}

// Event is a message from the worker to the protocol process.
type Event struct {
	// Type is "ready", "display", "clear", "done", "panic" or "sync".
	Type string `json:"type"`
	// ID is the request an event answers ("done").
	ID int `json:"id,omitempty"`
	// Seq pairs a "done" event with the Sync frame on standard error.
	Seq int `json:"seq,omitempty"`

	Data      map[string]any `json:"data,omitempty"`
	Metadata  map[string]any `json:"metadata,omitempty"`
	DisplayID string         `json:"display_id,omitempty"`
	Update    bool           `json:"update,omitempty"`
	Wait      bool           `json:"wait,omitempty"`

	Result *Result `json:"result,omitempty"`
	// Cell is the cell a goroutine panic is attributed to ("panic").
	Cell int `json:"cell,omitempty"`
}

// Result is the outcome of an execute or replay request.
type Result struct {
	Status    string           `json:"status"`
	Data      map[string]any   `json:"data,omitempty"`
	Metadata  map[string]any   `json:"metadata,omitempty"`
	EName     string           `json:"ename,omitempty"`
	EValue    string           `json:"evalue,omitempty"`
	Traceback []string         `json:"traceback,omitempty"`
	Payload   []map[string]any `json:"payload,omitempty"`
	// Notes are one-line messages for the user (e.g. variables reset by a
	// rebuild), shown on standard error.
	Notes []string `json:"notes,omitempty"`
}

// WriteFrame writes v as one frame in a single Write call, so that frames
// written concurrently through one *os.File never interleave.
func WriteFrame(w io.Writer, v any) error {
	payload, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("ipc: encode frame: %w", err)
	}
	buf := make([]byte, 0, len(Magic)+4+len(payload))
	buf = append(buf, Magic...)
	buf = binary.BigEndian.AppendUint32(buf, uint32(len(payload)))
	buf = append(buf, payload...)
	if _, err := w.Write(buf); err != nil {
		return fmt.Errorf("ipc: write frame: %w", err)
	}
	return nil
}

// Demux splits a byte stream into text and frames.
type Demux struct {
	r *bufio.Reader
}

// NewDemux returns a Demux reading r.
func NewDemux(r io.Reader) *Demux { return &Demux{r: bufio.NewReaderSize(r, 64<<10)} }

// Next returns the next piece of the stream: either text (frame == nil) or
// a frame's JSON payload. At the end of the stream it returns io.EOF.
func (d *Demux) Next() (text, frame []byte, err error) {
	if _, err := d.r.Peek(1); err != nil {
		return nil, nil, err
	}
	buf, _ := d.r.Peek(d.r.Buffered())
	i := bytes.IndexByte(buf, Magic[0])
	if i != 0 {
		if i < 0 {
			i = len(buf)
		}
		text = bytes.Clone(buf[:i])
		d.r.Discard(i)
		return text, nil, nil
	}
	hdr, err := d.r.Peek(len(Magic) + 4)
	if err != nil || string(hdr[:len(Magic)]) != Magic {
		// A lone NUL byte, or a stream that ends early: plain text.
		d.r.Discard(1)
		return []byte{Magic[0]}, nil, nil
	}
	n := binary.BigEndian.Uint32(hdr[len(Magic):])
	if n > MaxFrame {
		return nil, nil, fmt.Errorf("ipc: frame of %d bytes is too large", n)
	}
	d.r.Discard(len(hdr))
	frame = make([]byte, n)
	if _, err := io.ReadFull(d.r, frame); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, nil, fmt.Errorf("ipc: truncated frame: %w", err)
	}
	return nil, frame, nil
}
