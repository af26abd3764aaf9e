"""Rich output seen by a person: JupyterLab in headless Chromium, and an
nbconvert HTML export, both showing the charts and the progress bar of a
small notebook executed by the real ChanLab kernel."""

import os
import pathlib
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import nbformat
import pytest

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]
BUILD = ROOT / "build" / "screenshots"

CELLS = [
    """import (
	"fmt"
	"time"

	"github.com/chanlab/chanlab/snippets/chart"
	"github.com/chanlab/chanlab/snippets/display"
	"github.com/chanlab/chanlab/snippets/pools"
	"github.com/chanlab/chanlab/snippets/timing"
)""",
    # A timeline of 8 tasks on 2 workers.
    """rec := timing.NewRecorder()
p := pools.New(2, pools.WithRecorder(rec))
for i := range 8 {
	p.Submit(func() (any, error) { time.Sleep(time.Duration(20+10*(i%3)) * time.Millisecond); return i, nil })
}
p.Shutdown()
rec.Timeline("8 tasks on 2 workers")""",
    # A speedup bar chart.
    """chart.Bar("Speedup over sequential", "x", []string{"sequential", "2 goroutines", "4 goroutines"}, []float64{1, 1.9, 2.0})""",
    # A live progress bar.
    """bar := display.NewProgress("crunching", 8)
for range 8 {
	time.Sleep(30 * time.Millisecond)
	bar.Add(1)
}
bar.Done()
fmt.Println("progress finished")""",
]
TEXTS = ["progress finished", "crunching"]


def write_notebook(path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "chanlab", "display_name": "Go (ChanLab)", "language": "go"}
    nb.metadata["language_info"] = {"name": "go"}
    nb.cells = [nbformat.v4.new_code_cell(c) for c in CELLS]
    nbformat.write(nb, path)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def jupyter():
    return str(pathlib.Path(sys.executable).parent / "jupyter")


@pytest.fixture
def notebook(tmp_path):
    path = tmp_path / "display-demo.ipynb"
    write_notebook(path)
    return path


def test_nbconvert_html_export_shows_charts(notebook, tmp_path):
    subprocess.run(
        [jupyter(), "nbconvert", "--to", "html", "--execute",
         "--ExecutePreprocessor.kernel_name=chanlab", "--output-dir", str(tmp_path), str(notebook)],
        check=True, timeout=300,
    )
    html = (tmp_path / "display-demo.html").read_text()
    # nbconvert prefers the SVG of a bundle and falls back to its PNG.
    images = html.count('class="jp-RenderedSVG') + html.count('class="jp-RenderedImage')
    assert images >= 2, "expected the timeline and the bar chart as images"
    for t in TEXTS:
        assert t in html


@pytest.mark.skipif(not (HERE / "node_modules" / "playwright-core").exists(),
                    reason="run install/test.sh: it installs playwright-core and chromium")
def test_jupyterlab_renders_rich_output(notebook, tmp_path):
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    assert shutil.which(chromium), "chromium is needed (apt-get install chromium)"
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp_path / "config"))
    lab = subprocess.Popen(
        [jupyter(), "lab", "--no-browser", "--allow-root", f"--port={port}", "--ip=127.0.0.1",
         f"--IdentityProvider.token={token}", f"--notebook-dir={notebook.parent}",
         "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        env=env, stdout=subprocess.DEVNULL, stderr=open(tmp_path / "lab.log", "w"),
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        BUILD.mkdir(parents=True, exist_ok=True)
        shot = BUILD / "jupyterlab-display.png"
        res = subprocess.run(
            ["node", str(HERE / "run_notebook.mjs"), f"{base}/lab/tree/{notebook.name}?token={token}",
             str(shot), "2", *TEXTS],
            capture_output=True, text=True, timeout=400, env=dict(os.environ, CHROMIUM=chromium),
        )
        assert res.returncode == 0, f"browser run failed: {res.stdout}\n{res.stderr}\n{(tmp_path / 'lab.log').read_text()[-3000:]}"
        assert shot.stat().st_size > 10_000
    finally:
        lab.terminate()
        try:
            lab.wait(timeout=20)
        except subprocess.TimeoutExpired:
            lab.kill()
