package chart

import (
	"image/color"
	"math"
	"strconv"
	"strings"
	"time"
)

// niceTicks returns at most maxTicks evenly spaced round numbers (steps
// of 1, 2, 2.5 or 5 times a power of ten) that cover [lo, hi] as tightly as
// that allows.
func niceTicks(lo, hi float64, maxTicks int) []float64 {
	if hi < lo {
		lo, hi = hi, lo
	}
	if hi == lo {
		if lo == 0 {
			hi = 1
		} else {
			lo, hi = lo-math.Abs(lo)/2, hi+math.Abs(hi)/2
		}
	}
	maxTicks = max(maxTicks, 2)
	raw := (hi - lo) / float64(maxTicks-1)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * p
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		s := m * p
		if math.Ceil(hi/s-1e-9)-math.Floor(lo/s+1e-9)+1 <= float64(maxTicks) {
			step = s
			break
		}
	}
	first := math.Floor(lo/step + 1e-9)
	last := math.Ceil(hi/step - 1e-9)
	ticks := make([]float64, 0, int(last-first)+1)
	for k := first; k <= last; k++ {
		// Round away float noise: 3*0.2 is 0.6000000000000001.
		v, _ := strconv.ParseFloat(strconv.FormatFloat(k*step, 'g', 12, 64), 64)
		ticks = append(ticks, v)
	}
	return ticks
}

// formatTick writes a tick value with just the decimals its step needs.
func formatTick(v, step float64) string {
	d := 0
	for d < 8 && math.Abs(step*math.Pow(10, float64(d))-math.Round(step*math.Pow(10, float64(d)))) > 1e-6 {
		d++
	}
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', d, 64)
}

// tickLabels writes the labels of a row of ticks; ten thousand and more
// are written with k, M or G ("250k", "1.5M").
func tickLabels(ticks []float64) []string {
	most := 0.0
	for _, t := range ticks {
		most = math.Max(most, math.Abs(t))
	}
	div, suffix := 1.0, ""
	switch {
	case most >= 1e9:
		div, suffix = 1e9, "G"
	case most >= 1e6:
		div, suffix = 1e6, "M"
	case most >= 1e4:
		div, suffix = 1e3, "k"
	}
	step := tickStep(ticks) / div
	labels := make([]string, len(ticks))
	for i, t := range ticks {
		labels[i] = formatTick(t/div, step)
		if t != 0 {
			labels[i] += suffix
		}
	}
	return labels
}

func tickStep(ticks []float64) float64 {
	if len(ticks) < 2 {
		return 1
	}
	return ticks[1] - ticks[0]
}

// formatValue writes v with about three significant digits.
func formatValue(v float64) string {
	a := math.Abs(v)
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "n/a"
	case a == 0:
		return "0"
	case a >= 999.5e9:
		return strconv.FormatFloat(v, 'g', 3, 64)
	case a >= 999.5e6:
		return formatValue(v/1e9) + "G"
	case a >= 999.5e3:
		return formatValue(v/1e6) + "M"
	case a >= 9999.5:
		return formatValue(v/1e3) + "k"
	case a >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case a >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	case a >= 0.1:
		return strconv.FormatFloat(v, 'f', 2, 64)
	default:
		return strconv.FormatFloat(v, 'f', min(2-int(math.Floor(math.Log10(a))), 12), 64)
	}
}

// withUnit joins a number and a unit: "1.97x", "12%", "3.5 ms".
func withUnit(s, unit string) string {
	switch {
	case unit == "":
		return s
	case unit == "x" || unit == "×" || unit == "%" || strings.HasPrefix(unit, "/"):
		return s + unit
	}
	return s + " " + unit
}

// durationUnit picks the unit for a time axis that ends at d.
func durationUnit(d time.Duration) (time.Duration, string) {
	switch {
	case d >= time.Second:
		return time.Second, "s"
	case d >= time.Millisecond:
		return time.Millisecond, "ms"
	case d >= time.Microsecond:
		return time.Microsecond, "µs"
	}
	return time.Nanosecond, "ns"
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// Colours: a palette that stays apart for the colour-blind (after Okabe and
// Ito and Tableau), and the greys of the frame.
var (
	palette = []color.RGBA{
		rgb(0x4e79a7), rgb(0xf28e2b), rgb(0x59a14f), rgb(0xe15759), rgb(0x76b7b2),
		rgb(0xb07aa1), rgb(0xedc948), rgb(0x9c755f), rgb(0xff9da7), rgb(0xbab0ac),
	}
	ink      = rgb(0x222222) // titles and labels
	softInk  = rgb(0x555555) // tick labels
	axisInk  = rgb(0x888888)
	gridInk  = rgb(0xe4e4e4)
	laneTint = rgb(0xf5f5f5)
	white    = rgb(0xffffff)
)

func rgb(v uint32) color.RGBA {
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}

// textOn returns ink or white, whichever reads better on c.
func textOn(c color.RGBA) color.RGBA {
	lum := 0.299*float64(c.R) + 0.587*float64(c.G) + 0.114*float64(c.B)
	if lum > 150 {
		return ink
	}
	return white
}
