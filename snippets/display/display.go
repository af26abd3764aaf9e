// Package display shows rich output (HTML, Markdown, images, charts, tables,
// progress bars) in a Jupyter notebook run by the ChanLab kernel.
//
// Every function here builds a MIME bundle and hands it to the current
// [Sink]. Inside the kernel the sink turns bundles into Jupyter
// display_data, update_display_data and clear_output messages. In a compiled
// Go program there is no notebook: the default sink, a [TextSink], prints the
// text/plain form of each bundle to standard output.
//
// A value shows itself richly by implementing [Renderer]; charts from
// package chart and [Table] do. [New] returns a [Handle] whose display can
// be replaced in place later, which is how [Progress] draws a live bar.
package display

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"image"
	"image/png"
	"os"
	"regexp"
	"strings"
	"sync"
)

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

// A MetadataRenderer is a [Renderer] that also gives display metadata,
// such as {"image/png": {"width": 640, "height": 300}} so that a PNG drawn
// at twice the resolution shows at its logical size. Charts implement it.
type MetadataRenderer interface {
	Renderer
	RenderMetadata() map[string]any
}

// Output is one display request: show Data, or with Update replace the data
// of an earlier display that has the same DisplayID.
type Output struct {
	Data      MIME
	Metadata  map[string]any
	DisplayID string
	Update    bool
	// Interim marks an intermediate state, such as a progress bar between
	// its start and Done. Notebooks show it like any other output; a
	// text-only sink may skip it and print only the final state.
	Interim bool
}

// Sink receives display requests. The ChanLab kernel installs a Sink that
// turns them into display_data, update_display_data and clear_output
// messages; compiled programs use a [TextSink] that prints text/plain.
// A Sink must be safe for concurrent use: cells show output from many
// goroutines.
type Sink interface {
	Show(o Output)
	Clear(wait bool)
}

var (
	sinkMu sync.RWMutex
	sink   Sink = &TextSink{}
)

// SetSink makes s the destination of every later display call and returns
// the sink it replaces, so that a caller (or a test) can put it back.
// SetSink(nil) installs the default sink, a [TextSink] on standard output.
func SetSink(s Sink) (previous Sink) {
	if s == nil {
		s = &TextSink{}
	}
	sinkMu.Lock()
	defer sinkMu.Unlock()
	previous, sink = sink, s
	return previous
}

// CurrentSink returns the sink that display calls use now.
func CurrentSink() Sink {
	sinkMu.RLock()
	defer sinkMu.RUnlock()
	return sink
}

func emit(o Output) { CurrentSink().Show(o) }

// Show displays v. A [Renderer] shows its own bundle, a [MIME] value is
// shown as it is, an [image.Image] as a PNG, and any other value as the
// text fmt.Sprint gives.
func Show(v any) { emit(Output{Data: Bundle(v), Metadata: MetadataOf(v)}) }

// MetadataOf returns the display metadata for v: what RenderMetadata
// returns if v is a [MetadataRenderer], else nil.
func MetadataOf(v any) map[string]any {
	if m, ok := v.(MetadataRenderer); ok {
		return m.RenderMetadata()
	}
	return nil
}

// Render shows r's bundle, like [Show]. Use it for a type defined in a
// notebook cell: the interpreter passes such a value to Show's parameter
// of type any without its methods, so Show sees only its fields, whereas
// a parameter of type Renderer keeps them.
func Render(r Renderer) { Show(r) }

// Bundle returns the MIME bundle that [Show] displays for v.
func Bundle(v any) MIME {
	switch v := v.(type) {
	case MIME:
		return copyMIME(v)
	case Renderer:
		if m := v.RenderMIME(); m != nil {
			return copyMIME(m)
		}
		return MIME{"text/plain": fmt.Sprint(v)}
	case image.Image:
		var buf bytes.Buffer
		if err := png.Encode(&buf, v); err != nil {
			return MIME{"text/plain": fmt.Sprintf("display: encoding image as PNG: %v", err)}
		}
		return pngBundle(buf.Bytes())
	case nil:
		return MIME{"text/plain": "<nil>"}
	}
	return MIME{"text/plain": fmt.Sprint(v)}
}

