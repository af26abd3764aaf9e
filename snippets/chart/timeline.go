package chart

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Timeline returns a Gantt chart of spans, time running left to right
// from zero (or the earliest start, if that is negative) to the latest end.
// Each distinct Lane gets a row, in the order lanes first appear in spans,
// except that numbered lanes ("worker 1" ... "worker 12") go in numeric
// order. Spans whose labels differ only in a trailing number ("task 1",
// "task 2") share a colour; a label is written inside its bar where it
// fits, and every bar has a tooltip in the SVG. Spans that overlap on one
// lane are drawn over each other.
func Timeline(title string, spans []Span) *Chart {
	t := &timeline{title: title, spans: slices.Clone(spans)}
	for _, s := range t.spans {
		if !slices.Contains(t.lanes, s.Lane) {
			t.lanes = append(t.lanes, s.Lane)
		}
	}
	t.lanes = orderLanes(t.lanes)
	return &Chart{draw: t.draw, text: t.String}
}

// orderLanes puts numbered lanes with the same name in numeric order
// ("worker 2" before "worker 10"), where the first of them appeared;
// other lanes keep the order in which they first appeared.
func orderLanes(lanes []string) []string {
	type group struct {
		prefix string
		lanes  []string
	}
	var groups []*group
	byPrefix := map[string]*group{}
	for _, l := range lanes {
		prefix, _, numbered := splitNumber(l)
		if !numbered {
			groups = append(groups, &group{lanes: []string{l}})
			continue
		}
		g := byPrefix[prefix]
		if g == nil {
			g = &group{prefix: prefix}
			byPrefix[prefix] = g
			groups = append(groups, g)
		}
		g.lanes = append(g.lanes, l)
	}
	ordered := make([]string, 0, len(lanes))
	for _, g := range groups {
		slices.SortStableFunc(g.lanes, func(a, b string) int {
			_, x, _ := splitNumber(a)
			_, y, _ := splitNumber(b)
			return cmp.Compare(x, y)
		})
		ordered = append(ordered, g.lanes...)
	}
	return ordered
}

// splitNumber splits "worker 12" into "worker " and 12.
func splitNumber(s string) (prefix string, n int, ok bool) {
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	if i == len(s) || len(s)-i > 9 {
		return s, 0, false
	}
	n, err := strconv.Atoi(s[i:])
	return s[:i], n, err == nil
}

type timeline struct {
	title string
	spans []Span
	lanes []string
}

// kind is the label without a trailing number: spans of one kind share a
// colour.
func kind(label string) string {
	return strings.TrimRight(label, "0123456789 #-_:.")
}

func (t *timeline) span() (lo, hi time.Duration) {
	for _, s := range t.spans {
		lo, hi = min(lo, s.Start, s.End), max(hi, s.End, s.Start)
	}
	return lo, hi
}

func (t *timeline) lane(name string) int { return slices.Index(t.lanes, name) }

