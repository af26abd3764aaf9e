package chart

import (
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
)

// The Go fonts, parsed once. They are read-only after parsing.
var parsedFonts = sync.OnceValues(func() (regular, bold *sfnt.Font) {
	var err error
	if regular, err = opentype.Parse(goregular.TTF); err != nil {
		panic("chart: parsing Go Regular font: " + err.Error())
	}
	if bold, err = opentype.Parse(gobold.TTF); err != nil {
		panic("chart: parsing Go Bold font: " + err.Error())
	}
	return regular, bold
})

// fonts hands out font faces at one scale (device pixels per logical
// pixel). Faces are not safe for concurrent use, so every rendering makes
// its own fonts.
type fonts struct {
	scale float64
	faces map[faceKey]font.Face
}

type faceKey struct {
	size float64
	bold bool
}

func newFonts(scale float64) *fonts { return &fonts{scale: scale, faces: map[faceKey]font.Face{}} }

// face returns the face for text of the given logical size.
func (f *fonts) face(size float64, bold bool) font.Face {
	k := faceKey{size, bold}
	if fc, ok := f.faces[k]; ok {
		return fc
	}
	regular, boldFont := parsedFonts()
	src := regular
	if bold {
		src = boldFont
	}
	fc, err := opentype.NewFace(src, &opentype.FaceOptions{Size: size * f.scale, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic("chart: making font face: " + err.Error()) // only for invalid sizes, which we never ask for
	}
	f.faces[k] = fc
	return fc
}

// measure returns the advance width of s in logical pixels.
func (f *fonts) measure(s string, size float64, bold bool) float64 {
	return float64(font.MeasureString(f.face(size, bold), s)) / 64 / f.scale
}
