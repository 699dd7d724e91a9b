"""A real `streamlit run app.py` on a free loopback port, for browser tests and benchmarks."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mapview.dashboard.assets import install_assets

APP_DIR = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def app_copy(target: Path) -> Path:
    """The shipped app.py and .streamlit/config.toml in a folder of their own.

    Each test server gets its own `static/`, as each deployment does: a server removes
    data files it did not publish, so two servers must not share one.
    """
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(APP_DIR / "app.py", target / "app.py")
    (target / ".streamlit").mkdir(exist_ok=True)
    shutil.copyfile(APP_DIR / ".streamlit" / "config.toml", target / ".streamlit" / "config.toml")
    install_assets(target / "static")
    return target


def wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout: float, what: str) -> None:
    """Until `url`'s Streamlit health check answers; a process that exits first, or a
    timeout, is an error naming `what` (the server's log, say)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not start:\n{what}")
        time.sleep(0.2)


def rss_kb(pid: int) -> int:
    """A process's resident memory (benchmarks print the servers')."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


@contextmanager
def serve(
    app_dir: Path,
    script: str,
    env: dict[str, str],
    *extra: str,
    timeout: float = 60,
    info: dict[str, int] | None = None,
) -> Iterator[str]:
    """`streamlit run` of `app_dir/script` on a free loopback port; yields its URL, then
    stops it and removes `app_dir`. `info`, if given, receives the server's pid."""
    port = free_port()
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(app_dir / script),
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--browser.gatherUsageStats", "false", *extra,
    ]  # fmt: skip
    log_path = app_dir / "server.log"
    log = log_path.open("wb")  # a file, not a pipe nobody drains
    proc = subprocess.Popen(
        cmd, cwd=app_dir, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    if info is not None:
        info["pid"] = proc.pid
    try:
        try:
            wait_healthy(url, proc, timeout, "")
        except RuntimeError as exc:
            raise RuntimeError(f"{exc}{log_path.read_text(errors='replace')}") from None
        try:
            yield url
        except BaseException:
            # the server's side of a failed test: its log is removed with the app folder
            log.flush()
            tail = log_path.read_text(errors="replace").splitlines()[-60:]
            sys.stderr.write("---- server log (last 60 lines) ----\n" + "\n".join(tail) + "\n")
            raise
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        shutil.rmtree(app_dir, ignore_errors=True)


def streamlit_server(
    data_dir: Path,
    *extra: str,
    timeout: float = 60,
    env: dict[str, str] | None = None,
    info: dict[str, int] | None = None,
) -> contextlib.AbstractContextManager[str]:
    """mapview's app on `data_dir`, in an app folder of its own; yields the server's URL."""
    app_dir = app_copy(Path(tempfile.mkdtemp(prefix="mapview-app-")))
    env = {"MAPVIEW_DATA": str(data_dir), **(env or {})}
    return serve(app_dir, "app.py", env, *extra, timeout=timeout, info=info)
