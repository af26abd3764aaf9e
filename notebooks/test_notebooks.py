"""Run every ChanLab notebook through the installed chanlab kernel.

Each notebook in this folder is executed from top to bottom with nbclient,
as CI and a reader's "Run All" would. The test fails when

- a cell without the ``raises-exception`` tag produces an error,
- a cell tagged ``raises-exception`` does *not* produce one,
- a cell tagged ``comparison`` (a timing comparison) did not show both a
  table (text/html) and a chart (image/png, alone or embedded in the HTML),
- the notebook is out of date with its source in src/ (see build.py).

Environment:
    CHANLAB_KERNEL       kernel name to use (default "chanlab")
    CHANLAB_NB_TIMEOUT   seconds allowed per notebook (default 300); a
                         notebook that is still running then is stopped
    CHANLAB_NB_OUTPUT    if set, a folder where executed copies are written

Run:  .venv/bin/pytest -v notebooks/test_notebooks.py
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

HERE = Path(__file__).resolve().parent
NOTEBOOKS = sorted(HERE.glob("[0-9][0-9]-*.ipynb"))
KERNEL = os.environ.get("CHANLAB_KERNEL", "chanlab")
TIMEOUT = int(os.environ.get("CHANLAB_NB_TIMEOUT", "300"))


def tags(cell):
    return set(cell.get("metadata", {}).get("tags", []))


def mime_types(cell):
    """Every MIME type the cell's display and result outputs carried."""
    seen = set()
    for out in cell.get("outputs", []):
        if out.get("output_type") in ("display_data", "execute_result", "update_display_data"):
            seen.update(out.get("data", {}).keys())
    return seen


def has_chart(cell):
    """A chart is a PNG output, or a PNG or SVG image inside an HTML output
    (snippets/timing shows a comparison's table with its chart as one HTML
    block, the chart as an embedded PNG)."""
    for out in cell.get("outputs", []):
        data = out.get("data", {})
        if "image/png" in data:
            return True
        html = data.get("text/html", "")
        if isinstance(html, list):
            html = "".join(html)
        if "data:image/png;base64," in html or "<svg" in html:
            return True
    return False


def has_error(cell):
    return any(out.get("output_type") == "error" for out in cell.get("outputs", []))


def text_of(cell, limit=2000):
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append(out.get("text", ""))
        elif out.get("output_type") == "error":
            parts.append(f"{out.get('ename')}: {out.get('evalue')}")
    return "".join(parts)[-limit:]


@pytest.fixture(scope="session", autouse=True)
def kernel_installed():
    try:
        KernelSpecManager().get_kernel_spec(KERNEL)
    except NoSuchKernel:
        pytest.fail(
            f"kernel {KERNEL!r} is not installed: build it with `go build -o chanlab .` "
            "and run `./chanlab install --user` (or set CHANLAB_KERNEL)"
        )


def test_sources_are_built():
    """The .ipynb files match their sources in src/."""
    res = subprocess.run([sys.executable, str(HERE / "build.py"), "--check"], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name=KERNEL,
        timeout=TIMEOUT,  # per cell; the notebook as a whole is bounded below
        allow_errors=False,  # errors only in cells tagged raises-exception
        resources={"metadata": {"path": str(HERE)}},
    )
    started = time.monotonic()
    deadline = started + TIMEOUT

    async def bounded_execute():
        import asyncio

        async with client.async_setup_kernel():
            for index, cell in enumerate(nb.cells):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"{path.name}: still running after {TIMEOUT} s (at cell {index})")
                await asyncio.wait_for(client.async_execute_cell(cell, index), remaining)

    import asyncio

    try:
        asyncio.run(bounded_execute())
    except CellExecutionError as err:
        pytest.fail(f"{path.name}: a cell failed:\n{err}")
    finally:
        elapsed = time.monotonic() - started
        out_dir = os.environ.get("CHANLAB_NB_OUTPUT")
        if out_dir:
            Path(out_dir).mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, Path(out_dir) / path.name)
        code = [c for c in nb.cells if c.cell_type == "code"]
        print(f"\n{path.name}: {elapsed:.1f} s, {len(code)} code cells of {len(nb.cells)}")

    problems = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        t = tags(cell)
        if "raises-exception" in t and not has_error(cell):
            problems.append(f"cell {index} is tagged raises-exception but ran without an error")
        if "comparison" in t:
            types = mime_types(cell)
            missing = []
            if "text/html" not in types:
                missing.append("table (text/html)")
            if not has_chart(cell):
                missing.append("chart (image/png)")
            if missing:
                problems.append(
                    f"cell {index} is a comparison but showed no {' or '.join(missing)} "
                    f"(got {sorted(types)}); output: {text_of(cell, 300)!r}"
                )
    assert not problems, f"{path.name}:\n" + "\n".join(problems)
