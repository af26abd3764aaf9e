package chart

import (
	"math"
	"strings"
)

// Bar returns a horizontal bar chart: one bar per label, its value written
// at its end with unit ("ms", "s", or "x" for speedups; "" for none).
// With unit "x" a dashed line marks 1x, the baseline. A missing, NaN or
// infinite value draws no bar and reads "n/a".
func Bar(title, unit string, labels []string, values []float64) *Chart {
	n := max(len(labels), len(values))
	b := &barChart{title: title, unit: unit, labels: make([]string, n), values: make([]float64, n)}
	copy(b.labels, labels)
	for i := range b.values {
		b.values[i] = math.NaN()
	}
	copy(b.values, values)
	return &Chart{draw: b.draw, text: b.String}
}

type barChart struct {
	title, unit string
	labels      []string
	values      []float64
}

func (b *barChart) valueText(v float64) string {
	if !finite(v) {
		return "n/a"
	}
	return withUnit(formatValue(v), b.unit)
}

func (b *barChart) draw() *canvas {
	const (
		rowH     = 28.0
		barH     = 18.0
		fontSize = 12.0
	)
	cv := newCanvas(Width, 0)
	top := 16.0
	if b.title != "" {
		cv.text(16, 26, cv.fit(b.title, 15, true, Width-32), 15, ink, start, "title").bold = true
		top = 44
	}
	lo, hi := 0.0, 0.0
	for _, v := range b.values {
		if finite(v) {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	baseline := b.unit == "x" || b.unit == "×"
	if baseline {
		hi = math.Max(hi, 1)
	}
	ticks := niceTicks(lo, hi, 6)
	lo, hi = ticks[0], ticks[len(ticks)-1]

	labelW, valueW := 0.0, 0.0
	for i, l := range b.labels {
		labelW = math.Max(labelW, cv.measure(l, fontSize, false))
		valueW = math.Max(valueW, cv.measure(b.valueText(b.values[i]), fontSize, false))
	}
	labelW = math.Min(labelW, Width*0.35)
	labelRight := 16 + labelW
	left := labelRight + 10
	if lo < 0 {
		left += valueW + 8 // room for the values of negative bars
	}
	right := Width - 16 - valueW - 8
	x := func(v float64) float64 { return left + (v-lo)/(hi-lo)*(right-left) }
	bottom := top + float64(len(b.values))*rowH

	labels := tickLabels(ticks)
	for i, t := range ticks {
		cv.line(x(t), top, x(t), bottom, 1, gridInk, false)
		cv.text(x(t), bottom+16, withUnit(labels[i], b.unit), 11, softInk, middle, "tick")
	}
	cv.line(x(0), top-4, x(0), bottom+4, 1, axisInk, false)
	if baseline && lo < 1 && 1 <= hi {
		cv.line(x(1), top-4, x(1), bottom+4, 1.2, softInk, true)
	}
	for i, v := range b.values {
		y := top + float64(i)*rowH + (rowH-barH)/2
		cv.text(labelRight, y+barH/2+4, cv.fit(b.labels[i], fontSize, false, labelW), fontSize, ink, end, "label")
		label := b.valueText(v)
		if !finite(v) {
			cv.text(x(0)+6, y+barH/2+4, label, fontSize, softInk, start, "value")
			continue
		}
		x0, x1 := x(0), x(v)
		if x1 < x0 {
			x0, x1 = x1, x0
		}
		bar := cv.rect(x0, y, math.Max(x1-x0, 1), barH, palette[0], "bar")
		bar.rx = 2
		bar.tip = b.labels[i] + ": " + label
		lx, a := x1+6, start
		w := cv.measure(label, fontSize, false)
		halo := lx - 2 // a white ground, so lines behind the value do not cross it
		if v < 0 {
			lx, a, halo = x0-6, end, x0-8-w
		}
		cv.rect(halo, y+1, w+4, barH-2, white, "")
		cv.text(lx, y+barH/2+4, label, fontSize, ink, a, "value")
	}
	cv.h = bottom + 28
	return cv
}

// String draws the bars with block characters, longest 40 wide.
func (b *barChart) String() string {
	const width = 40
	var sb strings.Builder
	if b.title != "" {
		sb.WriteString(b.title + "\n")
	}
	labels := make([]string, len(b.labels))
	labelW, most := 0, 0.0
	for i, l := range b.labels {
		if r := []rune(l); len(r) > 32 {
			l = string(r[:31]) + "…"
		}
		labels[i] = l
		labelW = max(labelW, len([]rune(l)))
		if finite(b.values[i]) {
			most = math.Max(most, math.Abs(b.values[i]))
		}
	}
	for i, l := range labels {
		v := b.values[i]
		sb.WriteString(l + strings.Repeat(" ", labelW-len([]rune(l))) + "  ")
		if finite(v) && most > 0 {
			sb.WriteString(blocks(math.Abs(v) / most * width))
			sb.WriteString(" ")
		}
		sb.WriteString(b.valueText(v) + "\n")
	}
	return strings.TrimSuffix(sb.String(), "\n")
}

// blocks draws a bar n characters long, to an eighth of a character.
func blocks(n float64) string {
	eighths := int(math.Round(n * 8))
	s := strings.Repeat("█", eighths/8)
	if r := eighths % 8; r > 0 {
		s += string([]rune("▏▎▍▌▋▊▉")[r-1])
	}
	if s == "" {
		s = "▏"
	}
	return s
}
