package timing

import (
	"encoding/base64"
	"fmt"
	"html"
	"strconv"
	"time"

	"github.com/chanlab/chanlab/snippets/chart"
	"github.com/chanlab/chanlab/snippets/display"
)

// A Variant is one way of doing a job, for [Compare].
type Variant struct {
	Name string
	Fn   func()
}

// A Comparison holds the measurements of several variants of one job. The
// first variant is the baseline that speedups are relative to.
type Comparison struct {
	Title   string
	Results []Stats
}

// Compare measures each variant (with the options of [Measure]) and returns
// their statistics. Variants run one after another, never at the same
// time, so they do not compete for the CPU, and the runs are interleaved:
// after the warm-up, every round times each variant once, in order, so load
// that comes and goes on the machine meanwhile falls on all variants alike.
// A variant drops out of later rounds once its runs have used up the
// budget. A panic in a variant reaches the caller.
func Compare(title string, variants []Variant, opts ...Option) *Comparison {
	c := newConfig(opts)
	times := make([][]time.Duration, len(variants))
	totals := make([]time.Duration, len(variants))
	done := make([]bool, len(variants))
	for i, v := range variants {
		for j := 0; j < c.warmup; j++ {
			// As in Measure, a warm-up run over the budget is the measurement.
			if d := Time(v.Fn); c.budget > 0 && d >= c.budget {
				times[i], done[i] = append(times[i], d), true
				break
			}
		}
	}
	for r := 0; r < c.runs; r++ {
		for i, v := range variants {
			if done[i] {
				continue
			}
			d := Time(v.Fn)
			times[i] = append(times[i], d)
			totals[i] += d
			done[i] = c.budget > 0 && totals[i] >= c.budget
		}
	}
	cmp := &Comparison{Title: title}
	for i, v := range variants {
		cmp.Results = append(cmp.Results, summarize(v.Name, times[i]))
	}
	return cmp
}

// Speedup returns how many times faster the named variant ran than the
// baseline (the first variant), comparing medians: 2 means twice as fast.
// It returns 0 if there is no variant with that name.
func (c *Comparison) Speedup(name string) float64 {
	if len(c.Results) == 0 {
		return 0
	}
	for _, s := range c.Results {
		if s.Name == name {
			return ratio(c.Results[0].Median, s.Median)
		}
	}
	return 0
}

// Median returns the median time of the named variant, or 0 if there is
// no variant with that name.
func (c *Comparison) Median(name string) time.Duration {
	for _, s := range c.Results {
		if s.Name == name {
			return s.Median
		}
	}
	return 0
}

func ratio(base, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(base) / float64(d)
}

// FormatSpeedup prints a speedup such as 3.9 as "3.90x".
func FormatSpeedup(x float64) string {
	return strconv.FormatFloat(x, 'f', 2, 64) + "x"
}

// Table returns the comparison as a table:
// Variant | Median | Min | Max | Speedup.
func (c *Comparison) Table() display.Table {
	t := display.Table{Title: c.Title, Header: []string{"Variant", "Median", "Min", "Max", "Speedup"}}
	for _, s := range c.Results {
		t.Rows = append(t.Rows, []string{s.Name, FormatDuration(s.Median),
			FormatDuration(s.Min), FormatDuration(s.Max), FormatSpeedup(c.Speedup(s.Name))})
	}
	if len(c.Results) > 0 {
		t.Note = fmt.Sprintf("speedup = median of %s / median of the variant", c.Results[0].Name)
	}
	return t
}

// Chart returns a bar chart of the median times.
func (c *Comparison) Chart() *chart.Chart {
	var names []string
	var medians []time.Duration
	for _, s := range c.Results {
		names = append(names, s.Name)
		medians = append(medians, s.Median)
	}
	unit, scale := unitFor(medians)
	values := make([]float64, len(medians))
	for i, d := range medians {
		values[i] = float64(d) / float64(scale)
	}
	return chart.Bar(c.Title, unit, names, values)
}

// String prints the comparison as an aligned table.
func (c *Comparison) String() string { return c.Table().String() }

// RenderMIME shows the table and the bar chart in a notebook.
func (c *Comparison) RenderMIME() display.MIME { return withChart(c.Table(), c.Chart()) }

// unitFor picks the unit in which the largest of ds reads best.
func unitFor(ds []time.Duration) (string, time.Duration) {
	var top time.Duration
	for _, d := range ds {
		top = max(top, d)
	}
	switch {
	case top >= time.Second:
		return "s", time.Second
	case top >= time.Millisecond:
		return "ms", time.Millisecond
	default:
		return "µs", time.Microsecond
	}
}

