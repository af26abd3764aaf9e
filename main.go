package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/chanlab/chanlab/snippets/pools"
)

const usage = `chanlab: a Jupyter kernel for Go, made for learning concurrency.

Usage:
  chanlab kernel --connection-file FILE   run the kernel (Jupyter starts this)
  chanlab install [flags]                 install the kernelspec (see chanlab install --help)
  chanlab worker                          run the engine worker (the kernel starts this)
  chanlab version                         print the version
`

func main() {
	// A process-pool child re-runs this binary: serve it and never return.
	pools.ServeProcessWorker()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the subcommand in args and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "kernel":
		return runKernel(args[1:], stderr)
	case "worker":
		return runWorker()
	case "install":
		return runInstall(args[1:], stdout, stderr)
	case "version", "--version":
		fmt.Fprintf(stdout, "chanlab %s (%s, %s/%s)\n", version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
		return 0
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "chanlab: unknown command %q\n\n%s", args[0], usage)
	return 2
}

// version returns the module version, or the VCS revision for a build from
// a work tree.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel"
	}
	v := "devel-" + rev[:min(12, len(rev))]
	if dirty {
		v += "-dirty"
	}
	return strings.TrimSpace(v)
}
