"""Fixtures for ChanLab's integration tests.

The tests drive a real `chanlab` binary through jupyter_client. The binary is
$CHANLAB_BIN if set, else built with `go build` from the module root into a
temporary directory. Its kernelspec is installed (`chanlab install --prefix`)
into a temporary prefix that is put on JUPYTER_PATH, so nothing outside the
temporary directory is touched; history goes to a temporary file too.

Run from the module root:  .venv/bin/pytest kernel/integration
"""

import os
import pathlib
import subprocess
import tempfile

import pytest

MODULE_ROOT = pathlib.Path(__file__).resolve().parents[2]
KERNEL_NAME = "chanlab-test"

# Generous limits: they only stop a hung test, they do not measure speed.
TIMEOUT = 60


def _setup_environment():
    """Build (or locate) chanlab, install its kernelspec, set JUPYTER_PATH.

    Runs at import time so that jupyter_kernel_test, which reads the kernel
    name at class creation, sees the installed spec too."""
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="chanlab-it-"))
    binary = os.environ.get("CHANLAB_BIN")
    if not binary:
        binary = str(tmp / "chanlab")
        subprocess.run(["go", "build", "-o", binary, "."], cwd=MODULE_ROOT, check=True)
    prefix = tmp / "prefix"
    subprocess.run(
        [binary, "install", "--prefix", str(prefix), "--name", KERNEL_NAME],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    os.environ["JUPYTER_PATH"] = str(prefix / "share" / "jupyter")
    os.environ["JUPYTER_DATA_DIR"] = str(tmp / "data")
    os.environ["CHANLAB_HISTORY"] = str(tmp / "history.jsonl")
    os.environ["JUPYTER_PLATFORM_DIRS"] = "1"
    return binary, tmp


CHANLAB_BIN, WORKDIR = _setup_environment()


@pytest.fixture(scope="session")
def chanlab_bin():
    return CHANLAB_BIN


@pytest.fixture(scope="module")
def kernel():
    """A started kernel and a blocking client, shared by a test module."""
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=TIMEOUT)
    try:
        yield km, kc
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


@pytest.fixture()
def fresh_kernel():
    """A kernel of its own, for tests that crash or restart it."""
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=TIMEOUT)
    try:
        yield km, kc
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