// withChart combines a table and a chart in one bundle: the HTML shows the
// table above the chart as a PNG (which untrusted notebooks still show),
// the plain text shows both as text.
func withChart(t display.Table, c *chart.Chart) display.MIME {
	m := t.RenderMIME()
	img := fmt.Sprintf(`<img alt="%s" width="%d" src="data:image/png;base64,%s"/>`,
		html.EscapeString(t.Title), chart.Width, base64.StdEncoding.EncodeToString(c.PNG()))
	m["text/html"] = fmt.Sprint(m["text/html"]) + "\n" + img
	m["text/plain"] = fmt.Sprint(m["text/plain"]) + "\n" + c.String()
	delete(m, "text/markdown") // a Markdown table would hide the chart
	return m
}

// A SweepVariant is one way of doing a job that depends on a parameter n,
// such as the number of workers, for [Sweep].
type SweepVariant struct {
	Name string
	Fn   func(n int)
}

// A SweepResult holds the statistics of every variant at every value of
// the swept parameter.
type SweepResult struct {
	Title  string
	Param  string             // name of the parameter, such as "Workers"
	Values []int              // the parameter values, in order
	Names  []string           // the variant names, in order
	Stats  map[string][]Stats // variant name → one Stats per value
}

// Sweep measures every variant at every parameter value (with the options
// of [Measure]) and returns the results. For each value, the variants run
// one after another in order. A panic in a variant reaches the caller.
func Sweep(title, param string, values []int, variants []SweepVariant, opts ...Option) *SweepResult {
	r := &SweepResult{Title: title, Param: param, Values: append([]int(nil), values...),
		Stats: make(map[string][]Stats)}
	for _, v := range variants {
		r.Names = append(r.Names, v.Name)
	}
	for _, n := range values {
		for _, v := range variants {
			fn, n := v.Fn, n
			r.Stats[v.Name] = append(r.Stats[v.Name], Measure(v.Name, func() { fn(n) }, opts...))
		}
	}
	return r
}

// Median returns the median time of the named variant at parameter value
// n, or 0 if there is no such measurement.
func (r *SweepResult) Median(name string, n int) time.Duration {
	for i, v := range r.Values {
		if v == n && i < len(r.Stats[name]) {
			return r.Stats[name][i].Median
		}
	}
	return 0
}

// Speedup returns how many times faster the named variant ran than the
// first variant at parameter value n, or 0 if either is missing.
func (r *SweepResult) Speedup(name string, n int) float64 {
	if len(r.Names) == 0 {
		return 0
	}
	return ratio(r.Median(r.Names[0], n), r.Median(name, n))
}

// Table returns one row per parameter value and one column per variant,
// each cell the median time.
func (r *SweepResult) Table() display.Table {
	t := display.Table{Title: r.Title, Header: append([]string{r.Param}, r.Names...)}
	for i, n := range r.Values {
		row := []string{strconv.Itoa(n)}
		for _, name := range r.Names {
			cell := ""
			if i < len(r.Stats[name]) {
				cell = FormatDuration(r.Stats[name][i].Median)
			}
			row = append(row, cell)
		}
		t.Rows = append(t.Rows, row)
	}
	t.Note = "median wall-clock time"
	return t
}

// Chart returns a line chart: the parameter across, the median time of
// each variant up.
func (r *SweepResult) Chart() *chart.Chart {
	var all []time.Duration
	for _, name := range r.Names {
		for _, s := range r.Stats[name] {
			all = append(all, s.Median)
		}
	}
	unit, scale := unitFor(all)
	x := make([]float64, len(r.Values))
	for i, v := range r.Values {
		x[i] = float64(v)
	}
	var series []chart.Series
	for _, name := range r.Names {
		y := make([]float64, len(r.Stats[name]))
		for i, s := range r.Stats[name] {
			y[i] = float64(s.Median) / float64(scale)
		}
		series = append(series, chart.Series{Name: name, Y: y})
	}
	return chart.Line(r.Title, r.Param, "median time ("+unit+")", x, series...)
}

// String prints the table.
func (r *SweepResult) String() string { return r.Table().String() }

// RenderMIME shows the table and the line chart in a notebook.
func (r *SweepResult) RenderMIME() display.MIME { return withChart(r.Table(), r.Chart()) }
