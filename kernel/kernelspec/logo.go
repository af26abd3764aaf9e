package kernelspec

import (
	"image"
	"image/color"
	"math"
)

// The logo is a Go-blue rounded square with the channel receive operator
// "<-" and a value about to be received. Logo draws it for the PNG files;
// logo-svg.svg draws the same shapes in the same 64-unit square.
var (
	logoBlue  = color.NRGBA{0x00, 0xAD, 0xD8, 0xff}
	logoWhite = color.NRGBA{0xff, 0xff, 0xff, 0xff}
)

// logoShape reports the colour at point (x, y) of the 64x64 design, and
// whether the point is inside the logo at all.
func logoShape(x, y float64) (color.NRGBA, bool) {
	if !inRoundedRect(x, y, 0, 0, 64, 64, 14) {
		return color.NRGBA{}, false
	}
	// Arrowhead: tip (10,32), base from (24,20) to (24,44).
	if x >= 10 && x <= 24 && math.Abs(y-32) <= (x-10)*12/14 {
		return logoWhite, true
	}
	// Shaft: x 22..44, y 29..35.
	if x >= 22 && x <= 44 && y >= 29 && y <= 35 {
		return logoWhite, true
	}
	// The value: a disc at (51,32), radius 6.
	if math.Hypot(x-51, y-32) <= 6 {
		return logoWhite, true
	}
	return logoBlue, true
}

func inRoundedRect(x, y, x0, y0, x1, y1, r float64) bool {
	if x < x0 || x > x1 || y < y0 || y > y1 {
		return false
	}
	cx := math.Max(x0+r, math.Min(x, x1-r))
	cy := math.Max(y0+r, math.Min(y, y1-r))
	return math.Hypot(x-cx, y-cy) <= r
}

// Logo draws the logo as a size x size image, antialiased by sampling each
// pixel 4x4 times.
func Logo(size int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	const n = 4
	scale := 64 / float64(size)
	for py := range size {
		for px := range size {
			var r, g, b, a float64
			for sy := range n {
				for sx := range n {
					x := (float64(px) + (float64(sx)+0.5)/n) * scale
					y := (float64(py) + (float64(sy)+0.5)/n) * scale
					c, ok := logoShape(x, y)
					if !ok {
						continue
					}
					r += float64(c.R)
					g += float64(c.G)
					b += float64(c.B)
					a++
				}
			}
			if a == 0 {
				continue
			}
			img.SetNRGBA(px, py, color.NRGBA{
				R: uint8(math.Round(r / a)), G: uint8(math.Round(g / a)), B: uint8(math.Round(b / a)),
				A: uint8(math.Round(a * 255 / (n * n))),
			})
		}
	}
	return img
}
