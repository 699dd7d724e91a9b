"""Many colleagues at once: time per slider move with 1 to 40 sessions (prints figures).

A real `streamlit run app.py` on loopback, driven through Streamlit's agent API (on for this
server only; the shipped config keeps it off): each session is created as a page load
would, then all sessions move the time slider ten times at once, each move waiting for its
rerun to finish, as a reader does. Prints p50/p95 per move, errors, and the server's
memory per session. Not a test: figures depend on the machine.

Run: `make bench-load` (or `.venv/bin/python benchmarks/bench_load.py [--incidents N]
[--sessions 1,5,10,20,40] [--processes P]`). With `--processes P` the sessions are spread
over P servers, as a deployment behind a proxy with sticky sessions spreads them.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from contextlib import ExitStack
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import make_dataset  # noqa: E402
from mapview.data.dataset import DEFAULT_DATA, load_dataset  # noqa: E402
from tests.servers import streamlit_server  # noqa: E402

MOVES = 10


def interact(url: str, body: dict[str, object], timeout: float = 120) -> dict[str, object]:
    req = urllib.request.Request(
        f"{url}/_stcore/agent/interact",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=timeout) as r:
        reply: dict[str, object] = json.loads(r.read())
        if r.status != 200:
            raise RuntimeError(f"HTTP {r.status}: {reply}")
    while reply.get("code") == "wait_timed_out":  # a slow run: collect it
        reply = interact(url, {"session_id": reply["session_id"]}, timeout)
    return reply


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def run_level(
    urls: list[str], pids: list[int], n: int, span: tuple[date, date]
) -> dict[str, float]:
    """n sessions, spread over the servers; each moves the slider MOVES times."""
    before = sum(rss_kb(p) for p in pids)
    sessions: list[tuple[str, str]] = []
    errors: list[str] = []
    lock = threading.Lock()

    def create(i: int) -> None:
        url = urls[i % len(urls)]
        try:
            reply = interact(url, {})
            with lock:
                sessions.append((url, str(reply["session_id"])))
        except Exception as exc:  # counted, not fatal: the figure is the error count
            with lock:
                errors.append(f"create: {exc}")

    threads = [threading.Thread(target=create, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    created = sum(rss_kb(p) for p in pids)
    latencies: list[float] = []
    lo, hi = span
    start_gate = threading.Barrier(len(sessions)) if sessions else None

    def move(url: str, sid: str, k: int) -> None:
        assert start_gate is not None
        start_gate.wait()
        for step in range(MOVES):
            days = (k + step * 7) % max(1, (hi - lo).days)
            window = [(lo + timedelta(days=days)).isoformat(), hi.isoformat()]
            t0 = time.perf_counter()
            try:
                reply = interact(url, {"session_id": sid, "widget_state": {"w_window": window}})
                if reply.get("status") != "ready":
                    raise RuntimeError(f"status {reply.get('status')}")
            except Exception as exc:
                with lock:
                    errors.append(f"move: {exc}")
                continue
            with lock:
                latencies.append(time.perf_counter() - t0)

    threads = [
        threading.Thread(target=move, args=(url, sid, k)) for k, (url, sid) in enumerate(sessions)
    ]
    t_all = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t_all
    latencies.sort()

    def pct(p: float) -> float:
        if not latencies:
            return float("nan")
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))]

    return {
        "sessions": n,
        "p50": statistics.median(latencies) if latencies else float("nan"),
        "p95": pct(0.95),
        "max": latencies[-1] if latencies else float("nan"),
        "moves_per_s": len(latencies) / wall if wall else 0.0,
        "errors": len(errors),
        "kb_per_session": (created - before) / max(1, n),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=0, help="synthetic dataset size")
    parser.add_argument("--sessions", default="1,5,10,20,40")
    parser.add_argument("--processes", type=int, default=1)
    args = parser.parse_args()
    levels = [int(x) for x in args.sessions.split(",")]
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        synthetic = args.incidents > 0
        data = make_dataset(Path(tmp) / "data", args.incidents) if synthetic else DEFAULT_DATA
        span = load_dataset(data).date_span
        urls, pids = [], []
        for _ in range(args.processes):
            info: dict[str, int] = {}
            url = stack.enter_context(
                streamlit_server(
                    data,
                    "--server.enableAgentApi=true",
                    "--server.agentSessionTTL=600",
                    info=info,
                )
            )
            interact(url, {})  # warm the caches: the first visitor pays for loading
            urls.append(url)
            pids.append(info["pid"])
        size = f"{args.incidents:,} synthetic incidents" if args.incidents else "the seed dataset"
        print(f"== load: {size}, {args.processes} server process(es), {MOVES} moves each ==")
        print("  sessions   p50 ms   p95 ms   max ms   moves/s   errors   KB/session")
        for n in levels:
            r = run_level(urls, pids, n, span)
            print(
                f"  {r['sessions']:8d} {r['p50'] * 1000:8.0f} {r['p95'] * 1000:8.0f} "
                f"{r['max'] * 1000:8.0f} {r['moves_per_s']:9.1f} {r['errors']:8d} "
                f"{r['kb_per_session']:12.0f}"
            )


if __name__ == "__main__":
    main()
