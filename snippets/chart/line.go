package chart

import (
	"math"
	"slices"
	"strconv"

	"github.com/chanlab/chanlab/snippets/display"
)

// Line returns a line chart of one or more series over the same x values,
// such as run time against the number of workers, one series per variant.
// A legend names the series. When the x values at least double from one
// to the next (1, 2, 4, 8 workers) the x axis is logarithmic with a tick at
// each value; otherwise both axes get round-numbered ticks. The y axis
// starts at zero unless some value is negative.
func Line(title, xLabel, yLabel string, x []float64, series ...Series) *Chart {
	l := &lineChart{title: title, xLabel: xLabel, yLabel: yLabel, x: slices.Clone(x)}
	for _, s := range series {
		l.series = append(l.series, Series{Name: s.Name, Y: slices.Clone(s.Y)})
	}
	return &Chart{draw: l.draw, text: l.String}
}

type lineChart struct {
	title, xLabel, yLabel string
	x                     []float64
	series                []Series
}

// y returns the value of series s at index i, or NaN.
func (l *lineChart) y(s Series, i int) float64 {
	if i < len(s.Y) && finite(s.Y[i]) && finite(l.x[i]) {
		return s.Y[i]
	}
	return math.NaN()
}

// logScale reports whether the x values, in order, grow by at least 1.9
// times each step (a doubling sweep), at least three of them.
func (l *lineChart) logScale() bool {
	if len(l.x) < 3 {
		return false
	}
	for i, v := range l.x {
		if !finite(v) || v <= 0 || (i > 0 && v < 1.9*l.x[i-1]) {
			return false
		}
	}
	return true
}

func (l *lineChart) draw() *canvas {
	const height = 400.0
	cv := newCanvas(Width, height)
	top := 16.0
	if l.title != "" {
		cv.text(16, 26, cv.fit(l.title, 15, true, Width-32), 15, ink, start, "title").bold = true
		top = 40
	}
	// Legend, in rows, under the title.
	if len(l.series) > 1 || (len(l.series) == 1 && l.series[0].Name != "") {
		lx, ly := 16.0, top+8
		for i, s := range l.series {
			w := 24 + cv.measure(s.Name, 12, false)
			if lx+w > Width-16 && lx > 16 {
				lx, ly = 16, ly+18
			}
			col := palette[i%len(palette)]
			cv.line(lx, ly, lx+18, ly, 2.5, col, false)
			cv.text(lx+24, ly+4, s.Name, 12, ink, start, "legend")
			lx += w + 18
		}
		top = ly + 18
	}

	// Ranges.
	logX := l.logScale()
	xlo, xhi := math.Inf(1), math.Inf(-1)
	for _, v := range l.x {
		if finite(v) {
			xlo, xhi = math.Min(xlo, v), math.Max(xhi, v)
		}
	}
	ylo, yhi := 0.0, 0.0
	for _, s := range l.series {
		for i := range l.x {
			if v := l.y(s, i); finite(v) {
				ylo, yhi = math.Min(ylo, v), math.Max(yhi, v)
			}
		}
	}
	yticks := niceTicks(ylo, yhi, 7)
	ylo, yhi = yticks[0], yticks[len(yticks)-1]
	var xticks []float64
	switch {
	case math.IsInf(xlo, 0):
		xlo, xhi = 0, 1
		xticks = niceTicks(0, 1, 6)
	case logX:
		xticks = l.x
	default:
		xticks = niceTicks(xlo, xhi, 8)
		xlo, xhi = xticks[0], xticks[len(xticks)-1]
	}
	tx := func(v float64) float64 { return v }
	if logX {
		tx = math.Log2
	}

	// Plot area.
	ylabels := tickLabels(yticks)
	tickW := 0.0
	for _, s := range ylabels {
		tickW = math.Max(tickW, cv.measure(s, 11, false))
	}
	left := 16 + tickW + 8
	if l.yLabel != "" {
		left += 22
	}
	right := float64(Width - 24)
	bottom := height - 30
	if l.xLabel != "" {
		bottom -= 20
	}
	top += 6
	px := func(v float64) float64 {
		if tx(xhi) == tx(xlo) {
			return (left + right) / 2
		}
		return left + (tx(v)-tx(xlo))/(tx(xhi)-tx(xlo))*(right-left)
	}
	py := func(v float64) float64 { return bottom - (v-ylo)/(yhi-ylo)*(bottom-top) }

	for i, t := range yticks {
		cv.line(left, py(t), right, py(t), 1, gridInk, false)
		cv.text(left-6, py(t)+4, ylabels[i], 11, softInk, end, "tick")
	}
	xlabels := tickLabels(xticks)
	for i, t := range xticks {
		cv.line(px(t), bottom, px(t), bottom+4, 1, axisInk, false)
		label := xlabels[i]
		if logX {
			label = formatX(t)
		}
		cv.text(px(t), bottom+17, label, 11, softInk, middle, "tick")
	}
	cv.line(left, top-6, left, bottom, 1, axisInk, false)
	cv.line(left, bottom, right, bottom, 1, axisInk, false)
	if l.xLabel != "" {
		cv.text((left+right)/2, bottom+38, l.xLabel, 12, ink, middle, "axis-label")
	}
	if l.yLabel != "" {
		s := cv.text(24, (top+bottom)/2, l.yLabel, 12, ink, middle, "axis-label")
		s.vertical = true
	}

	// Series: lines broken at gaps, then the points on top.
	for si, s := range l.series {
		col := palette[si%len(palette)]
		var run []pt
		flush := func() {
			if len(run) > 1 {
				cv.polyline(run, 2.2, col, "series")
			}
			run = nil
		}
		for i, xv := range l.x {
			v := l.y(s, i)
			if !finite(v) {
				flush()
				continue
			}
			run = append(run, pt{px(xv), py(v)})
		}
		flush()
		for i, xv := range l.x {
			if v := l.y(s, i); finite(v) {
				cv.circle(px(xv), py(v), 3.5, col, "point")
				cv.shapes[len(cv.shapes)-1].tip = s.Name + " @ " + formatX(xv) + ": " + formatValue(v)
			}
		}
	}
	return cv
}

// String returns the data as a table: one row per x value, one column per
// series.
func (l *lineChart) String() string {
	t := display.Table{Title: l.title, Header: []string{l.xLabel}}
	if t.Header[0] == "" {
		t.Header[0] = "x"
	}
	for i, s := range l.series {
		name := s.Name
		if name == "" {
			name = "series " + strconv.Itoa(i+1)
		}
		t.Header = append(t.Header, name)
	}
	for i, xv := range l.x {
		row := []string{formatX(xv)}
		for _, s := range l.series {
			if v := l.y(s, i); finite(v) {
				row = append(row, formatValue(v))
			} else {
				row = append(row, "")
			}
		}
		t.Rows = append(t.Rows, row)
	}
	if l.yLabel != "" {
		t.Note = "values: " + l.yLabel
	}
	return t.String()
}

// formatX writes an x value: whole numbers as they are, others with
// about three significant digits.
func formatX(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return formatValue(v)
}
