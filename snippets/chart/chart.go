// Package chart draws the small charts of ChanLab notebooks: a bar chart of
// times or speedups ([Bar]), a line chart of a sweep over worker counts
// ([Line]) and a timeline of which worker ran what when ([Timeline]).
//
// Every chart shows itself in three forms (see [Chart.RenderMIME]): SVG,
// sharp at any size; PNG, because untrusted notebooks (a fresh clone, Binder,
// GitHub's viewer) hide SVG but show PNG; and plain text for terminals and
// compiled programs. A chart that ends a cell, or is passed to
// display.Show, is drawn in the notebook.
//
// The charts are drawn by hand rather than with a plotting library. Each
// chart lays itself out once, as a list of shapes in logical pixels; the
// list is written as SVG text or rasterised to PNG with golang.org/x/image
// (anti-aliased paths from x/image/vector, text in the Go fonts), so both
// images show the same picture with the same fonts. gonum.org/v1/plot would
// give more chart kinds, but a program that draws one bar chart with it
// weighs 11.7 MB (4.7 MB with this package) and it brings about thirty
// modules into go.mod, several of them newer than ours; this package adds
// about 1 MB to a binary (a quarter of it the two fonts) and one module,
// golang.org/x/image at the version that matches our golang.org/x/text.
//
// PNGs are drawn at twice the logical size for high-density screens and
// reduced to a palette of their 256 commonest colours, which keeps a
// typical chart's PNG between 10 and 30 KB.
package chart

import (
	"encoding/base64"
	"time"

	"github.com/chanlab/chanlab/snippets/display"
)

// Width is the width of every chart in logical pixels (CSS pixels); the
// height follows from the data.
const Width = 640

// PNGScale is how many PNG pixels a logical pixel becomes, so that the PNG
// stays sharp on high-density screens.
const PNGScale = 2

// A Chart is a chart ready to draw. Its data is copied when it is made,
// so later changes to the caller's slices do not change it. A Chart is
// safe for concurrent use.
type Chart struct {
	draw func() *canvas
	text func() string
}

// A Series is one named line of a [Line] chart: Y[i] belongs to x[i]. A NaN
// leaves a gap; a Series shorter than x just ends early.
type Series struct {
	Name string
	Y    []float64
}

// A Span is one piece of work shown on a [Timeline]: Label ran on Lane (a
// worker, goroutine or process) from Start to End, both measured from
// the same origin.
type Span struct {
	Lane, Label string
	Start, End  time.Duration
}

// SVG returns the chart as a self-contained SVG document with a viewBox.
func (c *Chart) SVG() string { return c.draw().svg() }

// PNG returns the chart as a PNG image, [PNGScale] times the logical size.
func (c *Chart) PNG() []byte { return c.draw().png(PNGScale) }

// String returns the chart as text: bars of block characters, a table of
// the data, or a timeline of characters.
func (c *Chart) String() string { return c.text() }

// RenderMIME returns the chart as image/svg+xml, image/png and text/plain,
// so that a notebook shows the best form it is allowed to.
func (c *Chart) RenderMIME() display.MIME {
	cv := c.draw()
	return display.MIME{
		"image/svg+xml": cv.svg(),
		"image/png":     base64.StdEncoding.EncodeToString(cv.png(PNGScale)),
		"text/plain":    c.text(),
	}
}

// RenderMetadata asks the notebook to show the PNG at the chart's logical
// size ([Width] wide), so it looks the same as the SVG.
func (c *Chart) RenderMetadata() map[string]any {
	cv := c.draw()
	return map[string]any{"image/png": map[string]any{"width": int(cv.w), "height": int(cv.h + 0.5)}}
}
