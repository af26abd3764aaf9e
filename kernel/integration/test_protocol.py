"""Protocol-level tests of the chanlab kernel through jupyter_client."""

import queue
import re
import time

import pytest
import zmq
from jupyter_client.session import Session

from kernelutil import (
    collect_iopub,
    control_reply,
    flush,
    interrupt,
    run,
    shell_reply,
    stdout_of,
    types_of,
    wait_for_execute_input,
)


def test_kernel_info(kernel):
    km, kc = kernel
    flush(kc)
    msg_id = kc.kernel_info()
    reply = shell_reply(kc, msg_id)["content"]
    assert reply["status"] == "ok"
    major, minor = map(int, reply["protocol_version"].split(".")[:2])
    assert (major, minor) >= (5, 3)
    assert reply["implementation"] == "chanlab"
    li = reply["language_info"]
    assert li["name"] == "go"
    assert re.fullmatch(r"\d+\.\d+(\.\d+)?", li["version"]), li["version"]
    assert li["mimetype"] == "text/x-go"
    assert li["file_extension"] == ".go"
    assert li["codemirror_mode"] == "go"
    assert li["pygments_lexer"] == "go"
    assert reply["help_links"] and all("url" in h and "text" in h for h in reply["help_links"])
    statuses = [m["content"]["execution_state"] for m in collect_iopub(kc, msg_id)]
    assert statuses == ["busy", "idle"]


def test_kernel_info_on_control(kernel):
    km, kc = kernel
    msg = kc.session.msg("kernel_info_request", {})
    kc.control_channel.send(msg)
    reply = control_reply(kc, msg["header"]["msg_id"])
    assert reply["msg_type"] == "kernel_info_reply"


def test_execute_stream_and_count(kernel):
    km, kc = kernel
    flush(kc)
    reply, msgs = run(kc, 'import "fmt"\nfmt.Println("hello, world")')
    assert reply["status"] == "ok", reply
    n = reply["execution_count"]
    assert types_of(msgs)[:2] == ["status", "execute_input"]
    assert msgs[1]["content"]["execution_count"] == n
    assert types_of(msgs)[-1] == "status"
    assert stdout_of(msgs) == "hello, world\n"

    reply2, msgs2 = run(kc, "1 + 2")
    assert reply2["execution_count"] == n + 1
    results = [m for m in msgs2 if m["msg_type"] == "execute_result"]
    assert len(results) == 1 and results[0]["content"]["data"]["text/plain"] == "3"
    assert results[0]["content"]["execution_count"] == n + 1


def test_silent_and_store_history(kernel):
    km, kc = kernel
    flush(kc)
    before, _ = run(kc, "1")
    reply, msgs = run(kc, "2", silent=True)
    assert reply["status"] == "ok"
    assert "execute_input" not in types_of(msgs)
    assert "execute_result" not in types_of(msgs)
    reply, msgs = run(kc, "3", store_history=False)
    assert reply["status"] == "ok"
    after, _ = run(kc, "4")
    assert after["execution_count"] == before["execution_count"] + 1


def test_error(kernel):
    km, kc = kernel
    flush(kc)
    reply, msgs = run(kc, "undefinedName123 + 1")
    assert reply["status"] == "error"
    assert reply["ename"] and reply["evalue"] and isinstance(reply["traceback"], list)
    errors = [m for m in msgs if m["msg_type"] == "error"]
    assert len(errors) == 1 and errors[0]["content"]["ename"] == reply["ename"]


def test_stop_on_error_aborts_queued_cells(kernel):
    km, kc = kernel
    flush(kc)
    bad = kc.execute("undefinedName456")
    later = kc.execute("1")
    assert shell_reply(kc, bad)["content"]["status"] == "error"
    assert shell_reply(kc, later)["content"]["status"] == "aborted"
    bad = kc.execute("undefinedName456", stop_on_error=False)
    later = kc.execute("1")
    assert shell_reply(kc, bad)["content"]["status"] == "error"
    assert shell_reply(kc, later)["content"]["status"] == "ok"


