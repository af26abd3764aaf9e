package display

import (
	"fmt"
	"html"
	"strings"
	"unicode/utf8"
)

// A Table is a titled table of text cells. It shows as an HTML table in a
// notebook, as aligned columns in plain text, and as a Markdown table.
// Columns whose cells all start with a number (such as "1.25 ms", "3.9x"
// or "-2") are right-aligned. Rows may be shorter than the header.
type Table struct {
	Title  string
	Header []string
	Rows   [][]string
	Note   string // a line under the table, such as the units or the machine
}

// AddRow appends a row whose cells are the fmt.Sprint forms of cells.
func (t *Table) AddRow(cells ...any) {
	row := make([]string, len(cells))
	for i, c := range cells {
		row[i] = fmt.Sprint(c)
	}
	t.Rows = append(t.Rows, row)
}

// RenderMIME returns the table as text/html, text/markdown and text/plain.
func (t Table) RenderMIME() MIME {
	return MIME{
		"text/html":     t.HTML(),
		"text/markdown": t.Markdown(),
		"text/plain":    t.String(),
	}
}

// columns returns the number of columns: the widest of header and rows.
func (t Table) columns() int {
	n := len(t.Header)
	for _, r := range t.Rows {
		n = max(n, len(r))
	}
	return n
}

func cell(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

// numeric reports, per column, whether every non-empty body cell starts
// with a number.
func (t Table) numeric() []bool {
	num := make([]bool, t.columns())
	for i := range num {
		seen := false
		num[i] = true
		for _, r := range t.Rows {
			c := strings.TrimSpace(cell(r, i))
			if c == "" {
				continue
			}
			seen = true
			if !startsWithNumber(c) {
				num[i] = false
				break
			}
		}
		num[i] = num[i] && seen
	}
	return num
}

func startsWithNumber(s string) bool {
	s = strings.TrimLeft(s, "+-−")
	s = strings.TrimPrefix(s, ".")
	return s != "" && s[0] >= '0' && s[0] <= '9'
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}

// String returns the table as plain text with aligned columns.
func (t Table) String() string {
	n := t.columns()
	num := t.numeric()
	width := make([]int, n)
	grid := make([][]string, 0, len(t.Rows)+1)
	if len(t.Header) > 0 {
		grid = append(grid, t.Header)
	}
	grid = append(grid, t.Rows...)
	for _, r := range grid {
		for i := range n {
			width[i] = max(width[i], utf8.RuneCountInString(oneLine(cell(r, i))))
		}
	}
	var b strings.Builder
	if t.Title != "" {
		b.WriteString(t.Title + "\n")
	}
	line := func(r []string) {
		var l strings.Builder
		for i := range n {
			c := oneLine(cell(r, i))
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if i > 0 {
				l.WriteString("  ")
			}
			if num[i] {
				l.WriteString(pad + c)
			} else {
				l.WriteString(c + pad)
			}
		}
		b.WriteString(strings.TrimRight(l.String(), " ") + "\n")
	}
	if len(t.Header) > 0 {
		line(t.Header)
		rule := make([]string, n)
		for i := range rule {
			rule[i] = strings.Repeat("-", width[i])
		}
		line(rule)
	}
	for _, r := range t.Rows {
		line(r)
	}
	if t.Note != "" {
		b.WriteString(t.Note + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// HTML returns the table as an HTML fragment. Every cell, the title and
// the note are escaped, so they show as written.
func (t Table) HTML() string {
	n := t.columns()
	num := t.numeric()
	esc := func(s string) string {
		return strings.ReplaceAll(html.EscapeString(s), "\n", "<br>")
	}
	var b strings.Builder
	b.WriteString("<div class=\"chanlab-table\">")
	if t.Title != "" {
		fmt.Fprintf(&b, "<p><strong>%s</strong></p>", esc(t.Title))
	}
	b.WriteString("<table>")
	if len(t.Header) > 0 {
		b.WriteString("<thead><tr>")
		for i := range n {
			fmt.Fprintf(&b, "<th%s>%s</th>", align(num[i]), esc(cell(t.Header, i)))
		}
		b.WriteString("</tr></thead>")
	}
	b.WriteString("<tbody>")
	for _, r := range t.Rows {
		b.WriteString("<tr>")
		for i := range n {
			fmt.Fprintf(&b, "<td%s>%s</td>", align(num[i]), esc(cell(r, i)))
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</tbody></table>")
	if t.Note != "" {
		fmt.Fprintf(&b, "<p><small>%s</small></p>", esc(t.Note))
	}
	b.WriteString("</div>")
	return b.String()
}

func align(right bool) string {
	if right {
		return ` style="text-align:right"`
	}
	return ` style="text-align:left"`
}

// Markdown returns the table in GitHub-flavoured Markdown. Pipes in cells
// are escaped and line breaks become <br>.
func (t Table) Markdown() string {
	n := t.columns()
	if n == 0 {
		return mdEscape(t.Title)
	}
	num := t.numeric()
	var b strings.Builder
	if t.Title != "" {
		fmt.Fprintf(&b, "**%s**\n\n", mdEscape(t.Title))
	}
	row := func(r []string) {
		b.WriteString("|")
		for i := range n {
			b.WriteString(" " + mdEscape(cell(r, i)) + " |")
		}
		b.WriteString("\n")
	}
	row(t.Header) // Markdown tables need a header row, even an empty one
	b.WriteString("|")
	for i := range n {
		if num[i] {
			b.WriteString("---:|")
		} else {
			b.WriteString("---|")
		}
	}
	b.WriteString("\n")
	for _, r := range t.Rows {
		row(r)
	}
	if t.Note != "" {
		fmt.Fprintf(&b, "\n%s\n", mdEscape(t.Note))
	}
	return strings.TrimSuffix(b.String(), "\n")
}

var mdReplacer = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`",
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "\r\n", "<br>", "\n", "<br>",
)

func mdEscape(s string) string { return mdReplacer.Replace(s) }
