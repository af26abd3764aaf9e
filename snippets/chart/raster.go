package chart

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"slices"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// png rasterises the canvas at scale device pixels per logical pixel and
// encodes it as PNG. Shapes are anti-aliased; text uses the Go fonts.
func (c *canvas) png(scale float64) []byte {
	img := quantize(c.raster(scale))
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.DefaultCompression}
	if err := enc.Encode(&buf, img); err != nil {
		panic("chart: encoding PNG to memory: " + err.Error()) // cannot fail for an in-memory RGBA
	}
	return buf.Bytes()
}

func (c *canvas) raster(scale float64) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, int(math.Ceil(c.w*scale)), int(math.Ceil(c.h*scale))))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	r := &rasteriser{dst: img, scale: scale, fonts: newFonts(scale), z: vector.NewRasterizer(0, 0)}
	for _, s := range c.shapes {
		switch s.kind {
		case rectShape:
			r.fillRect(s.x, s.y, s.w, s.h, s.rx, s.fill)
		case lineShape:
			r.stroke(s.pts, s.width, s.fill, s.dash)
		case polylineShape:
			r.stroke(s.pts, s.width, s.fill, false)
		case circleShape:
			r.fillCircle(s.x, s.y, s.w, s.fill)
		case textShape:
			r.text(s)
		}
	}
	return img
}

type rasteriser struct {
	dst   *image.RGBA
	scale float64
	fonts *fonts
	z     *vector.Rasterizer
}

// fill fills the polygon pts (logical pixels), only touching its bounding
// box so that many small shapes stay cheap.
func (r *rasteriser) fill(pts []pt, col color.RGBA) {
	if len(pts) < 3 {
		return
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pts {
		minX, maxX = math.Min(minX, p.x*r.scale), math.Max(maxX, p.x*r.scale)
		minY, maxY = math.Min(minY, p.y*r.scale), math.Max(maxY, p.y*r.scale)
	}
	box := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX)), int(math.Ceil(maxY)))
	box = box.Intersect(r.dst.Bounds())
	if box.Empty() {
		return
	}
	r.z.Reset(box.Dx(), box.Dy())
	ox, oy := float64(box.Min.X), float64(box.Min.Y)
	for i, p := range pts {
		x, y := float32(p.x*r.scale-ox), float32(p.y*r.scale-oy)
		if i == 0 {
			r.z.MoveTo(x, y)
		} else {
			r.z.LineTo(x, y)
		}
	}
	r.z.ClosePath()
	r.z.Draw(r.dst, box, image.NewUniform(col), image.Point{})
}

func (r *rasteriser) fillRect(x, y, w, h, rx float64, col color.RGBA) {
	if w <= 0 || h <= 0 {
		return
	}
	rx = math.Min(rx, math.Min(w, h)/2)
	if rx <= 0 {
		r.fill([]pt{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}}, col)
		return
	}
	var pts []pt
	corner := func(cx, cy, from float64) {
		for i := 0; i <= 6; i++ {
			a := from + float64(i)*math.Pi/12
			pts = append(pts, pt{cx + rx*math.Cos(a), cy + rx*math.Sin(a)})
		}
	}
	corner(x+w-rx, y+rx, -math.Pi/2)
	corner(x+w-rx, y+h-rx, 0)
	corner(x+rx, y+h-rx, math.Pi/2)
	corner(x+rx, y+rx, math.Pi)
	r.fill(pts, col)
}

func (r *rasteriser) fillCircle(cx, cy, rad float64, col color.RGBA) {
	n := 24
	pts := make([]pt, n)
	for i := range pts {
		a := 2 * math.Pi * float64(i) / float64(n)
		pts[i] = pt{cx + rad*math.Cos(a), cy + rad*math.Sin(a)}
	}
	r.fill(pts, col)
}

// stroke draws a polyline of the given width with round joins, or a
// dashed straight line (4 on, 3 off, like the SVG).
func (r *rasteriser) stroke(pts []pt, width float64, col color.RGBA, dash bool) {
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		if dash {
			length := math.Hypot(b.x-a.x, b.y-a.y)
			for t := 0.0; t < length; t += 7 {
				u, v := t/length, math.Min(t+4, length)/length
				r.segment(pt{a.x + (b.x-a.x)*u, a.y + (b.y-a.y)*u}, pt{a.x + (b.x-a.x)*v, a.y + (b.y-a.y)*v}, width, col)
			}
			continue
		}
		r.segment(a, b, width, col)
		if len(pts) > 2 {
			r.fillCircle(b.x, b.y, width/2, col)
		}
	}
}

