package chart

import (
	"encoding/xml"
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"
)

// A canvas is a list of shapes in logical pixels (y grows downwards). Each
// chart lays itself out once on a canvas; the canvas then writes SVG or
// rasterises to PNG, so the two always show the same picture.
type canvas struct {
	w, h   float64
	shapes []shape
	fonts  *fonts // for measuring text while laying out
}

type shapeKind int

const (
	rectShape shapeKind = iota
	lineShape
	polylineShape
	circleShape
	textShape
)

type anchor int

const (
	start anchor = iota
	middle
	end
)

type pt struct{ x, y float64 }

type shape struct {
	kind       shapeKind
	x, y, w, h float64 // rect; circle: x, y centre and w radius; text: x, y baseline
	pts        []pt    // line (2 points) and polyline
	fill       color.RGBA
	width      float64 // stroke width
	dash       bool
	rx         float64 // corner radius of a rect
	text       string
	size       float64
	bold       bool
	anchor     anchor
	vertical   bool   // text turned 90° anticlockwise about (x, y)
	class      string // SVG class, for tests and styling
	tip        string // SVG tooltip
}

func newCanvas(w, h float64) *canvas { return &canvas{w: w, h: h, fonts: newFonts(1)} }

func (c *canvas) rect(x, y, w, h float64, fill color.RGBA, class string) *shape {
	c.shapes = append(c.shapes, shape{kind: rectShape, x: x, y: y, w: w, h: h, fill: fill, class: class})
	return &c.shapes[len(c.shapes)-1]
}

func (c *canvas) line(x1, y1, x2, y2, width float64, col color.RGBA, dash bool) {
	c.shapes = append(c.shapes, shape{kind: lineShape, pts: []pt{{x1, y1}, {x2, y2}}, width: width, fill: col, dash: dash})
}

func (c *canvas) polyline(pts []pt, width float64, col color.RGBA, class string) {
	c.shapes = append(c.shapes, shape{kind: polylineShape, pts: pts, width: width, fill: col, class: class})
}

func (c *canvas) circle(x, y, r float64, col color.RGBA, class string) {
	c.shapes = append(c.shapes, shape{kind: circleShape, x: x, y: y, w: r, fill: col, class: class})
}

func (c *canvas) text(x, y float64, s string, size float64, col color.RGBA, a anchor, class string) *shape {
	c.shapes = append(c.shapes, shape{kind: textShape, x: x, y: y, text: s, size: size, fill: col, anchor: a, class: class})
	return &c.shapes[len(c.shapes)-1]
}

// measure returns the width of s in logical pixels.
func (c *canvas) measure(s string, size float64, bold bool) float64 {
	return c.fonts.measure(s, size, bold)
}

// fit shortens s with an ellipsis until it is at most w pixels wide.
func (c *canvas) fit(s string, size float64, bold bool, w float64) string {
	if c.measure(s, size, bold) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 {
		r = r[:len(r)-1]
		t := strings.TrimSpace(string(r)) + "…"
		if c.measure(t, size, bold) <= w {
			return t
		}
	}
	return ""
}

func num(v float64) string {
	v = math.Round(v*10) / 10
	if v == 0 {
		return "0" // not "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func hex(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

func paint(b *strings.Builder, attr string, c color.RGBA) {
	fmt.Fprintf(b, ` %s="%s"`, attr, hex(c))
	if c.A != 255 {
		fmt.Fprintf(b, ` %s-opacity="%s"`, attr, strconv.FormatFloat(float64(c.A)/255, 'f', 2, 64))
	}
}

func escape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// svg writes the canvas as a self-contained SVG document.
func (c *canvas) svg() string {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="%s" height="%s" `+
		`font-family="Go, 'Helvetica Neue', Helvetica, Arial, sans-serif">`+"\n",
		num(c.w), num(c.h), num(c.w), num(c.h))
	fmt.Fprintf(&b, `<rect width="%s" height="%s" fill="#ffffff"/>`+"\n", num(c.w), num(c.h))
	for _, s := range c.shapes {
		switch s.kind {
		case rectShape:
			fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s"`, num(s.x), num(s.y), num(s.w), num(s.h))
			if s.rx > 0 {
				fmt.Fprintf(&b, ` rx="%s"`, num(s.rx))
			}
			paint(&b, "fill", s.fill)
		case lineShape:
			fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke-width="%s"`,
				num(s.pts[0].x), num(s.pts[0].y), num(s.pts[1].x), num(s.pts[1].y), num(s.width))
			paint(&b, "stroke", s.fill)
			if s.dash {
				b.WriteString(` stroke-dasharray="4 3"`)
			}
		case polylineShape:
			b.WriteString(`<polyline points="`)
			for i, p := range s.pts {
				if i > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(num(p.x) + "," + num(p.y))
			}
			fmt.Fprintf(&b, `" fill="none" stroke-width="%s" stroke-linejoin="round" stroke-linecap="round"`, num(s.width))
			paint(&b, "stroke", s.fill)
		case circleShape:
			fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="%s"`, num(s.x), num(s.y), num(s.w))
			paint(&b, "fill", s.fill)
		case textShape:
			fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="%s"`, num(s.x), num(s.y), num(s.size))
			switch s.anchor {
			case middle:
				b.WriteString(` text-anchor="middle"`)
			case end:
				b.WriteString(` text-anchor="end"`)
			}
			if s.bold {
				b.WriteString(` font-weight="bold"`)
			}
			if s.vertical {
				fmt.Fprintf(&b, ` transform="rotate(-90 %s %s)"`, num(s.x), num(s.y))
			}
			paint(&b, "fill", s.fill)
		}
		if s.class != "" {
			fmt.Fprintf(&b, ` class="%s"`, escape(s.class))
		}
		switch {
		case s.kind == textShape:
			b.WriteString(">" + escape(s.text) + "</text>\n")
		case s.tip != "":
			b.WriteString("><title>" + escape(s.tip) + "</title></" + svgName[s.kind] + ">\n")
		default:
			b.WriteString("/>\n")
		}
	}
	b.WriteString("</svg>\n")
	return b.String()
}

var svgName = map[shapeKind]string{rectShape: "rect", lineShape: "line", polylineShape: "polyline", circleShape: "circle", textShape: "text"}