func copyMIME(m MIME) MIME {
	c := make(MIME, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// HTML displays s as HTML. Untrusted notebooks strip scripts from it.
func HTML(s string) { emit(Output{Data: MIME{"text/html": s, "text/plain": plainFromHTML(s)}}) }

// Markdown displays s as Markdown; its text fallback is s itself.
func Markdown(s string) { emit(Output{Data: MIME{"text/markdown": s, "text/plain": s}}) }

// SVG displays s, the text of an SVG document. Untrusted notebooks do not
// show SVG; show a PNG as well (as charts do) when that matters.
func SVG(s string) {
	emit(Output{Data: MIME{"image/svg+xml": s, "text/plain": fmt.Sprintf("[SVG image, %d bytes]", len(s))}})
}

// PNG displays b, the bytes of a PNG image.
func PNG(b []byte) { emit(Output{Data: pngBundle(b)}) }

func pngBundle(b []byte) MIME {
	desc := fmt.Sprintf("[PNG image, %d bytes]", len(b))
	if cfg, err := png.DecodeConfig(bytes.NewReader(b)); err == nil {
		desc = fmt.Sprintf("[PNG image %dx%d, %d bytes]", cfg.Width, cfg.Height, len(b))
	}
	return MIME{"image/png": base64.StdEncoding.EncodeToString(b), "text/plain": desc}
}

// JSON displays v as an interactive JSON tree. v is encoded with
// encoding/json, except that a json.RawMessage or []byte is taken to be
// JSON text already. If v cannot be encoded, the error is shown as text.
func JSON(v any) {
	var raw []byte
	var err error
	switch r := v.(type) {
	case json.RawMessage:
		raw = r
	case []byte:
		raw = r
	default:
		raw, err = json.Marshal(v)
	}
	var tree any
	if err == nil {
		err = json.Unmarshal(raw, &tree)
	}
	if err != nil {
		emit(Output{Data: MIME{"text/plain": fmt.Sprintf("display.JSON: %v", err)}})
		return
	}
	pretty, _ := json.MarshalIndent(tree, "", "  ")
	emit(Output{Data: MIME{"application/json": tree, "text/plain": string(pretty)}})
}

// Text displays s as plain text, as one display (unlike fmt.Print, whose
// output is streamed).
func Text(s string) { emit(Output{Data: MIME{"text/plain": s}}) }

// Clear clears the output of the running cell. With wait set, the
// notebook clears only when the next output arrives, which avoids
// flicker when redrawing. The text sink ignores Clear.
func Clear(wait bool) { CurrentSink().Clear(wait) }

var (
	tagRE   = regexp.MustCompile(`(?s)<script.*?</script>|<style.*?</style>|<[^>]*>`)
	blankRE = regexp.MustCompile(`\n[ \t]*(\n[ \t]*)+`)
)

// plainFromHTML makes a rough text fallback for HTML: tags dropped,
// entities decoded, runs of blank lines squeezed.
func plainFromHTML(s string) string {
	s = tagRE.ReplaceAllStringFunc(s, func(tag string) string {
		t := strings.ToLower(tag)
		for _, p := range []string{"<br", "<p", "</p", "<div", "</div", "<tr", "<li", "<h", "</h", "</table"} {
			if strings.HasPrefix(t, p) {
				return "\n"
			}
		}
		if strings.HasPrefix(t, "<td") || strings.HasPrefix(t, "<th") {
			return "\t"
		}
		return ""
	})
	s = html.UnescapeString(s)
	s = blankRE.ReplaceAllString(s, "\n")
	return strings.TrimSpace(s)
}

// stdout is where the default TextSink writes; a variable so the sink
// looks it up at write time (tests may replace os.Stdout).
func stdout() *os.File { return os.Stdout }
