package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/chanlab/chanlab/kernel/kernelspec"
)

const installUsage = `Usage: chanlab install [--user | --sys-prefix | --prefix PREFIX] [--name NAME] [--display-name NAME]

Installs the ChanLab kernelspec (kernel.json and logos) where Jupyter finds it:
  --user          the user's Jupyter data directory (the default):
                  $JUPYTER_DATA_DIR/kernels, else ~/.local/share/jupyter/kernels
  --sys-prefix    the active Python environment: $VIRTUAL_ENV, else sys.prefix
                  of the python3 on PATH, then share/jupyter/kernels
  --prefix PREFIX PREFIX/share/jupyter/kernels

The kernelspec runs this chanlab binary by its absolute path, so reinstall
after moving it.

Flags:
`

func runInstall(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("install", flag.ContinueOnError)
	fs.SetOutput(stderr)
	user := fs.Bool("user", false, "install for the current user (default)")
	sysPrefix := fs.Bool("sys-prefix", false, "install into the active Python environment")
	prefix := fs.String("prefix", "", "install into `PREFIX`/share/jupyter/kernels")
	name := fs.String("name", kernelspec.DefaultName, "kernel `name` (its directory)")
	display := fs.String("display-name", kernelspec.DefaultDisplayName, "`name` shown in Jupyter's launcher")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), installUsage)
		fs.PrintDefaults()
	}
	for _, a := range args {
		if a == "-h" || a == "-help" || a == "--help" {
			fs.SetOutput(stdout)
			fs.Usage()
			return 0
		}
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "chanlab install: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	chosen := 0
	for _, b := range []bool{*user, *sysPrefix, *prefix != ""} {
		if b {
			chosen++
		}
	}
	if chosen > 1 {
		fmt.Fprintln(stderr, "chanlab install: choose one of --user, --sys-prefix and --prefix")
		return 2
	}
	var dir string
	var err error
	switch {
	case *sysPrefix:
		dir, err = kernelspec.SysPrefixDir()
	case *prefix != "":
		dir = kernelspec.PrefixDir(*prefix)
	default:
		dir, err = kernelspec.UserDir()
	}
	if err != nil {
		fmt.Fprintf(stderr, "chanlab install: %v\n", err)
		return 1
	}
	path, err := kernelspec.Install(kernelspec.Options{KernelsDir: dir, Name: *name, DisplayName: *display})
	if err != nil {
		fmt.Fprintf(stderr, "chanlab install: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "Installed kernelspec %s in %s\n", *name, path)
	return 0
}
