#!/usr/bin/env bash
# test.sh sets ChanLab up (see setup.sh) and runs every test: formatting and
# vet, the Go unit and integration tests, the race detector over the helper
# packages and the engine runtime, and the Python tests that drive the real
# kernel binary through Jupyter clients (jupyter_client, jupyter_kernel_test,
# nbclient), including executing every notebook.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
"$root/install/setup.sh"
venv="$root/.venv"
export CHANLAB_BIN="$venv/bin/chanlab"
export PATH="$venv/bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

step "browser test tools (chromium, playwright-core)"
if ! command -v chromium >/dev/null 2>&1; then
	if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
	else
		echo "chromium is missing and cannot be installed here: the browser test will fail" >&2
	fi
fi
(cd kernel/integration/browser && npm ci --no-audit --no-fund --silent)

step "gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go'))
if [ -n "$unformatted" ]; then
	echo "gofmt would change:"; echo "$unformatted"; exit 1
fi

step "go vet"
go vet ./...

step "go test"
go test -count=1 -timeout 20m ./...

step "go test -race (helpers and engine runtime)"
go test -count=1 -race -timeout 20m ./snippets/... ./kernel/engine/rt/... ./kernel/supervisor/... ./kernel/server/...

step "Python integration tests (kernel and notebooks)"
"$venv/bin/python" -m pytest -q -p no:cacheprovider kernel/integration notebooks