def test_small_requests(kernel):
    km, kc = kernel
    flush(kc)
    run(kc, 'import "strings"\nvar greeting = strings.ToUpper("hi")')

    msg_id = kc.complete("strings.ToU", 11)
    c = shell_reply(kc, msg_id)["content"]
    assert c["status"] == "ok" and isinstance(c["matches"], list)
    assert c["cursor_end"] == 11

    msg_id = kc.inspect("strings.ToUpper", 10)
    c = shell_reply(kc, msg_id)["content"]
    assert c["status"] == "ok" and "found" in c

    for code, want in [("x := 1", {"complete"}), ("func f() {", {"incomplete", "unknown"})]:
        msg_id = kc.is_complete(code)
        c = shell_reply(kc, msg_id)["content"]
        assert c["status"] in want, (code, c)

    msg_id = kc.history(hist_access_type="tail", n=3, output=False, raw=True)
    c = shell_reply(kc, msg_id)["content"]
    assert c["status"] == "ok" and len(c["history"]) == 3
    assert all(len(h) == 3 for h in c["history"])

    msg_id = kc.comm_info()
    c = shell_reply(kc, msg_id)["content"]
    assert c["status"] == "ok" and c["comms"] == {}


def test_bad_signature_is_dropped(kernel):
    km, kc = kernel
    flush(kc)
    info = km.get_connection_info()
    ctx = zmq.Context.instance()
    sock = ctx.socket(zmq.DEALER)
    sock.connect(f"tcp://{info['ip']}:{info['shell_port']}")
    try:
        forged = Session(key=b"not-the-key")
        forged.send(sock, "execute_request", {"code": "1", "silent": False})
        sock.send_multipart([b"garbage"])
        sock.send_multipart([b"<IDS|MSG>", b"sig", b"{", b"{}", b"{}", b"{}"])
        assert sock.poll(1000) == 0, "the kernel answered a forged message"
    finally:
        sock.close(0)
    reply, _ = run(kc, "40 + 2")
    assert reply["status"] == "ok"


def test_control_answers_while_cell_runs(kernel):
    km, kc = kernel
    flush(kc)
    msg_id = kc.execute('import "time"\ntime.Sleep(3 * time.Second)')
    wait_for_execute_input(kc, msg_id)
    msg = kc.session.msg("kernel_info_request", {})
    kc.control_channel.send(msg)
    control_reply(kc, msg["header"]["msg_id"])
    # The control reply came while the cell still runs.
    with pytest.raises(queue.Empty):
        kc.get_shell_msg(timeout=0)
    interrupt(kc)
    assert shell_reply(kc, msg_id)["content"]["status"] == "error"


def test_completion_and_inspection_while_cell_runs(kernel):
    km, kc = kernel
    flush(kc)
    msg_id = kc.execute('import "time"\ntime.Sleep(30 * time.Second)')
    wait_for_execute_input(kc, msg_id)
    code = 'import "fmt"\nfmt.Prin'
    complete_id = kc.complete(code, len(code))
    reply = shell_reply(kc, complete_id, timeout=10)["content"]
    assert {"fmt.Print", "fmt.Printf", "fmt.Println"} <= set(reply["matches"]) or {
        "Print", "Printf", "Println"} <= set(reply["matches"]), reply
    inspect_id = kc.inspect('import "sync"\nvar wg sync.WaitGroup\nwg.Wait()', 40)
    reply = shell_reply(kc, inspect_id, timeout=10)["content"]
    assert reply["found"] and "Wait" in reply["data"]["text/plain"], reply
    # Both answers came while the cell was still running.
    with pytest.raises(queue.Empty):
        kc.get_shell_msg(timeout=0)
    interrupt(kc)
    assert shell_reply(kc, msg_id)["content"]["status"] == "error"


INTERRUPTIBLE = {
    "busy loop": "for {\n}",
    "sleep": 'import "time"\ntime.Sleep(time.Hour)',
    "channel receive": "ch := make(chan int)\n<-ch",
    "empty select": "select {}",
    "mutex": 'import "sync"\nvar mu sync.Mutex\nmu.Lock()\nmu.Lock()',
    "waitgroup": 'import "sync"\nvar wg sync.WaitGroup\nwg.Add(1)\nwg.Wait()',
}


@pytest.mark.parametrize("name", list(INTERRUPTIBLE))
def test_interrupt(kernel, name):
    km, kc = kernel
    flush(kc)
    run(kc, "interruptMarker := 7")
    msg_id = kc.execute(INTERRUPTIBLE[name])
    wait_for_execute_input(kc, msg_id)
    time.sleep(0.3)
    assert interrupt(kc)["content"]["status"] == "ok"
    reply = shell_reply(kc, msg_id)["content"]
    assert reply["status"] == "error", reply
    reply, msgs = run(kc, 'import "fmt"\nfmt.Println("after", interruptMarker)')
    assert reply["status"] == "ok", reply
    assert stdout_of(msgs) == "after 7\n"


