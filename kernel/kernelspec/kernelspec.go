// Package kernelspec installs the ChanLab kernelspec: the kernel.json file
// and logos by which Jupyter finds and starts the kernel.
//
// A kernelspec is a directory named after the kernel in a "kernels"
// directory that jupyter_core searches: the user's data directory
// (UserDir), the data directory of a Python environment (SysPrefixDir), or
// PREFIX/share/jupyter/kernels (PrefixDir).
package kernelspec

//go:generate go run gen_logos.go

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// Defaults for Options.
const (
	DefaultName        = "chanlab"
	DefaultDisplayName = "Go (ChanLab)"
)

//go:embed logo-32x32.png logo-64x64.png logo-svg.svg
var logos embed.FS

// logoFiles are the logo files copied next to kernel.json.
var logoFiles = []string{"logo-32x32.png", "logo-64x64.png", "logo-svg.svg"}

// Spec is the content of kernel.json.
type Spec struct {
	Argv          []string          `json:"argv"`
	DisplayName   string            `json:"display_name"`
	Language      string            `json:"language"`
	InterruptMode string            `json:"interrupt_mode"`
	Env           map[string]string `json:"env,omitempty"`
	Metadata      map[string]any    `json:"metadata"`
}

// Options say what to install and where.
type Options struct {
	// KernelsDir is the "kernels" directory to install into (see UserDir,
	// SysPrefixDir, PrefixDir).
	KernelsDir string
	// Name is the kernel's directory name (default DefaultName). It may
	// hold ASCII letters, digits, '-', '.' and '_'.
	Name string
	// DisplayName is the name shown in launchers (default
	// DefaultDisplayName).
	DisplayName string
	// Executable is the chanlab binary Jupyter runs; it is made absolute.
	// The default is the running executable.
	Executable string
	// Env is added to the kernel's environment.
	Env map[string]string
}

// NewSpec returns the kernelspec for the chanlab binary at exe.
func NewSpec(exe, displayName string, env map[string]string) Spec {
	if displayName == "" {
		displayName = DefaultDisplayName
	}
	return Spec{
		Argv:        []string{exe, "kernel", "--connection-file", "{connection_file}"},
		DisplayName: displayName,
		Language:    "go",
		// Message mode: interrupts arrive as interrupt_request on the
		// control channel, never as SIGINT to the process group.
		InterruptMode: "message",
		Env:           env,
		Metadata:      map[string]any{"debugger": false},
	}
}

// Install writes kernel.json and the logos into KernelsDir/Name, replacing
// an earlier install, and returns that directory.
func Install(o Options) (string, error) {
	if o.KernelsDir == "" {
		return "", errors.New("kernelspec: no kernels directory given")
	}
	if o.Name == "" {
		o.Name = DefaultName
	}
	if !validName(o.Name) {
		return "", fmt.Errorf("kernelspec: invalid kernel name %q: use letters, digits, '-', '.' and '_'", o.Name)
	}
	exe := o.Executable
	if exe == "" {
		var err error
		if exe, err = os.Executable(); err != nil {
			return "", fmt.Errorf("kernelspec: find the chanlab executable: %w", err)
		}
	}
	exe, err := filepath.Abs(exe)
	if err != nil {
		return "", fmt.Errorf("kernelspec: %w", err)
	}
	if resolved, err := filepath.EvalSymlinks(exe); err == nil {
		exe = resolved
	}
	dir := filepath.Join(o.KernelsDir, o.Name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("kernelspec: %w", err)
	}
	b, err := json.MarshalIndent(NewSpec(exe, o.DisplayName, o.Env), "", "  ")
	if err != nil {
		return "", fmt.Errorf("kernelspec: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "kernel.json"), append(b, '\n'), 0o644); err != nil {
		return "", fmt.Errorf("kernelspec: %w", err)
	}
	for _, name := range logoFiles {
		data, err := logos.ReadFile(name)
		if err != nil {
			return "", fmt.Errorf("kernelspec: %w", err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return "", fmt.Errorf("kernelspec: %w", err)
		}
	}
	return dir, nil
}

func validName(name string) bool {
	for _, r := range name {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-._", r)
		if !ok {
			return false
		}
	}
	return name != "" && name != "." && name != ".."
}

// UserDir returns the user's kernels directory as jupyter_core finds it:
// $JUPYTER_DATA_DIR/kernels if set, else on Linux
// $XDG_DATA_HOME/jupyter/kernels or ~/.local/share/jupyter/kernels, on
// macOS ~/Library/Jupyter/kernels.
func UserDir() (string, error) {
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return filepath.Join(d, "kernels"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("kernelspec: %w", err)
	}
	if runtime.GOOS == "darwin" {
		return filepath.Join(home, "Library", "Jupyter", "kernels"), nil
	}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "jupyter", "kernels"), nil
	}
	return filepath.Join(home, ".local", "share", "jupyter", "kernels"), nil
}

// SysPrefixDir returns the kernels directory of the active Python
// environment: $VIRTUAL_ENV (or $CONDA_PREFIX) if set, else sys.prefix of
// the python3 (or python) on PATH; then share/jupyter/kernels.
func SysPrefixDir() (string, error) {
	for _, v := range []string{"VIRTUAL_ENV", "CONDA_PREFIX"} {
		if p := os.Getenv(v); p != "" {
			return PrefixDir(p), nil
		}
	}
	for _, py := range []string{"python3", "python"} {
		path, err := exec.LookPath(py)
		if err != nil {
			continue
		}
		out, err := exec.Command(path, "-c", "import sys; print(sys.prefix)").Output()
		if err != nil {
			return "", fmt.Errorf("kernelspec: ask %s for sys.prefix: %w", path, err)
		}
		return PrefixDir(strings.TrimSpace(string(out))), nil
	}
	return "", errors.New("kernelspec: --sys-prefix: no VIRTUAL_ENV and no python3 on PATH")
}

// PrefixDir returns prefix/share/jupyter/kernels.
func PrefixDir(prefix string) string {
	return filepath.Join(prefix, "share", "jupyter", "kernels")
}
