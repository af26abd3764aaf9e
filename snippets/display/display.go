// Package display shows rich output (HTML, Markdown, images, charts, tables)
// in a Jupyter notebook run by the ChanLab kernel.
//
// In a compiled Go program there is no notebook; output falls back to the
// text/plain form of each value, written to standard output.
package display

// MIME is a MIME bundle: a map from MIME type (such as "text/html" or
// "image/png") to its data. Text formats hold a string; binary formats such
// as image/png hold the base64-encoded bytes as a string; application/json
// holds any value that encodes as JSON.
type MIME map[string]any

// Renderer is implemented by values that can show themselves richly. When a
// cell's last expression has a value that implements Renderer, the kernel
// shows the bundle RenderMIME returns instead of the value's plain text.
type Renderer interface {
	RenderMIME() MIME
}

// Output is one display request: show Data, or with Update replace the data
// of an earlier display that has the same DisplayID.
type Output struct {
	Data      MIME
	Metadata  map[string]any
	DisplayID string
	Update    bool
}

// Sink receives display requests. The ChanLab kernel installs a Sink that
// turns them into display_data, update_display_data and clear_output
// messages; compiled programs use a Sink that prints text/plain.
type Sink interface {
	Show(o Output)
	Clear(wait bool)
}
