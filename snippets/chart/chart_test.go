package chart

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"image"
	"image/color"
	"image/png"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chanlab/chanlab/snippets/display"
)

// node is a parsed SVG element.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Text    string     `xml:",chardata"`
	Nodes   []node     `xml:",any"`
}

func (n node) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n node) float(t *testing.T, name string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(n.attr(name), 64)
	if err != nil {
		t.Fatalf("<%s %s=%q>: %v", n.XMLName.Local, name, n.attr(name), err)
	}
	return v
}

// class returns every element below n with the given class.
func (n node) class(c string) []node {
	var found []node
	for _, k := range n.Nodes {
		if k.attr("class") == c {
			found = append(found, k)
		}
		found = append(found, k.class(c)...)
	}
	return found
}

func texts(ns []node) []string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = n.Text
	}
	return s
}

// parseSVG parses an SVG document and checks what every chart's SVG has.
func parseSVG(t *testing.T, s string) node {
	t.Helper()
	var root node
	if err := xml.Unmarshal([]byte(s), &root); err != nil {
		t.Fatalf("SVG does not parse: %v\n%s", err, s)
	}
	if root.XMLName.Local != "svg" || root.XMLName.Space != "http://www.w3.org/2000/svg" {
		t.Fatalf("root element is %v", root.XMLName)
	}
	vb := strings.Fields(root.attr("viewBox"))
	if len(vb) != 4 || vb[0] != "0" || vb[1] != "0" || vb[2] != strconv.Itoa(Width) {
		t.Errorf("viewBox = %q", root.attr("viewBox"))
	}
	if strings.Contains(s, "href") || strings.Contains(s, "<script") {
		t.Errorf("SVG is not self-contained: %s", s)
	}
	return root
}

func sameStrings(a, b []string) bool {
	return strings.Join(a, "\x00") == strings.Join(b, "\x00")
}

func TestBarSVG(t *testing.T) {
	root := parseSVG(t, sampleCharts()["bar"].SVG())
	bars := root.class("bar")
	if len(bars) != 4 {
		t.Fatalf("%d bars, want 4", len(bars))
	}
	if got := texts(root.class("label")); !sameStrings(got, []string{"serial", "goroutines (GOMAXPROCS=1)", "goroutines", "process pool"}) {
		t.Errorf("labels = %q", got)
	}
	if got := texts(root.class("value")); !sameStrings(got, []string{"1.00x", "0.97x", "1.94x", "1.71x"}) {
		t.Errorf("values = %q", got)
	}
	// Bar lengths are proportional to the values and start at one x.
	w0 := bars[0].float(t, "width")
	for i, want := range []float64{1, 0.97, 1.94, 1.71} {
		if got := bars[i].float(t, "width") / w0; math.Abs(got-want) > 0.01 {
			t.Errorf("bar %d is %.3f times bar 0, want %.2f", i, got, want)
		}
		if bars[i].attr("x") != bars[0].attr("x") {
			t.Errorf("bar %d starts at x=%s, bar 0 at %s", i, bars[i].attr("x"), bars[0].attr("x"))
		}
	}
	if got := texts(root.class("title")); len(got) != 1 || got[0] != "Counting primes below 2,000,000" {
		t.Errorf("title = %q", got)
	}
	ticks := texts(root.class("tick"))
	if len(ticks) < 3 || ticks[0] != "0x" {
		t.Errorf("ticks = %q", ticks)
	}
}

func TestBarMissingAndNegative(t *testing.T) {
	c := Bar("", "ms", []string{"a", "b", "c"}, []float64{3, math.NaN(), -1})
	root := parseSVG(t, c.SVG())
	if n := len(root.class("bar")); n != 2 {
		t.Errorf("%d bars, want 2 (NaN draws none)", n)
	}
	if got := texts(root.class("value")); !sameStrings(got, []string{"3.00 ms", "n/a", "-1.00 ms"}) {
		t.Errorf("values = %q", got)
	}
	if len(root.class("title")) != 0 {
		t.Errorf("empty title drawn")
	}
	// More labels than values, and the reverse, are padded.
	if n := len(parseSVG(t, Bar("t", "", []string{"x"}, []float64{1, 2}).SVG()).class("label")); n != 2 {
		t.Errorf("%d labels for 2 values", n)
	}
}

