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
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import make_dataset  # noqa: E402
from mapview.data.dataset import DEFAULT_DATA, load_dataset  # noqa: E402
from tests.servers import free_port, rss_kb, streamlit_server, wait_healthy  # noqa: E402

MOVES = 10


def interact(
    url: str,
    body: dict[str, object],
    timeout: float = 120,
    opener: urllib.request.OpenerDirector | None = None,
) -> dict[str, object]:
    """One agent API call; `opener` keeps a session's cookies, as its browser would."""
    req = urllib.request.Request(
        f"{url}/_stcore/agent/interact",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with (opener or urllib.request.build_opener()).open(req, timeout=timeout) as r:
        reply: dict[str, object] = json.loads(r.read())
        if r.status != 200:
            raise RuntimeError(f"HTTP {r.status}: {reply}")
    while reply.get("code") == "wait_timed_out":  # a slow run: collect it
        reply = interact(url, {"session_id": reply["session_id"]}, timeout, opener)
    return reply


def haproxy_config(port: int, backends: list[str]) -> str:
    """deploy/haproxy.cfg's settings, on loopback ports chosen for this run."""
    servers = "\n".join(
        f"    server s{n} {urlparse(b).netloc} check cookie s{n}" for n, b in enumerate(backends)
    )
    return f"""
global
    maxconn 2000
defaults
    mode http
    timeout connect 5s
    timeout client 1h
    timeout server 1h
    timeout tunnel 1h
frontend mapview
    bind 127.0.0.1:{port}
    default_backend streamlit
backend streamlit
    balance leastconn
    cookie MAPVIEW_SERVER insert indirect nocache httponly
    option httpchk GET /_stcore/health
{servers}
"""


@contextmanager
def haproxy(backends: list[str], tmp: Path) -> Iterator[str]:
    """HAProxy with sticky sessions in front of the servers (Debian's package)."""
    if shutil.which("haproxy") is None:
        raise SystemExit("haproxy is missing: apt-get install haproxy (see README)")
    port = free_port()
    cfg = tmp / "haproxy.cfg"
    cfg.write_text(haproxy_config(port, backends))
    proc = subprocess.Popen(["haproxy", "-f", str(cfg), "-db"], stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc, 20, "haproxy")
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


def run_level(url: str, pids: list[int], n: int, span: tuple[date, date]) -> dict[str, float]:
    """n sessions through one address; each moves the slider MOVES times."""
    before = sum(rss_kb(p) for p in pids)
    sessions: list[tuple[urllib.request.OpenerDirector, str]] = []
    errors: list[str] = []
    lock = threading.Lock()

    def create(i: int) -> None:
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        try:
            reply = interact(url, {}, opener=opener)
            with lock:
                sessions.append((opener, str(reply["session_id"])))
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

    def move(opener: urllib.request.OpenerDirector, sid: str, k: int) -> None:
        assert start_gate is not None
        start_gate.wait()
        for step in range(MOVES):
            days = (k + step * 7) % max(1, (hi - lo).days)
            window = [(lo + timedelta(days=days)).isoformat(), hi.isoformat()]
            t0 = time.perf_counter()
            try:
                state = {"session_id": sid, "widget_state": {"w_window": window}}
                reply = interact(url, state, opener=opener)
                if reply.get("status") != "ready":
                    raise RuntimeError(f"status {reply.get('status')}")
            except Exception as exc:
                with lock:
                    errors.append(f"move: {exc}")
                continue
            with lock:
                latencies.append(time.perf_counter() - t0)

    threads = [
        threading.Thread(target=move, args=(opener, sid, k))
        for k, (opener, sid) in enumerate(sessions)
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
        front = urls[0] if len(urls) == 1 else stack.enter_context(haproxy(urls, Path(tmp)))
        size = f"{args.incidents:,} synthetic incidents" if args.incidents else "the seed dataset"
        how = "" if len(urls) == 1 else " behind HAProxy with sticky sessions"
        print(f"== load: {size}, {args.processes} server process(es){how}, {MOVES} moves each ==")
        print("  sessions   p50 ms   p95 ms   max ms   moves/s   errors   KB/session")
        baseline = sum(rss_kb(p) for p in pids)
        for n in levels:
            r = run_level(front, pids, n, span)
            print(
                f"  {r['sessions']:8d} {r['p50'] * 1000:8.0f} {r['p95'] * 1000:8.0f} "
                f"{r['max'] * 1000:8.0f} {r['moves_per_s']:9.1f} {r['errors']:8d} "
                f"{r['kb_per_session']:12.0f}"
            )
        grown = sum(rss_kb(p) for p in pids) - baseline
        total = sum(levels)
        print(
            f"  server memory: {baseline / 1024:.0f} MB warm, +{grown / 1024:.1f} MB after "
            f"{total} sessions still open = {grown / total:.0f} KB per session"
        )


if __name__ == "__main__":
    main()