def test_interrupt_while_idle_stops_background_goroutines(fresh_kernel):
    km, kc = fresh_kernel
    flush(kc)
    code = (
        'import ("fmt"; "time")\n'
        'go func() { t := time.NewTicker(20 * time.Millisecond); for range t.C { fmt.Println("tick") } }()\n'
        'go func() { for { time.Sleep(20 * time.Millisecond); fmt.Print("") } }()'
    )
    reply, _ = run(kc, code)
    assert reply["status"] == "ok", reply
    seen = []

    def stream_text(until):
        while True:
            try:
                m = kc.get_iopub_msg(timeout=60)
            except queue.Empty:
                raise TimeoutError(f"no {until!r}; got {seen}")
            if m["msg_type"] == "stream":
                seen.append((m["content"]["name"], m["content"]["text"]))
                if until in m["content"]["text"]:
                    return m

    stream_text("tick")
    assert interrupt(kc)["content"]["status"] == "ok"
    note = stream_text("background goroutine")
    assert note["content"]["name"] == "stderr"
    assert "stopped 2 background goroutine(s)" in note["content"]["text"], note
    # Ticks printed before the stop may still be on their way; then none.
    time.sleep(0.3)
    flush(kc)
    time.sleep(0.3)
    late = []
    while True:
        try:
            m = kc.get_iopub_msg(timeout=0.05)
        except queue.Empty:
            break
        if m["msg_type"] == "stream":
            late.append(m["content"]["text"])
    assert late == [], late
    reply, msgs = run(kc, 'fmt.Println("after")')
    assert reply["status"] == "ok", reply
    assert stdout_of(msgs) == "after\n"


def test_rich_results_and_metadata(kernel):
    km, kc = kernel
    flush(kc)
    code = (
        'import "chanlab/display"\n'
        "type Card struct{ Name string }\n"
        'func (c Card) RenderMIME() display.MIME { return display.MIME{"text/html": "<b>" + c.Name + "</b>", "text/plain": c.Name} }\n'
        'func card() Card { return Card{"ace"} }\n'
        "card()"
    )
    reply, msgs = run(kc, code)
    assert reply["status"] == "ok", reply
    results = [m["content"] for m in msgs if m["msg_type"] == "execute_result"]
    assert len(results) == 1 and results[0]["data"].get("text/html") == "<b>ace</b>", results
    reply, msgs = run(kc, 'import "chanlab/chart"\nchart.Bar("t", "s", []string{"a"}, []float64{1})')
    assert reply["status"] == "ok", reply
    results = [m["content"] for m in msgs if m["msg_type"] == "execute_result"]
    assert len(results) == 1 and "image/png" in results[0]["data"], results
    assert results[0]["metadata"]["image/png"]["width"] == 640, results[0]["metadata"]


def test_println_goes_to_stderr(kernel):
    km, kc = kernel
    flush(kc)
    reply, msgs = run(kc, 'println("to stderr", 2)')
    assert reply["status"] == "ok", reply
    assert stdout_of(msgs, "stderr") == "to stderr 2\n"
    assert stdout_of(msgs) == ""


def test_interrupt_through_kernel_manager(kernel):
    km, kc = kernel
    flush(kc)
    msg_id = kc.execute("for {\n}")
    wait_for_execute_input(kc, msg_id)
    km.interrupt_kernel()
    assert shell_reply(kc, msg_id)["content"]["status"] == "error"


def test_goroutine_panic(kernel):
    km, kc = kernel
    flush(kc)
    reply, msgs = run(kc, 'import "time"\ngo func() { panic("boom in goroutine") }()\ntime.Sleep(200 * time.Millisecond)')
    shown = " ".join(
        m["content"].get("evalue", "") + " ".join(m["content"].get("traceback", [])) + m["content"].get("text", "")
        for m in msgs
        if m["msg_type"] in ("error", "stream")
    )
    assert "boom in goroutine" in shown, msgs
    reply, _ = run(kc, "1 + 1")
    assert reply["status"] == "ok"