func (r *rasteriser) segment(a, b pt, width float64, col color.RGBA) {
	dx, dy := b.x-a.x, b.y-a.y
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	nx, ny := -dy/l*width/2, dx/l*width/2
	r.fill([]pt{{a.x + nx, a.y + ny}, {b.x + nx, b.y + ny}, {b.x - nx, b.y - ny}, {a.x - nx, a.y - ny}}, col)
}

func (r *rasteriser) text(s shape) {
	face := r.fonts.face(s.size, s.bold)
	width := float64(font.MeasureString(face, s.text)) / 64
	src := image.NewUniform(s.fill)
	if !s.vertical {
		x := s.x * r.scale
		switch s.anchor {
		case middle:
			x -= width / 2
		case end:
			x -= width
		}
		d := font.Drawer{Dst: r.dst, Src: src, Face: face, Dot: fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6(s.y * r.scale * 64)}}
		d.DrawString(s.text)
		return
	}
	// Vertical text: draw it level on a scratch image, then turn it.
	m := face.Metrics()
	ascent, descent := m.Ascent.Ceil(), m.Descent.Ceil()
	tw, th := int(math.Ceil(width)), ascent+descent
	if tw <= 0 || th <= 0 {
		return
	}
	level := image.NewRGBA(image.Rect(0, 0, tw, th))
	d := font.Drawer{Dst: level, Src: src, Face: face, Dot: fixed.P(0, ascent)}
	d.DrawString(s.text)
	turned := image.NewRGBA(image.Rect(0, 0, th, tw))
	for v := 0; v < th; v++ {
		for u := 0; u < tw; u++ {
			turned.SetRGBA(v, tw-1-u, level.RGBAAt(u, v))
		}
	}
	// (x, y) is on the baseline; the anchor runs along the turned text.
	left := int(math.Round(s.x*r.scale)) - ascent
	top := int(math.Round(s.y * r.scale))
	switch s.anchor {
	case middle:
		top -= tw / 2
	case start:
		top -= tw
	}
	draw.Draw(r.dst, turned.Bounds().Add(image.Pt(left, top)), turned, image.Point{}, draw.Over)
}

// quantize turns img into a paletted image of its 256 most common colours,
// each other colour (a few anti-aliased edge pixels) becoming the nearest
// of those. A chart has a handful of flat colours plus their blends, so the
// loss cannot be seen, and the PNG is a third of the size and quicker to
// compress.
func quantize(img *image.RGBA) *image.Paletted {
	counts := map[color.RGBA]int{}
	var last color.RGBA
	run := 0
	for i := 0; i < len(img.Pix); i += 4 {
		c := color.RGBA{img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3]}
		if c == last {
			run++
			continue
		}
		if run > 0 {
			counts[last] += run
		}
		last, run = c, 1
	}
	counts[last] += run
	common := make([]color.RGBA, 0, len(counts))
	for c := range counts {
		common = append(common, c)
	}
	slices.SortFunc(common, func(a, b color.RGBA) int {
		if d := counts[b] - counts[a]; d != 0 {
			return d
		}
		return int(rgbaKey(a)) - int(rgbaKey(b)) // a fixed order, so output is reproducible
	})
	if len(common) > 256 {
		common = common[:256]
	}
	pal := make(color.Palette, len(common))
	index := make(map[color.RGBA]uint8, len(counts))
	for i, c := range common {
		pal[i] = c
		index[c] = uint8(i)
	}
	out := image.NewPaletted(img.Bounds(), pal)
	prev, k := common[0], uint8(0)
	for i, j := 0, 0; i < len(img.Pix); i, j = i+4, j+1 {
		c := color.RGBA{img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3]}
		if c != prev {
			var ok bool
			if k, ok = index[c]; !ok {
				k = uint8(pal.Index(c))
				index[c] = k
			}
			prev = c
		}
		out.Pix[j] = k
	}
	return out
}

func rgbaKey(c color.RGBA) uint32 {
	return uint32(c.R)<<24 | uint32(c.G)<<16 | uint32(c.B)<<8 | uint32(c.A)
}