func (t *timeline) draw() *canvas {
	cv := newCanvas(Width, 0)
	top := 16.0
	if t.title != "" {
		cv.text(16, 26, cv.fit(t.title, 15, true, Width-32), 15, ink, start, "title").bold = true
		top = 44
	}
	if len(t.spans) == 0 {
		cv.text(Width/2, top+20, "no spans recorded", 12, softInk, middle, "empty")
		cv.h = top + 40
		return cv
	}
	n := float64(len(t.lanes))
	laneH := math.Min(30, math.Max(12, 320/n))
	barH := math.Round(laneH * 0.72)
	laneFont := math.Min(12, laneH-2)

	labelW := 0.0
	for _, l := range t.lanes {
		labelW = math.Max(labelW, cv.measure(l, laneFont, false))
	}
	labelW = math.Min(labelW, Width*0.3)
	left := 16 + labelW + 10
	right := float64(Width - 28)
	bottom := top + n*laneH

	lo, hi := t.span()
	unit, suffix := durationUnit(hi - lo)
	ticks := niceTicks(float64(lo)/float64(unit), float64(hi)/float64(unit), 8)
	tlo, thi := ticks[0], ticks[len(ticks)-1]
	x := func(d time.Duration) float64 {
		return left + (float64(d)/float64(unit)-tlo)/(thi-tlo)*(right-left)
	}

	for i, l := range t.lanes {
		y := top + float64(i)*laneH
		if i%2 == 0 {
			cv.rect(left, y, right-left, laneH, laneTint, "")
		}
		cv.text(left-10, y+laneH/2+laneFont*0.35, cv.fit(l, laneFont, false, labelW), laneFont, ink, end, "lane")
	}
	step := tickStep(ticks)
	for _, tk := range ticks {
		xv := left + (tk-tlo)/(thi-tlo)*(right-left)
		cv.line(xv, top, xv, bottom, 1, gridInk, false)
		label := formatTick(tk, step)
		if tk != 0 {
			label += suffix
		}
		cv.text(xv, bottom+16, label, 11, softInk, middle, "tick")
	}

	var kinds []string
	for _, s := range t.spans {
		k := kind(s.Label)
		ki := slices.Index(kinds, k)
		if ki < 0 {
			kinds = append(kinds, k)
			ki = len(kinds) - 1
		}
		col := palette[ki%len(palette)]
		a, b := min(s.Start, s.End), max(s.Start, s.End)
		x0, x1 := x(a), x(b)
		w := x1 - x0
		if w > 2 {
			x0, w = x0+0.5, w-1 // a hairline gap between neighbouring bars
		} else {
			w = math.Max(w, 1)
		}
		y := top + float64(t.lane(s.Lane))*laneH + (laneH-barH)/2
		bar := cv.rect(x0, y, w, barH, col, "span")
		bar.rx = math.Min(2, w/2)
		bar.tip = fmt.Sprintf("%s on %s: %v to %v (%v)", s.Label, s.Lane, a, b, b-a)
		size := math.Min(11, barH-4)
		if size >= 7 && s.Label != "" && cv.measure(s.Label, size, false)+6 <= w {
			cv.text(x0+w/2, y+barH/2+size*0.35, s.Label, size, textOn(col), middle, "span-label")
		}
	}
	cv.line(left, bottom, right, bottom, 1, axisInk, false)
	cv.h = bottom + 28
	return cv
}

// String draws each lane as a row of characters, 60 wide, alternating █
// and ▓ between consecutive spans so that neighbours stay apart.
func (t *timeline) String() string {
	const width = 60
	var b strings.Builder
	if t.title != "" {
		b.WriteString(t.title + "\n")
	}
	if len(t.spans) == 0 {
		b.WriteString("no spans recorded")
		return b.String()
	}
	lo, hi := t.span()
	if hi == lo {
		hi = lo + 1
	}
	labelW := 0
	for _, l := range t.lanes {
		labelW = max(labelW, len([]rune(l)))
	}
	rows := make([][]rune, len(t.lanes))
	for i := range rows {
		rows[i] = []rune(strings.Repeat(" ", width))
	}
	count := make([]int, len(t.lanes))
	cellOf := func(d time.Duration) float64 { return float64(d-lo) / float64(hi-lo) * width }
	for _, s := range t.spans {
		li := t.lane(s.Lane)
		a, e := cellOf(min(s.Start, s.End)), cellOf(max(s.Start, s.End))
		c0 := min(int(math.Round(a)), width-1)
		c1 := max(int(math.Round(e)), c0+1)
		ch := '█'
		if count[li]%2 == 1 {
			ch = '▓'
		}
		count[li]++
		for c := c0; c < min(c1, width); c++ {
			rows[li][c] = ch
		}
	}
	for i, l := range t.lanes {
		fmt.Fprintf(&b, "%s%s |%s|\n", l, strings.Repeat(" ", labelW-len([]rune(l))), string(rows[i]))
	}
	end := fmt.Sprint(hi)
	fmt.Fprintf(&b, "%s  %v%s%s\n", strings.Repeat(" ", labelW), lo, strings.Repeat(" ", max(1, width+1-len(fmt.Sprint(lo))-len(end))), end)
	fmt.Fprintf(&b, "%d spans on %d lanes", len(t.spans), len(t.lanes))
	return b.String()
}