func TestSVGEscapesText(t *testing.T) {
	evil := `<script>alert("x")</script> & "q"`
	for name, c := range map[string]*Chart{
		"bar":      Bar(evil, evil, []string{evil}, []float64{1}),
		"line":     Line(evil, evil, evil, []float64{1, 2}, Series{Name: evil, Y: []float64{1, 2}}),
		"timeline": Timeline(evil, []Span{{Lane: evil, Label: evil, End: time.Second}}),
	} {
		root := parseSVG(t, c.SVG())
		if got := texts(root.class("title")); len(got) != 1 || !strings.HasPrefix(evil, strings.TrimSuffix(got[0], "…")) {
			t.Errorf("%s: title read back as %q", name, got)
		}
	}
}

func TestLineSVG(t *testing.T) {
	root := parseSVG(t, sampleCharts()["line"].SVG())
	if n := len(root.class("series")); n != 3 {
		t.Errorf("%d series lines, want 3", n)
	}
	if n := len(root.class("point")); n != 15 {
		t.Errorf("%d points, want 15", n)
	}
	if got := texts(root.class("legend")); !sameStrings(got, []string{"goroutines", "process pool", "GOMAXPROCS=1 (a GIL)"}) {
		t.Errorf("legend = %q", got)
	}
	// Doubling worker counts get a log axis with a tick at each.
	var xticks []string
	for _, tk := range root.class("tick") {
		if tk.attr("text-anchor") == "middle" {
			xticks = append(xticks, tk.Text)
		}
	}
	if !sameStrings(xticks, []string{"1", "2", "4", "8", "16"}) {
		t.Errorf("x ticks = %q", xticks)
	}
	labels := root.class("axis-label")
	if len(labels) != 2 || labels[0].Text != "workers" || labels[1].Text != "seconds" || !strings.HasPrefix(labels[1].attr("transform"), "rotate(-90") {
		t.Errorf("axis labels = %+v", labels)
	}
	// Equal gaps between 1, 2, 4, 8, 16 on the log axis.
	pts := root.class("point")[:5]
	gap := pts[1].float(t, "cx") - pts[0].float(t, "cx")
	for i := 2; i < 5; i++ {
		if g := pts[i].float(t, "cx") - pts[i-1].float(t, "cx"); math.Abs(g-gap) > 0.2 {
			t.Errorf("gap %d = %.1f, want %.1f", i, g, gap)
		}
	}
}

func TestLineGapsAndLinearAxis(t *testing.T) {
	c := Line("", "n", "", []float64{0, 10, 20, 30, 40}, Series{Y: []float64{1, 2, math.NaN(), 4, 5}}, Series{Name: "short", Y: []float64{3}})
	root := parseSVG(t, c.SVG())
	if n := len(root.class("series")); n != 2 {
		t.Errorf("%d line pieces, want 2 (a NaN breaks the line; one point draws none)", n)
	}
	if n := len(root.class("point")); n != 5 {
		t.Errorf("%d points, want 5", n)
	}
	var xticks []string
	for _, tk := range root.class("tick") {
		if tk.attr("text-anchor") == "middle" {
			xticks = append(xticks, tk.Text)
		}
	}
	if !sameStrings(xticks, []string{"0", "5", "10", "15", "20", "25", "30", "35", "40"}) && !sameStrings(xticks, []string{"0", "10", "20", "30", "40"}) {
		t.Errorf("linear x ticks = %q", xticks)
	}
	want := " n  series 1  short\n--  --------  -----\n 0      1.00   3.00\n10      2.00\n20\n30      4.00\n40      5.00"
	if got := c.String(); got != want {
		t.Errorf("text:\n%s\nwant:\n%s", got, want)
	}
}

func TestTimelineSVG(t *testing.T) {
	root := parseSVG(t, sampleCharts()["timeline"].SVG())
	if got := texts(root.class("lane")); !sameStrings(got, []string{"worker 1", "worker 2", "worker 3", "worker 4", "main"}) {
		t.Errorf("lanes = %q", got)
	}
	spans := root.class("span")
	if len(spans) != 23 {
		t.Fatalf("%d spans, want 23", len(spans))
	}
	for _, s := range spans {
		if len(s.Nodes) != 1 || s.Nodes[0].XMLName.Local != "title" || !strings.Contains(s.Nodes[0].Text, " on ") {
			t.Errorf("span without a tooltip: %+v", s)
		}
	}
	// The tasks share a colour; "collect" has another.
	if spans[0].attr("fill") != spans[5].attr("fill") || spans[0].attr("fill") == spans[22].attr("fill") {
		t.Errorf("colours: task %s, task %s, collect %s", spans[0].attr("fill"), spans[5].attr("fill"), spans[22].attr("fill"))
	}
	if n := len(root.class("span-label")); n != 23 {
		t.Errorf("%d labels inside bars, want 23 (all fit)", n)
	}
}

