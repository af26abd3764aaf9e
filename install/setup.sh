#!/usr/bin/env bash
# setup.sh prepares a checkout of ChanLab on a fresh machine: a Python
# virtual environment with Jupyter in .venv, the chanlab binary built into
# .venv/bin, and the "chanlab" kernelspec installed into that environment.
# It is idempotent and is sourced or run by lab.sh and test.sh.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv="$root/.venv"

need() { command -v "$1" >/dev/null 2>&1 || { echo "setup: $1 is required but not on PATH" >&2; exit 1; }; }
need go
need python3

if [ ! -x "$venv/bin/python" ]; then
	echo "setup: creating the Python environment in $venv"
	if ! python3 -m venv "$venv" 2>/dev/null; then
		# Debian's python3 needs python3-venv for this.
		if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
			apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
			rm -rf "$venv"
			python3 -m venv "$venv"
		else
			echo "setup: python3 -m venv failed; install python3-venv" >&2
			exit 1
		fi
	fi
fi

stamp="$venv/.requirements.sha"
want=$(sha256sum "$root/install/requirements.txt" | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
	echo "setup: installing Python packages (install/requirements.txt)"
	"$venv/bin/python" -m pip install -q --upgrade pip
	"$venv/bin/python" -m pip install -q -r "$root/install/requirements.txt"
	echo "$want" >"$stamp"
fi

echo "setup: building chanlab"
(cd "$root" && go build -o "$venv/bin/chanlab" .)

# The kernelspec goes into the environment, where its jupyter looks first.
"$venv/bin/chanlab" install --prefix "$venv" >/dev/null
# The reference kernel for benchmarks, in the same environment.
"$venv/bin/python" -m ipykernel install --sys-prefix >/dev/null 2>&1 || true
echo "setup: ready ($("$venv/bin/chanlab" version); kernels: $("$venv/bin/jupyter" kernelspec list 2>/dev/null | awk 'NR>1{printf "%s ", $1}'))"
