package display

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"os"
	"regexp"
	"strings"
	"testing"
)

// record installs a RecordingSink for the length of the test.
func record(t *testing.T) *RecordingSink {
	t.Helper()
	rec := &RecordingSink{}
	prev := SetSink(rec)
	t.Cleanup(func() { SetSink(prev) })
	return rec
}

type rich struct{}

func (rich) RenderMIME() MIME { return MIME{"text/html": "<b>rich</b>", "text/plain": "rich"} }

type sized struct{ rich }

func (sized) RenderMetadata() map[string]any {
	return map[string]any{"image/png": map[string]any{"width": 10}}
}

func TestShow(t *testing.T) {
	rec := record(t)
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	img.Set(1, 1, color.Black)

	Show(42)
	Show("hello")
	Show(nil)
	Show(MIME{"text/markdown": "# hi"})
	Show(rich{})
	Show(sized{})
	Show(img)

	out := rec.Outputs()
	if len(out) != 7 {
		t.Fatalf("got %d outputs, want 7", len(out))
	}
	for i, want := range []string{"42", "hello", "<nil>"} {
		if got := out[i].Data["text/plain"]; got != want {
			t.Errorf("output %d text/plain = %q, want %q", i, got, want)
		}
	}
	if out[3].Data["text/markdown"] != "# hi" {
		t.Errorf("MIME shown as %v", out[3].Data)
	}
	if out[4].Data["text/html"] != "<b>rich</b>" || out[4].Metadata != nil {
		t.Errorf("Renderer shown as %v, %v", out[4].Data, out[4].Metadata)
	}
	if out[5].Metadata["image/png"] == nil {
		t.Errorf("MetadataRenderer lost its metadata: %v", out[5].Metadata)
	}
	b64, _ := out[6].Data["image/png"].(string)
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatalf("image/png is not base64: %v", err)
	}
	back, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("image/png does not decode: %v", err)
	}
	if back.Bounds().Dx() != 3 || back.Bounds().Dy() != 2 {
		t.Errorf("decoded image is %v, want 3x2", back.Bounds())
	}
	if got := out[6].Data["text/plain"]; !strings.Contains(got.(string), "3x2") {
		t.Errorf("PNG text fallback %q does not give the size", got)
	}
	for _, o := range out {
		if o.DisplayID != "" || o.Update || o.Interim {
			t.Errorf("Show made %+v; want a plain display", o)
		}
	}
}

func TestRender(t *testing.T) {
	rec := record(t)
	Render(rich{})
	if out := rec.Outputs(); len(out) != 1 || out[0].Data["text/html"] != "<b>rich</b>" {
		t.Errorf("Render sent %+v", out)
	}
}

func TestShowCopiesBundle(t *testing.T) {
	rec := record(t)
	m := MIME{"text/plain": "a"}
	Show(m)
	m["text/plain"] = "b"
	if got := rec.Outputs()[0].Data["text/plain"]; got != "a" {
		t.Errorf("shown bundle changed with the caller's map: %v", got)
	}
}

