"""Measure ChanLab against ipykernel in the same run and print a table.

    .venv/bin/python kernel/integration/bench.py [--cells 200] [--starts 5]

Measures, for each kernel: the time from starting the kernel process to its
first kernel_info_reply, the round trip of a trivial cell (execute_request
sent → idle status received; median and p99), 100,000 printed lines (time
and number of stream messages) and, for ChanLab, how long an interrupt of
`for {}` takes to produce the execute_reply. Uses the same temporary
kernelspec setup as the tests (CHANLAB_BIN or a fresh go build).
"""

import argparse
import os
import queue
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from conftest import KERNEL_NAME  # noqa: E402  (sets up JUPYTER_PATH)
from jupyter_client.manager import KernelManager  # noqa: E402
from kernelutil import collect_iopub, interrupt, shell_reply, wait_for_execute_input  # noqa: E402

KERNELS = {
    "chanlab": {
        "name": KERNEL_NAME,
        "trivial": "1",
        "lines": 'import "fmt"\nfor i := 0; i < 100000; i++ {\n\tfmt.Println(i)\n}',
        "loop": "for {\n}",
    },
    "ipykernel": {
        "name": "python3",
        "trivial": "1",
        "lines": "for i in range(100000):\n    print(i)",
        "loop": "while True:\n    pass",
    },
}


def time_to_kernel_info(name):
    km = KernelManager(kernel_name=name)
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        while True:
            msg_id = kc.kernel_info()
            try:
                while True:
                    msg = kc.get_shell_msg(timeout=0.05)
                    if msg["msg_type"] == "kernel_info_reply":
                        return time.perf_counter() - t0
            except queue.Empty:
                pass
            if time.perf_counter() - t0 > 60:
                raise TimeoutError(f"{name}: no kernel_info_reply")
            del msg_id
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def round_trips(kc, code, n):
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        msg_id = kc.execute(code)
        collect_iopub(kc, msg_id)
        times.append(time.perf_counter() - t0)
        shell_reply(kc, msg_id)
    return times


def many_lines(kc, code):
    t0 = time.perf_counter()
    msg_id = kc.execute(code)
    msgs = collect_iopub(kc, msg_id, timeout=300)
    dt = time.perf_counter() - t0
    shell_reply(kc, msg_id)
    streams = [m for m in msgs if m["msg_type"] == "stream"]
    ok = "".join(m["content"]["text"] for m in streams).count("\n") == 100000
    return dt, len(streams), ok


def interrupt_latency(kc, code):
    msg_id = kc.execute(code)
    wait_for_execute_input(kc, msg_id)
    time.sleep(0.3)
    t0 = time.perf_counter()
    interrupt(kc)
    shell_reply(kc, msg_id)
    dt = time.perf_counter() - t0
    collect_iopub(kc, msg_id)
    return dt


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cells", type=int, default=200)
    ap.add_argument("--starts", type=int, default=5)
    args = ap.parse_args()

    rows = {}
    for label, k in KERNELS.items():
        starts = [time_to_kernel_info(k["name"]) for _ in range(args.starts)]
        km = KernelManager(kernel_name=k["name"])
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=60)
        try:
            round_trips(kc, k["trivial"], 20)  # warm up
            rt = round_trips(kc, k["trivial"], args.cells)
            lines_t, lines_n, lines_ok = many_lines(kc, k["lines"])
            intr = interrupt_latency(kc, k["loop"]) if label == "chanlab" else None
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=False)
        rows[label] = {
            "start → kernel_info_reply, median": f"{statistics.median(starts) * 1000:.0f} ms",
            "start → kernel_info_reply, max": f"{max(starts) * 1000:.0f} ms",
            "trivial cell round trip, median": f"{statistics.median(rt) * 1000:.2f} ms",
            "trivial cell round trip, p99": f"{pct(rt, 99) * 1000:.2f} ms",
            "100,000 printed lines": f"{lines_t:.2f} s, {lines_n} messages{'' if lines_ok else ' (LOST LINES)'}",
            "interrupt `for {}` → reply": f"{intr * 1000:.0f} ms" if intr is not None else "n/a",
        }

    labels = list(rows)
    print(f"| measure ({args.cells} cells, {args.starts} starts) | " + " | ".join(labels) + " |")
    print("|---|" + "---|" * len(labels))
    for key in rows[labels[0]]:
        print(f"| {key} | " + " | ".join(rows[lb][key] for lb in labels) + " |")


if __name__ == "__main__":
    main()
