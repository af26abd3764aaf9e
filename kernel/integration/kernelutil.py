"""Helpers for driving a kernel through a jupyter_client BlockingKernelClient."""

import queue
import time

TIMEOUT = 60


def collect_iopub(kc, msg_id, timeout=TIMEOUT):
    """Return the iopub messages whose parent is msg_id, up to its idle status."""
    msgs = []
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"no idle status for {msg_id}; got {[m['msg_type'] for m in msgs]}")
        msg = kc.get_iopub_msg(timeout=left)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        msgs.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return msgs


def shell_reply(kc, msg_id, timeout=TIMEOUT):
    """Return the shell reply to msg_id, skipping replies to other requests."""
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"no reply to {msg_id}")
        msg = kc.get_shell_msg(timeout=left)
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def control_reply(kc, msg_id, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"no control reply to {msg_id}")
        msg = kc.control_channel.get_msg(timeout=left)
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def run(kc, code, timeout=TIMEOUT, **kw):
    """Execute code; return (reply content, iopub messages for it)."""
    msg_id = kc.execute(code, **kw)
    reply = shell_reply(kc, msg_id, timeout)
    msgs = collect_iopub(kc, msg_id, timeout)
    return reply["content"], msgs


def stdout_of(msgs, name="stdout"):
    return "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == name)


def types_of(msgs):
    return [m["msg_type"] for m in msgs]


def wait_for_execute_input(kc, msg_id, timeout=TIMEOUT):
    """Wait until the kernel has started msg_id (its execute_input is out)."""
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        try:
            msg = kc.get_iopub_msg(timeout=deadline - time.monotonic())
        except queue.Empty:
            break
        seen.append(msg)
        if msg["msg_type"] == "execute_input" and msg["parent_header"].get("msg_id") == msg_id:
            return seen
    raise TimeoutError(f"{msg_id} never started")


def interrupt(kc):
    """Send interrupt_request on the control channel and return its reply."""
    msg = kc.session.msg("interrupt_request", {})
    kc.control_channel.send(msg)
    return control_reply(kc, msg["header"]["msg_id"])


def flush(kc):
    """Discard everything received so far on shell and iopub."""
    for get in (kc.get_shell_msg, kc.get_iopub_msg):
        while True:
            try:
                get(timeout=0.05)
            except queue.Empty:
                break