func TestFormats(t *testing.T) {
	rec := record(t)
	HTML("<p>a &amp; b</p><script>x()</script><table><tr><td>1</td><td>2</td></tr></table>")
	Markdown("**bold**")
	SVG(`<svg xmlns="http://www.w3.org/2000/svg"/>`)
	PNG([]byte("not a png"))
	JSON(map[string]any{"a": []int{1, 2}})
	JSON(json.RawMessage(`{"b": true}`))
	JSON(func() {})
	Text("plain")
	out := rec.Outputs()
	if len(out) != 8 {
		t.Fatalf("got %d outputs, want 8", len(out))
	}
	if got := out[0].Data["text/plain"]; got != "a & b\n1\t2" {
		t.Errorf("HTML text fallback = %q", got)
	}
	if out[1].Data["text/markdown"] != "**bold**" {
		t.Errorf("Markdown bundle %v", out[1].Data)
	}
	if out[2].Data["image/svg+xml"] != `<svg xmlns="http://www.w3.org/2000/svg"/>` {
		t.Errorf("SVG bundle %v", out[2].Data)
	}
	if out[3].Data["image/png"] != base64.StdEncoding.EncodeToString([]byte("not a png")) {
		t.Errorf("PNG bundle %v", out[3].Data)
	}
	tree, _ := json.Marshal(out[4].Data["application/json"])
	if string(tree) != `{"a":[1,2]}` {
		t.Errorf("JSON bundle holds %s", tree)
	}
	if got := out[5].Data["application/json"].(map[string]any)["b"]; got != true {
		t.Errorf("raw JSON decoded to %v", out[5].Data)
	}
	if _, ok := out[6].Data["application/json"]; ok || !strings.Contains(out[6].Data["text/plain"].(string), "display.JSON") {
		t.Errorf("unencodable JSON shown as %v", out[6].Data)
	}
	if out[7].Data["text/plain"] != "plain" {
		t.Errorf("Text bundle %v", out[7].Data)
	}
}

func TestHandle(t *testing.T) {
	rec := record(t)
	h := New("first")
	h.Update("second")
	other := New("x")
	Clear(true)
	Clear(false)

	if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(h.ID()) {
		t.Errorf("ID %q is not 32 hex digits", h.ID())
	}
	if h.ID() == other.ID() {
		t.Errorf("two handles share the ID %q", h.ID())
	}
	out := rec.Outputs()
	if len(out) != 3 {
		t.Fatalf("got %d outputs, want 3", len(out))
	}
	if out[0].DisplayID != h.ID() || out[0].Update || out[0].Data["text/plain"] != "first" {
		t.Errorf("New sent %+v", out[0])
	}
	if out[1].DisplayID != h.ID() || !out[1].Update || out[1].Data["text/plain"] != "second" {
		t.Errorf("Update sent %+v", out[1])
	}
	if got := rec.Clears(); len(got) != 2 || !got[0] || got[1] {
		t.Errorf("clears = %v, want [true false]", got)
	}
}

func TestSetSink(t *testing.T) {
	a, b := &RecordingSink{}, &RecordingSink{}
	orig := SetSink(a)
	defer SetSink(orig)
	if prev := SetSink(b); prev != a {
		t.Errorf("SetSink returned %v, want the sink it replaced", prev)
	}
	Text("to b")
	if len(a.Outputs()) != 0 || len(b.Outputs()) != 1 {
		t.Errorf("output went to the wrong sink")
	}
	SetSink(nil)
	if _, ok := CurrentSink().(*TextSink); !ok {
		t.Errorf("SetSink(nil) installed %T, want *TextSink", CurrentSink())
	}
}

func TestTextSink(t *testing.T) {
	var buf bytes.Buffer
	prev := SetSink(NewTextSink(&buf))
	defer SetSink(prev)

	Text("one")
	HTML("<b>two</b>")
	Show(MIME{"image/png": "xx", "image/svg+xml": "<svg/>"})
	h := New("three")
	h.Update("four")
	CurrentSink().Show(Output{Data: MIME{"text/plain": "skipped"}, Interim: true})
	Clear(false)

	want := "one\ntwo\n[image/png, image/svg+xml]\nthree\nfour\n"
	if buf.String() != want {
		t.Errorf("text sink wrote %q, want %q", buf.String(), want)
	}
}

func TestTextSinkDefaultsToStdout(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	orig := os.Stdout
	os.Stdout = w
	(&TextSink{}).Show(Output{Data: MIME{"text/plain": "to stdout"}})
	os.Stdout = orig
	w.Close()
	var buf bytes.Buffer
	buf.ReadFrom(r)
	if buf.String() != "to stdout\n" {
		t.Errorf("stdout got %q", buf.String())
	}
}