func TestTimelineLabelsOnlyWhereTheyFit(t *testing.T) {
	c := Timeline("", []Span{
		{Lane: "g1", Label: "long enough to show", Start: 0, End: time.Second},
		{Lane: "g2", Label: "tiny", Start: 0, End: time.Millisecond},
		{Lane: "g2", Label: "zero", Start: 500 * time.Millisecond, End: 500 * time.Millisecond},
	})
	root := parseSVG(t, c.SVG())
	if got := texts(root.class("span-label")); !sameStrings(got, []string{"long enough to show"}) {
		t.Errorf("labels inside bars = %q", got)
	}
	for _, s := range root.class("span") {
		if s.float(t, "width") < 1 {
			t.Errorf("a span is narrower than a pixel: %v", s.Attrs)
		}
	}
}

func TestManyLanes(t *testing.T) {
	var spans []Span
	for i := range 40 {
		spans = append(spans, Span{Lane: "g" + strconv.Itoa(i), Label: "t", Start: time.Duration(i) * time.Microsecond, End: time.Duration(i+50) * time.Microsecond})
	}
	c := Timeline("40 goroutines", spans)
	root := parseSVG(t, c.SVG())
	if n := len(root.class("lane")); n != 40 {
		t.Errorf("%d lanes, want 40", n)
	}
	if ticks := texts(root.class("tick")); ticks[len(ticks)-1] != "100µs" {
		t.Errorf("time ticks = %q", ticks)
	}
	checkPNG(t, c)
}

// checkPNG decodes a chart's PNG and checks its size against the SVG and
// that it is not blank.
func checkPNG(t *testing.T, c *Chart) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(c.PNG()))
	if err != nil {
		t.Fatalf("PNG does not decode: %v", err)
	}
	root := parseSVG(t, c.SVG())
	w, h := root.float(t, "width"), root.float(t, "height")
	if b := img.Bounds(); b.Dx() != int(math.Ceil(w*PNGScale)) || b.Dy() != int(math.Ceil(h*PNGScale)) {
		t.Errorf("PNG is %dx%d, want %gx%g times %d", b.Dx(), b.Dy(), w, h, PNGScale)
	}
	pimg, ok := img.(*image.Paletted)
	if !ok {
		t.Fatalf("PNG decodes as %T, want a paletted image", img)
	}
	drawn := make([]bool, len(pimg.Palette))
	for i, c := range pimg.Palette {
		r, g, bl, _ := c.RGBA()
		drawn[i] = r < 0xf000 || g < 0xf000 || bl < 0xf000
	}
	ink := 0
	for _, p := range pimg.Pix {
		if drawn[p] {
			ink++
		}
	}
	b := img.Bounds()
	if share := float64(ink) / float64(b.Dx()*b.Dy()); share < 0.01 {
		t.Errorf("only %.2f%% of the PNG is drawn on", share*100)
	}
	return img
}

func near(a, b color.Color) bool {
	r1, g1, b1, _ := a.RGBA()
	r2, g2, b2, _ := b.RGBA()
	d := func(x, y uint32) bool { return x>>8 <= y>>8+3 && y>>8 <= x>>8+3 }
	return d(r1, r2) && d(g1, g2) && d(b1, b2)
}

func TestPNG(t *testing.T) {
	for name, c := range sampleCharts() {
		t.Run(name, func(t *testing.T) {
			img := checkPNG(t, c)
			// The middle of the first bar (or span) has the bar's colour.
			root := parseSVG(t, c.SVG())
			bars := append(root.class("bar"), root.class("span")...)
			if len(bars) == 0 {
				return
			}
			b := bars[0]
			x := (b.float(t, "x") + 2) * PNGScale
			y := (b.float(t, "y") + 2) * PNGScale
			if got := img.At(int(x), int(y)); !near(got, palette[0]) {
				t.Errorf("PNG at the first bar is %v, want %v", got, palette[0])
			}
		})
	}
}

func TestEmptyCharts(t *testing.T) {
	for name, c := range map[string]*Chart{
		"bar":      Bar("nothing", "", nil, nil),
		"line":     Line("nothing", "", "", nil),
		"timeline": Timeline("nothing", nil),
		"one":      Line("", "", "", []float64{3}, Series{Y: []float64{3}}),
	} {
		t.Run(name, func(t *testing.T) {
			parseSVG(t, c.SVG())
			if _, err := png.Decode(bytes.NewReader(c.PNG())); err != nil {
				t.Fatalf("PNG does not decode: %v", err)
			}
			_ = c.String()
		})
	}
}

