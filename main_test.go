package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chanlab/chanlab/kernel/server"
)

func TestInstallPrefix(t *testing.T) {
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	if code := run([]string{"install", "--prefix", dir, "--name", "x", "--display-name", "Go X"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	b, err := os.ReadFile(filepath.Join(dir, "share", "jupyter", "kernels", "x", "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Argv          []string `json:"argv"`
		DisplayName   string   `json:"display_name"`
		InterruptMode string   `json:"interrupt_mode"`
	}
	if err := json.Unmarshal(b, &spec); err != nil {
		t.Fatal(err)
	}
	if !filepath.IsAbs(spec.Argv[0]) || spec.Argv[1] != "kernel" || spec.DisplayName != "Go X" || spec.InterruptMode != "message" {
		t.Errorf("kernel.json = %s", b)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"nope"}, {"install", "--user", "--sys-prefix"}, {"install", "extra"}, {"kernel"}} {
		var out, errOut bytes.Buffer
		if code := run(args, &out, &errOut); code == 0 {
			t.Errorf("%q: exit 0", args)
		}
	}
	var out bytes.Buffer
	if code := run([]string{"install", "--help"}, &out, &out); code != 0 || !strings.Contains(out.String(), "--sys-prefix") {
		t.Errorf("install --help: %d %s", code, out.String())
	}
	out.Reset()
	if code := run([]string{"version"}, &out, &out); code != 0 || !strings.HasPrefix(out.String(), "chanlab ") {
		t.Errorf("version: %d %s", code, out.String())
	}
}

func TestKernelInfo(t *testing.T) {
	li := kernelInfo().LanguageInfo
	if li.Name != "go" || strings.HasPrefix(li.Version, "go") || li.MIMEType != "text/x-go" || li.FileExtension != ".go" {
		t.Errorf("language_info = %+v", li)
	}
}

type nullEngine struct{ ran []string }

func (e *nullEngine) Execute(ctx context.Context, req server.ExecuteRequest, out server.Output) server.ExecuteResult {
	e.ran = append(e.ran, req.Code)
	return server.ExecuteResult{Status: "ok"}
}
func (e *nullEngine) Interrupt() {}
func (e *nullEngine) Shutdown()  {}

type textOut struct{ strings.Builder }

func (o *textOut) Stream(name, text string)                       { o.WriteString(text) }
func (o *textOut) Display(d, m map[string]any, id string, u bool) {}
func (o *textOut) Clear(bool)                                     {}

func TestMagicEngine(t *testing.T) {
	inner := &nullEngine{}
	m := &magicEngine{Engine: inner}
	var out textOut
	if res := m.Execute(context.Background(), server.ExecuteRequest{Code: "%help"}, &out); res.Status != "ok" || out.Len() == 0 {
		t.Errorf("%%help: %+v %q", res, out.String())
	}
	if res := m.Execute(context.Background(), server.ExecuteRequest{Code: "%nosuch"}, &out); res.Status != "error" || res.Error.EName != "UsageError" {
		t.Errorf("%%nosuch: %+v", res)
	}
	m.Execute(context.Background(), server.ExecuteRequest{Code: "x := 1"}, &out)
	if len(inner.ran) != 1 || inner.ran[0] != "x := 1" {
		t.Errorf("engine ran %q", inner.ran)
	}
}

func TestHistoryAdapter(t *testing.T) {
	t.Setenv("CHANLAB_HISTORY", filepath.Join(t.TempDir(), "h.jsonl"))
	h := openHistory(nil)
	if h == nil {
		t.Fatal("no history")
	}
	defer h.store.Close()
	h.Append(1, "a := 1")
	h.Append(2, "b := 2")
	got, err := h.Query(server.HistoryRequest{HistAccessType: "tail", N: 1, Output: true})
	if err != nil || len(got) != 1 || got[0].Input != "b := 2" || got[0].Line != 2 || got[0].Output == nil {
		t.Errorf("Query = %+v, %v", got, err)
	}
}
