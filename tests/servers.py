"""A real `streamlit run app.py` on a free loopback port, for browser tests and benchmarks."""

from __future__ import annotations

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


@contextmanager
def streamlit_server(
    data_dir: Path,
    *extra: str,
    timeout: float = 60,
    env: dict[str, str] | None = None,
    info: dict[str, int] | None = None,
) -> Iterator[str]:
    """Yield the server's URL; `info`, if given, receives its pid (benchmarks read its RSS)."""
    app_dir = app_copy(Path(tempfile.mkdtemp(prefix="mapview-app-")))
    port = free_port()
    env = {**os.environ, "MAPVIEW_DATA": str(data_dir), **(env or {})}
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(app_dir / "app.py"),
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--browser.gatherUsageStats", "false", *extra,
    ]  # fmt: skip
    log = (app_dir / "server.log").open("wb")  # a file, not a pipe nobody drains
    proc = subprocess.Popen(cmd, cwd=app_dir, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    if info is not None:
        info["pid"] = proc.pid
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                out = (app_dir / "server.log").read_text(errors="replace")
                raise RuntimeError(f"streamlit did not start:\n{out}")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        shutil.rmtree(app_dir, ignore_errors=True)