# Cells that end the worker process. The map race is a real data race, so
# how it ends depends on the interpreter: Go's "fatal error: concurrent map
# writes" ends the process; an error the engine catches leaves it running.
# Either way the cell fails and the next one works.
FATAL = {
    "concurrent map writes": (
        'import "sync"\n'
        "m := map[int]int{}\n"
        "var wg sync.WaitGroup\n"
        "writer := func() {\n"
        "\tdefer wg.Done()\n"
        "\tfor i := 0; i < 1000000; i++ {\n"
        "\t\tm[i%1000] = i\n"
        "\t}\n"
        "}\n"
        "for g := 0; g < 4; g++ {\n"
        "\twg.Add(1)\n"
        "\tgo writer()\n"
        "}\n"
        "wg.Wait()",
        "concurrent map",
    ),
    # The engine may turn os.Exit into an error, or let the worker exit.
    "os.Exit(3)": ('import "os"\nos.Exit(3)', "3"),
    "unlock of unlocked mutex": ('import "sync"\nvar mu sync.Mutex\nmu.Unlock()', "unlock of unlocked mutex"),
    # Far more than the machine has: Go's allocator gives up with a fatal error.
    "50 GB allocation": ("big := make([]byte, 50<<30)\nbig[len(big)-1] = 1", "out of memory"),
    # A small stack limit makes the overflow quick (the default is 1 GB).
    "stack overflow": (
        'import "runtime/debug"\n'
        "debug.SetMaxStack(1 << 20)\n"
        "var down func(int) int\n"
        "down = func(n int) int { return down(n+1) + 1 }\n"
        "down(0)",
        "stack overflow",
    ),
}


@pytest.mark.parametrize("name", list(FATAL))
def test_fatal_error_then_working_cell(fresh_kernel, name):
    km, kc = fresh_kernel
    code, words = FATAL[name]
    reply, _ = run(kc, "survivor := 41")
    assert reply["status"] == "ok"
    reply, msgs = run(kc, code, timeout=120)
    assert reply["status"] == "error", reply
    said = reply["evalue"] + "\n".join(reply["traceback"])
    crashed = reply["ename"] in ("FatalError", "Panic", "WorkerCrashed")
    if name != "concurrent map writes" or crashed:
        assert words in said, said
    if crashed:
        # The replay note is the error's last line, after the
        # explanation, and survivor kept its value.
        last = reply["traceback"][-1]
        assert last.startswith("A new Go worker was started and restored the declarations of 1 earlier cell(s)"), last
        assert last.endswith("variables kept their values."), last
        assert not [m for m in msgs if m["msg_type"] == "stream" and "restored" in m["content"]["text"]], msgs
    reply, msgs = run(kc, 'import "fmt"\nfmt.Println(survivor + 1)')
    assert reply["status"] == "ok", reply
    assert stdout_of(msgs) == "42\n"


def test_hundred_mixed_cells_in_order(fresh_kernel):
    km, kc = fresh_kernel
    flush(kc)
    run(kc, 'import "time"')
    kinds = ["ok", "ok", "error", "ok", "interrupt", "ok", "ok", "error", "ok", "ok"] * 10
    codes = {
        "ok": "v{i} := {i}\nv{i}",
        "error": "undefinedName{i}",
        "interrupt": "time.Sleep(time.Hour)",
    }
    ids = [kc.execute(codes[k].format(i=i), stop_on_error=False) for i, k in enumerate(kinds)]
    want = dict(zip(ids, kinds))
    replies = []
    deadline = time.monotonic() + 600
    while len(replies) < len(ids):
        assert time.monotonic() < deadline, f"only {len(replies)} replies"
        try:
            msg = kc.get_iopub_msg(timeout=0.05)
            pid = msg["parent_header"].get("msg_id")
            if msg["msg_type"] == "execute_input" and want.get(pid) == "interrupt":
                interrupt(kc)
        except queue.Empty:
            pass
        while True:
            try:
                replies.append(kc.get_shell_msg(timeout=0))
            except queue.Empty:
                break
    assert [r["parent_header"]["msg_id"] for r in replies] == ids
    statuses = [r["content"]["status"] for r in replies]
    assert statuses == [{"ok": "ok"}.get(k, "error") for k in kinds]
    counts = [r["content"]["execution_count"] for r in replies]
    assert counts == list(range(counts[0], counts[0] + 100))


def test_many_lines_arrive(kernel):
    km, kc = kernel
    flush(kc)
    reply, msgs = run(kc, 'import "fmt"\nfor i := 0; i < 100000; i++ {\n\tfmt.Println(i)\n}', timeout=300)
    assert reply["status"] == "ok"
    text = stdout_of(msgs)
    assert text == "".join(f"{i}\n" for i in range(100000))
    streams = sum(1 for m in msgs if m["msg_type"] == "stream")
    assert streams < 1000, streams