func TestRenderMIME(t *testing.T) {
	c := sampleCharts()["bar"]
	var r display.MetadataRenderer = c
	m := r.RenderMIME()
	parseSVG(t, m["image/svg+xml"].(string))
	raw, err := base64.StdEncoding.DecodeString(m["image/png"].(string))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if m["text/plain"] != c.String() {
		t.Errorf("text/plain differs from String()")
	}
	md := r.RenderMetadata()["image/png"].(map[string]any)
	if md["width"] != Width || md["height"].(int)*PNGScale != cfg.Height {
		t.Errorf("metadata %v does not match a %dx%d PNG", md, cfg.Width, cfg.Height)
	}
}

func TestChartCopiesData(t *testing.T) {
	v := []float64{1, 2}
	c := Bar("", "", []string{"a", "b"}, v)
	before := c.String()
	v[0] = 100
	if c.String() != before {
		t.Errorf("chart changed when the caller's slice did")
	}
}

func TestBarText(t *testing.T) {
	got := Bar("Speedup", "x", []string{"serial", "parallel"}, []float64{1, 2}).String()
	want := "Speedup\nserial    " + strings.Repeat("█", 20) + " 1.00x\nparallel  " + strings.Repeat("█", 40) + " 2.00x"
	if got != want {
		t.Errorf("text:\n%s\nwant:\n%s", got, want)
	}
}

func TestTimelineText(t *testing.T) {
	c := Timeline("T", []Span{
		{Lane: "a", Label: "1", Start: 0, End: 30 * time.Millisecond},
		{Lane: "a", Label: "2", Start: 30 * time.Millisecond, End: 60 * time.Millisecond},
		{Lane: "bb", Label: "3", Start: 0, End: 60 * time.Millisecond},
	})
	lines := strings.Split(c.String(), "\n")
	if len(lines) != 5 {
		t.Fatalf("text has %d lines:\n%s", len(lines), c.String())
	}
	if want := "a  |" + strings.Repeat("█", 30) + strings.Repeat("▓", 30) + "|"; lines[1] != want {
		t.Errorf("lane a = %q, want %q", lines[1], want)
	}
	if want := "bb |" + strings.Repeat("█", 60) + "|"; lines[2] != want {
		t.Errorf("lane bb = %q", lines[2])
	}
	if !strings.HasSuffix(lines[3], "60ms") || lines[4] != "3 spans on 2 lanes" {
		t.Errorf("axis and summary = %q, %q", lines[3], lines[4])
	}
}

func TestNiceTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		n      int
		want   string
	}{
		{0, 1, 6, "0 0.2 0.4 0.6 0.8 1"},
		{0, 2044, 6, "0 500 1000 1500 2000 2500"},
		{0, 1.94, 6, "0 0.5 1 1.5 2"},
		{-3, 7, 6, "-5 -2.5 0 2.5 5 7.5"},
		{0, 0, 6, "0 0.2 0.4 0.6 0.8 1"},
		{5, 5, 6, "2 4 6 8"},
		{0, 187, 8, "0 50 100 150 200"},
	} {
		var parts []string
		for _, v := range niceTicks(tc.lo, tc.hi, tc.n) {
			parts = append(parts, strconv.FormatFloat(v, 'g', -1, 64))
		}
		if got := strings.Join(parts, " "); got != tc.want {
			t.Errorf("niceTicks(%g, %g, %d) = %s, want %s", tc.lo, tc.hi, tc.n, got, tc.want)
		}
	}
}

func TestFormatValue(t *testing.T) {
	for v, want := range map[float64]string{
		0: "0", 1: "1.00", 1.234: "1.23", 12.34: "12.3", 1234.5: "1234", 0.7: "0.70", 0.97: "0.97",
		0.01234: "0.0123", 2.5e7: "25.0M", 14300: "14.3k", 9999: "9999", 1.5e9: "1.50G", 3e13: "3e+13", -3.21: "-3.21", math.NaN(): "n/a",
	} {
		if got := formatValue(v); got != want {
			t.Errorf("formatValue(%g) = %q, want %q", v, got, want)
		}
	}
}

func TestConcurrentRendering(t *testing.T) {
	c := sampleCharts()["bar-times"]
	want := c.SVG()
	done := make(chan string)
	for range 4 {
		go func() {
			c.PNG()
			done <- c.SVG()
		}()
	}
	for range 4 {
		if got := <-done; got != want {
			t.Errorf("SVG drawn concurrently differs")
		}
	}
}

func TestOrderLanes(t *testing.T) {
	got := orderLanes([]string{"w3", "main", "w1", "w10", "w2", "g", "io 2", "io 1"})
	want := []string{"w1", "w2", "w3", "w10", "main", "g", "io 1", "io 2"}
	if !sameStrings(got, want) {
		t.Errorf("orderLanes = %q, want %q", got, want)
	}
}
