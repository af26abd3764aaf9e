#!/usr/bin/env python3
"""Build the ChanLab notebooks from their cell sources.

Each notebook is written as plain text in notebooks/src/NN-name.cells, a
sequence of cells. A line starting with "%% md" opens a Markdown cell, a line
starting with "%% go" opens a Go code cell; tags may follow in brackets:

    %% go [comparison]
    %% go [solution]
    %% go [raises-exception]

This script turns every .cells file into notebooks/NN-name.ipynb (nbformat
4.5, outputs cleared, stable cell ids) for the "chanlab" kernel.

    python notebooks/build.py          # rebuild every notebook
    python notebooks/build.py --check  # fail if an .ipynb is out of date
"""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"

KERNELSPEC = {"name": "chanlab", "display_name": "Go (ChanLab)", "language": "go"}
LANGUAGE_INFO = {
    "name": "go",
    "file_extension": ".go",
    "mimetype": "text/x-go",
    "pygments_lexer": "go",
    "codemirror_mode": "go",
}
HEADER = re.compile(r"^%% (md|go)\s*(?:\[(.*)\])?\s*$")


def parse(text):
    """Return a list of (kind, source, tags) from the text of a .cells file."""
    cells = []
    kind, tags, lines = None, [], []

    def flush():
        if kind is None:
            return
        src = "\n".join(lines).strip("\n")
        if src.strip():
            cells.append((kind, src, tags))

    for line in text.splitlines():
        m = HEADER.match(line)
        if m:
            flush()
            kind = m.group(1)
            tags = [t.strip() for t in (m.group(2) or "").split(",") if t.strip()]
            lines = []
        elif kind is None:
            if line.strip():
                raise ValueError(f"text before the first cell header: {line!r}")
        else:
            lines.append(line)
    flush()
    return cells


def notebook(stem, cells):
    """Return the nbformat 4.5 JSON object for one notebook."""
    prefix = stem.split("-", 1)[0]
    out = []
    for i, (kind, src, tags) in enumerate(cells):
        cell = {
            "id": f"nb{prefix}-{i:03d}",
            "cell_type": "markdown" if kind == "md" else "code",
            "metadata": {},
            "source": src.splitlines(keepends=True),
        }
        if tags:
            cell["metadata"]["tags"] = tags
        if "solution" in tags:
            # JupyterLab shows a collapsed source until the reader opens it.
            cell["metadata"]["jupyter"] = {"source_hidden": True}
        if kind == "go":
            cell["execution_count"] = None
            cell["outputs"] = []
        out.append(cell)
    return {
        "cells": out,
        "metadata": {"kernelspec": KERNELSPEC, "language_info": LANGUAGE_INFO},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def render(path):
    nb = notebook(path.stem, parse(path.read_text(encoding="utf-8")))
    try:
        import nbformat

        nbformat.validate(nbformat.from_dict(nb))
    except ImportError:
        pass
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def main(argv):
    check = "--check" in argv
    stale = []
    for path in sorted(SRC.glob("*.cells")):
        target = HERE / (path.stem + ".ipynb")
        text = render(path)
        if check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(target.name)
        else:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(HERE.parent)}")
    if stale:
        print("out of date (run python notebooks/build.py):", ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