def test_restart(fresh_kernel):
    km, kc = fresh_kernel
    reply, _ = run(kc, "beforeRestart := 1")
    assert reply["status"] == "ok"
    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=60)
    reply, _ = run(kc, "beforeRestart")
    assert reply["status"] == "error"
    assert reply["execution_count"] == 1
    reply, _ = run(kc, "1 + 1")
    assert reply["status"] == "ok"


def test_history_survives_restart(fresh_kernel):
    km, kc = fresh_kernel
    marker = f"historyMarker{time.time_ns()} := 1"
    reply, _ = run(kc, marker)
    assert reply["status"] == "ok"
    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=60)
    msg_id = kc.history(hist_access_type="search", pattern="historyMarker*", n=10, output=False, raw=True)
    found = shell_reply(kc, msg_id)["content"]["history"]
    assert [h for h in found if h[2] == marker], found
    # The restarted kernel is a new session: the old cell has an older one.
    run(kc, "2 + 2")
    msg_id = kc.history(hist_access_type="tail", n=1, output=False, raw=True)
    (latest,) = shell_reply(kc, msg_id)["content"]["history"]
    old = [h for h in found if h[2] == marker][0]
    assert latest[0] > old[0], (latest, old)


def test_shutdown(fresh_kernel):
    km, kc = fresh_kernel
    msg = kc.session.msg("shutdown_request", {"restart": False})
    kc.control_channel.send(msg)
    reply = control_reply(kc, msg["header"]["msg_id"])
    assert reply["content"] == {"status": "ok", "restart": False}
    deadline = time.monotonic() + 30
    while km.is_alive():
        assert time.monotonic() < deadline, "kernel did not exit"
        time.sleep(0.05)


def test_sigint_does_not_kill_the_kernel(fresh_kernel):
    import os
    import signal

    km, kc = fresh_kernel
    msg_id = kc.execute('import "time"\ntime.Sleep(time.Hour)')
    wait_for_execute_input(kc, msg_id)
    # As a terminal's Ctrl-C or a signal-mode client would: the whole group.
    os.killpg(os.getpgid(km.provisioner.process.pid), signal.SIGINT)
    assert shell_reply(kc, msg_id)["content"]["status"] == "error"
    assert km.is_alive()
    reply, _ = run(kc, "2 + 2")
    assert reply["status"] == "ok"


def test_rebuild_note_and_top_level_defer(kernel):
    """A cell redefining a function says so on stderr, naming only the
    variables whose values were lost; a top-level defer runs at the
    cell's end; a forgotten import is named."""
    km, kc = kernel
    flush(kc)
    reply, _ = run(kc, 'import "fmt"\nfunc noteF() int { return 1 }\nnoteA := []int{1}\nnoteB := 2\nnoteC := struct{ N int }{3}\nnoteC.N++')
    assert reply["status"] == "ok", reply
    reply, msgs = run(kc, "func noteF() int { return 2 }\nfmt.Println(noteF(), noteA, noteB)")
    assert reply["status"] == "ok", reply
    assert stdout_of(msgs) == "2 [1] 2\n"
    note = stdout_of(msgs, "stderr")
    # Other tests share the kernel: their variables may be named too.
    assert note.startswith("Rebuilt the interpreter because this cell redefines noteF; variables reset: "), note
    reset = note.split("variables reset: ")[1].split(";")[0].rstrip(".\n").split(", ")
    assert "noteC" in reset and "noteA" not in reset and "noteB" not in reset, note
    reply, msgs = run(kc, 'import "time"\ntk := time.NewTicker(5 * time.Millisecond)\ndefer tk.Stop()\nticks := 0\nfor ticks < 2 { <-tk.C; ticks++ }\nfmt.Println(ticks)')
    assert reply["status"] == "ok", reply
    assert stdout_of(msgs) == "2\n"
    reply, msgs = run(kc, "var noteR ring.Ring")
    assert reply["status"] == "error"
    assert reply["evalue"].endswith('undefined: ring (missing import "container/ring"?)'), reply["evalue"]
    reply, msgs = run(kc, 'import "container/ring"\nvar noteR ring.Ring\nnoteR.Len()')
    assert reply["status"] == "ok", reply
