package display

import (
	"encoding/xml"
	"strings"
	"testing"
)

func sampleTable() Table {
	t := Table{
		Title:  "Counting primes",
		Header: []string{"variant", "median", "speedup"},
		Note:   "2 cores",
	}
	t.AddRow("serial", "1.20 s", "1.00x")
	t.AddRow("goroutines", "612 ms", "1.96x")
	t.Rows = append(t.Rows, []string{"short row"})
	return t
}

func TestTableText(t *testing.T) {
	got := sampleTable().String()
	want := strings.Join([]string{
		"Counting primes",
		"variant     median  speedup",
		"----------  ------  -------",
		"serial      1.20 s    1.00x",
		"goroutines  612 ms    1.96x",
		"short row",
		"2 cores",
	}, "\n")
	if got != want {
		t.Errorf("text table:\n%s\nwant:\n%s", got, want)
	}
}

func TestTableHTMLEscapes(t *testing.T) {
	tb := Table{
		Title:  `<script>alert("t")</script>`,
		Header: []string{"a<b", "c&d"},
		Rows:   [][]string{{"<img src=x onerror=y>", "1 & 2"}, {"line\nbreak", `"q"`}},
		Note:   "</table>",
	}
	h := tb.HTML()
	for _, bad := range []string{"<script", "<img", "a<b", "</table></table>"} {
		if strings.Contains(h, bad) {
			t.Errorf("HTML contains unescaped %q: %s", bad, h)
		}
	}
	// The fragment is well formed and the cells read back as written.
	var doc struct {
		Rows []struct {
			Cells []string `xml:"td"`
		} `xml:"table>tbody>tr"`
		Heads []string `xml:"table>thead>tr>th"`
	}
	if err := xml.Unmarshal([]byte(strings.ReplaceAll(h, "<br>", "<br/>")), &doc); err != nil {
		t.Fatalf("HTML does not parse: %v\n%s", err, h)
	}
	if len(doc.Heads) != 2 || doc.Heads[0] != "a<b" || doc.Heads[1] != "c&d" {
		t.Errorf("headers read back as %q", doc.Heads)
	}
	if len(doc.Rows) != 2 || doc.Rows[0].Cells[0] != "<img src=x onerror=y>" || doc.Rows[0].Cells[1] != "1 & 2" {
		t.Errorf("rows read back as %q", doc.Rows)
	}
}

func TestTableMarkdown(t *testing.T) {
	tb := Table{Header: []string{"name", "n"}, Rows: [][]string{{"a|b", "1"}, {"x_y*", "22"}}}
	want := "| name | n |\n|---|---:|\n| a\\|b | 1 |\n| x\\_y\\* | 22 |"
	if got := tb.Markdown(); got != want {
		t.Errorf("markdown:\n%s\nwant:\n%s", got, want)
	}
}

func TestTableRenderMIME(t *testing.T) {
	m := sampleTable().RenderMIME()
	for _, k := range []string{"text/plain", "text/html", "text/markdown"} {
		if s, _ := m[k].(string); s == "" {
			t.Errorf("bundle lacks %s", k)
		}
	}
	// A Table value, not only a pointer, is a Renderer.
	var _ Renderer = Table{}
}

func TestTableNumericColumns(t *testing.T) {
	tb := Table{Rows: [][]string{{"a", "-1.5", "n/a", ""}, {"b", ".5x", "3", ""}}}
	got := tb.numeric()
	want := []bool{false, true, false, false}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("column %d numeric = %v, want %v", i, got[i], want[i])
		}
	}
}
