package kernelspec

import (
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

func TestInstall(t *testing.T) {
	dir := t.TempDir()
	exe := filepath.Join(dir, "bin", "chanlab")
	got, err := Install(Options{KernelsDir: filepath.Join(dir, "kernels"), Executable: exe, Env: map[string]string{"A": "b"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "kernels", DefaultName); got != want {
		t.Errorf("installed into %s, want %s", got, want)
	}
	b, err := os.ReadFile(filepath.Join(got, "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec Spec
	if err := json.Unmarshal(b, &spec); err != nil {
		t.Fatal(err)
	}
	if spec.Argv[0] != exe || spec.Argv[len(spec.Argv)-1] != "{connection_file}" ||
		spec.DisplayName != "Go (ChanLab)" || spec.Language != "go" || spec.InterruptMode != "message" || spec.Env["A"] != "b" {
		t.Errorf("kernel.json = %s", b)
	}
	for _, name := range logoFiles {
		if st, err := os.Stat(filepath.Join(got, name)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestInstallRejectsBadNames(t *testing.T) {
	for _, name := range []string{"../x", "a b", "..", "ü"} {
		if _, err := Install(Options{KernelsDir: t.TempDir(), Name: name, Executable: "/x"}); err == nil {
			t.Errorf("name %q accepted", name)
		}
	}
}

// The committed PNGs are what Logo draws (run go generate after a change).
func TestLogosAreGenerated(t *testing.T) {
	for _, size := range []int{32, 64} {
		name := map[int]string{32: "logo-32x32.png", 64: "logo-64x64.png"}[size]
		data, err := logos.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if img.Bounds() != image.Rect(0, 0, size, size) {
			t.Fatalf("%s is %v", name, img.Bounds())
		}
		var want bytes.Buffer
		png.Encode(&want, Logo(size))
		if !bytes.Equal(want.Bytes(), data) {
			t.Errorf("%s differs from Logo(%d): run go generate", name, size)
		}
	}
}

func TestDirs(t *testing.T) {
	t.Setenv("JUPYTER_DATA_DIR", "/data")
	if d, _ := UserDir(); d != "/data/kernels" {
		t.Errorf("UserDir = %s", d)
	}
	t.Setenv("VIRTUAL_ENV", "/venv")
	if d, _ := SysPrefixDir(); d != "/venv/share/jupyter/kernels" {
		t.Errorf("SysPrefixDir = %s", d)
	}
	if d := PrefixDir("/p"); d != "/p/share/jupyter/kernels" {
		t.Errorf("PrefixDir = %s", d)
	}
}
