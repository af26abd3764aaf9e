#!/usr/bin/env bash
# lab.sh sets ChanLab up (see setup.sh) and opens the notebooks in
# JupyterLab with the Go (ChanLab) kernel.
#
#   install/lab.sh                 open JupyterLab in a browser
#   install/lab.sh --serve         start JupyterLab without opening a browser
#   install/lab.sh --no-browser    (or --headless) execute every notebook with
#                                  the kernel instead, writing the executed
#                                  copies to build/notebooks/
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/install/setup.sh"
venv="$root/.venv"

# Jupyter refuses to start as root unless told to (containers, CI).
root_flag=()
[ "$(id -u)" = 0 ] && root_flag=(--allow-root)

case "${1:-}" in
--no-browser | --headless)
	out="$root/build/notebooks"
	mkdir -p "$out"
	status=0
	for nb in "$root"/notebooks/*.ipynb; do
		echo "== executing $(basename "$nb")"
		start=$(date +%s)
		if "$venv/bin/jupyter" nbconvert --to notebook --execute \
			--ExecutePreprocessor.kernel_name=chanlab \
			--ExecutePreprocessor.timeout=600 \
			--output-dir "$out" "$nb"; then
			echo "   ok in $(($(date +%s) - start)) s"
		else
			echo "   FAILED: $(basename "$nb")" >&2
			status=1
		fi
	done
	echo "executed notebooks are in $out"
	exit $status
	;;
--serve)
	exec "$venv/bin/jupyter" lab "${root_flag[@]}" --no-browser --notebook-dir="$root/notebooks"
	;;
"")
	exec "$venv/bin/jupyter" lab "${root_flag[@]}" --notebook-dir="$root/notebooks"
	;;
*)
	echo "usage: install/lab.sh [--no-browser | --headless | --serve]" >&2
	exit 2
	;;
esac
