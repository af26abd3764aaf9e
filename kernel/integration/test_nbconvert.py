"""Execute a small Go notebook with `jupyter nbconvert --to notebook --execute`."""

import os
import pathlib
import subprocess
import sys

import nbformat

from conftest import KERNEL_NAME

HERE = pathlib.Path(__file__).parent


def test_nbconvert_executes_notebook(tmp_path):
    jupyter = pathlib.Path(sys.executable).with_name("jupyter")
    subprocess.run(
        [
            str(jupyter), "nbconvert", "--to", "notebook", "--execute",
            f"--ExecutePreprocessor.kernel_name={KERNEL_NAME}",
            "--ExecutePreprocessor.timeout=120",
            "--output-dir", str(tmp_path),
            str(HERE / "testdata" / "smoke.ipynb"),
        ],
        check=True,
        env=os.environ,
    )
    nb = nbformat.read(tmp_path / "smoke.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code[0].outputs[0]["text"] == "hello from ChanLab\n"
    assert code[1].outputs[0]["data"]["text/plain"] == "14"
    assert code[2].outputs[0]["output_type"] == "display_data"
    assert "text/markdown" in code[2].outputs[0]["data"]
    assert code[3].outputs[0]["output_type"] == "error"
    assert code[4].outputs[0]["text"] == "after the error: 14\n"
    counts = [c.execution_count for c in code]
    assert counts == [1, 2, 3, 4, 5]
